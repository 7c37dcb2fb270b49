import {
  encodeLiveSlices,
  LIVE_SLICES,
  LiveSliceName,
  LiveSlices,
  LiveSnapshotWire,
  LiveUpdate,
  LiveViewer,
} from '@app/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { Participant } from '../meetings/participant.entity';
import { LiveStateRow } from './live-state.entity';

export type SliceLoader<K extends LiveSliceName> = (meetingId: string) => Promise<LiveSlices[K]>;
/** Fills in a viewer's own part of a snapshot (e.g. which ballots they already cast). */
export type ViewerPart = (meetingId: string, viewer: LiveViewer, slices: LiveSlices) => Promise<void>;
export type Broadcast = (update: LiveUpdate) => void;

/**
 * The live state of each meeting: assembled from its parts (each feature registers the loader of its
 * slice), versioned in the database, and sent as one update per changed slice. A change is written,
 * versioned and read back in one transaction, then broadcast: what clients see was committed first.
 */
@Injectable()
export class LiveStateService {
  private readonly loaders = new Map<LiveSliceName, SliceLoader<LiveSliceName>>();
  private readonly viewerParts: ViewerPart[] = [];
  private broadcast: Broadcast = () => undefined;
  private readonly changeListeners: ((meetingId: string, changed: readonly LiveSliceName[]) => void)[] = [];
  /**
   * Slices as of one version per meeting, and their encoding: a reconnect storm reads the database
   * once per version, and every socket is sent the same bytes.
   */
  private readonly cache = new Map<string, { version: number; slices: LiveSlices; encoded: Buffer }>();
  /**
   * The last version each meeting committed through `change` (or first read): a cached snapshot of
   * that version is current without asking the database, so a thousand joins cost no transactions.
   */
  private readonly committed = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  registerSlice<K extends LiveSliceName>(name: K, loader: SliceLoader<K>): void {
    this.loaders.set(name, loader as unknown as SliceLoader<LiveSliceName>);
  }

  registerViewerPart(part: ViewerPart): void {
    this.viewerParts.push(part);
  }

  attachBroadcast(broadcast: Broadcast): void {
    this.broadcast = broadcast;
  }

  /** Told after each committed change (e.g. to drop what was cached from the slices it names). */
  onChange(listener: (meetingId: string, changed: readonly LiveSliceName[]) => void): void {
    this.changeListeners.push(listener);
  }

  /**
   * Runs `work` in a transaction; then, still inside it, bumps the version once per slice in
   * `changed` and reads those slices back. The updates go out after the commit, in version order.
   */
  async change<T>(
    meetingId: string,
    changed: readonly LiveSliceName[],
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<{ result: T; version: number }> {
    const updates: LiveUpdate[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const result = await work(manager);
      // Nothing named (e.g. ballots, whose tally goes out on its own clock): no version to bump.
      const first = changed.length ? (await this.bump(manager, meetingId, changed.length)) - changed.length + 1 : 0;
      for (const [index, slice] of changed.entries()) {
        updates.push({
          meetingId,
          version: first + index,
          slice,
          value: await this.load(slice, meetingId),
        } as LiveUpdate);
      }
      return result;
    });
    if (updates.length) this.committed.set(meetingId, updates[updates.length - 1].version);
    this.cache.delete(meetingId);
    for (const listener of this.changeListeners) listener(meetingId, changed);
    for (const update of updates) this.broadcast(update);
    return { result, version: updates.at(-1)?.version ?? (await this.version(meetingId)) };
  }

  /** Re-sends slices whose data changed outside the live session (e.g. the meeting's status over HTTP). */
  async publish(meetingId: string, changed: readonly LiveSliceName[]): Promise<void> {
    await this.change(meetingId, changed, async () => undefined);
  }

  async snapshot(meetingId: string, participant: Participant): Promise<LiveSnapshotWire> {
    const current = this.cache.get(meetingId);
    const { version, slices, encoded } =
      current && current.version === this.committed.get(meetingId) ? current : await this.read(meetingId);
    const viewer: LiveViewer = {
      participantId: participant.id,
      userId: participant.userId,
      meetingRole: participant.meetingRole,
      votingMember: participant.votingMember,
      represents: [
        ...(participant.votingMember ? [participant.id] : []),
        ...slices.attendance.entries
          .filter((entry) => entry.proxyHolderId === participant.id && entry.votingMember)
          .map((entry) => entry.participantId),
      ],
      votedInActivePoll: [],
    };
    for (const part of this.viewerParts) await part(meetingId, viewer, slices);
    return { meetingId, version, serverTime: new Date().toISOString(), viewer, slices: encoded };
  }

  /** Slices at the database's current version, encoded once and cached for the next joins. */
  private read(meetingId: string): Promise<{ version: number; slices: LiveSlices; encoded: Buffer }> {
    return this.dataSource.transaction(async (manager) => {
      const version = await this.currentVersion(manager, meetingId);
      // Only when no change committed meanwhile: a change records the newer version itself.
      if (!this.committed.has(meetingId)) this.committed.set(meetingId, version);
      const cached = this.cache.get(meetingId);
      if (cached?.version === version) return cached;
      const slices = {} as Record<LiveSliceName, unknown>;
      for (const name of LIVE_SLICES) slices[name] = await this.load(name, meetingId);
      const bytes = encodeLiveSlices(slices as unknown as LiveSlices);
      const encoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const fresh = { version, slices: slices as unknown as LiveSlices, encoded };
      this.cache.set(meetingId, fresh);
      return fresh;
    });
  }

  async version(meetingId: string): Promise<number> {
    return this.currentVersion(this.dataSource.manager, meetingId);
  }

  /** The meeting's live row, created at version 0 on first use. */
  async row(manager: EntityManager, meetingId: string): Promise<LiveStateRow> {
    await manager.query(`INSERT OR IGNORE INTO "live_states" ("meetingId", "version") VALUES (?, 0)`, [meetingId]);
    return manager.findOneByOrFail(LiveStateRow, { meetingId });
  }

  private async currentVersion(manager: EntityManager, meetingId: string): Promise<number> {
    const row = await manager.findOneBy(LiveStateRow, { meetingId });
    return row?.version ?? 0;
  }

  private async bump(manager: EntityManager, meetingId: string, by: number): Promise<number> {
    await this.row(manager, meetingId);
    await manager.query(`UPDATE "live_states" SET "version" = "version" + ? WHERE "meetingId" = ?`, [by, meetingId]);
    return this.currentVersion(manager, meetingId);
  }

  private load<K extends LiveSliceName>(name: K, meetingId: string): Promise<LiveSlices[K]> {
    const loader = this.loaders.get(name);
    if (!loader) throw new Error(`No loader registered for the live slice "${name}"`);
    return loader(meetingId) as Promise<LiveSlices[K]>;
  }
}
