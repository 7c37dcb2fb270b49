import type { ConferenceState, RecordingRequest } from '@app/shared';
import { Injectable, Logger } from '@nestjs/common';

import type { LiveCaller } from '../live/live-calls';
import { ConferenceNotifier } from './conference-notifier';
import type { ConferencePeer, PeerProducer } from './conference-peer';
import type { ConferenceRoom, RoomCloseReason } from './conference-room';
import { ConferenceRoomsService } from './conference-rooms.service';
import { RecordingService, RecordingSource, RecordingStopCause } from './recording/recording.service';

/**
 * The bridge's side of the server-side recording (RecordingService captures and mixes): the chair
 * starts and stops it, every producer that comes or goes while it runs is added or removed, the
 * room's state shows it to everyone, and it stops when the room closes (last peer gone, meeting
 * over). Not when the room's worker dies: the rebuilt room's producers join the same recording,
 * from the new router. RecordingService stops it itself when no new router comes in time or the
 * disk fills up: everyone's state then shows it stopped too.
 */
@Injectable()
export class ConferenceRecorder {
  private readonly logger = new Logger(ConferenceRecorder.name);
  /** When each running recording started, for a bridge rebuilt while it runs. */
  private readonly startedAt = new Map<string, string>();

  constructor(
    private readonly rooms: ConferenceRoomsService,
    private readonly notifier: ConferenceNotifier,
    private readonly recording: RecordingService,
  ) {
    rooms.onRoomCreated((room) => {
      if (room.test) return;
      const startedAt = this.startedAt.get(room.meetingId);
      if (startedAt && this.recording.isRecording(room.meetingId)) room.recording = { active: true, startedAt };
      room.once('close', (reason) => {
        if (reason !== 'worker') this.stop(room, { reason: SERVER_STOPS[reason] });
      });
    });
    recording.onStopped((meetingId) => {
      this.startedAt.delete(meetingId);
      const room = this.rooms.get(meetingId);
      if (!room || room.closed || !room.recording.active) return;
      room.recording = { active: false, startedAt: null };
      this.notifier.state(room);
    });
  }

  async set(caller: LiveCaller, { meetingId, active }: RecordingRequest): Promise<ConferenceState['recording']> {
    const room = this.rooms.requireBridge(meetingId);
    if (active && !room.recording.active) {
      const sources = [...room.peers.values()].flatMap((peer) =>
        [...peer.producers.values()].map((producer) => source(peer, producer)),
      );
      const { startedAt } = await this.recording.start(meetingId, room.router, sources, caller.user);
      this.startedAt.set(meetingId, startedAt);
      room.recording = { active: true, startedAt };
    } else if (!active && room.recording.active) {
      this.stop(room, { by: caller.user });
    }
    this.notifier.state(room);
    return { ...room.recording };
  }

  async addSource(room: ConferenceRoom, peer: ConferencePeer, producer: PeerProducer): Promise<void> {
    if (room.test || !this.recording.isRecording(room.meetingId)) return;
    await this.guard('add a source to', room, () =>
      this.recording.addSource(room.meetingId, source(peer, producer), room.router),
    );
  }

  async removeSource(room: ConferenceRoom, producer: PeerProducer): Promise<void> {
    if (room.test || !this.recording.isRecording(room.meetingId)) return;
    await this.guard('remove a source from', room, () => this.recording.removeSource(room.meetingId, producer.id));
  }

  /** Capture stops at once; the mix into one file runs in the background (RecordingService logs its outcome). */
  private stop(room: ConferenceRoom, cause: RecordingStopCause): void {
    room.recording = { active: false, startedAt: null };
    this.startedAt.delete(room.meetingId);
    if (!this.recording.isRecording(room.meetingId)) return;
    void this.guard('stop', room, () => this.recording.stop(room.meetingId, cause));
  }

  /** The recording failing must not break the conference: logged, the call goes on. */
  private async guard(what: string, room: ConferenceRoom, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`could not ${what} the recording of ${room.meetingId}: ${(error as Error).message}`);
    }
  }
}

/** Why the server stops a recording when its room closes (not for a dead worker: the room comes back). */
const SERVER_STOPS = { ended: 'meeting_ended', empty: 'room_empty' } as const satisfies Record<
  Exclude<RoomCloseReason, 'worker'>,
  string
>;

function source(peer: ConferencePeer, producer: PeerProducer): RecordingSource {
  return { producer, peerId: peer.id, displayName: peer.identity.displayName, source: producer.appData.source };
}
