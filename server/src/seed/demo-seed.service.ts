import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Algorithm, hash } from '@node-rs/argon2';
import { DataSource, EntityManager } from 'typeorm';

import { AppConfig } from '../config/app-config';
import { DocumentVersion } from '../documents/document-version.entity';
import { MeetingDocument } from '../documents/meeting-document.entity';
import { DocumentProcessingService } from '../documents/processing/document-processing.service';
import { DocumentStorage } from '../documents/storage/document-storage';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { OrganisationUnit } from '../people/organisation-unit.entity';
import { User } from '../people/user.entity';
import { DEMO_ACCOUNTS, DEMO_AGENDA, DEMO_COMMUNES, DEMO_DISTRICT, DEMO_DOCUMENTS, DEMO_MEETING } from './demo-data';
import { renderDemoPdf } from './demo-pdf';

interface SeededFile {
  path: string;
  bytes: Uint8Array;
  versionId: string;
}

export interface DemoCredential {
  username: string;
  password: string;
  role: string;
  displayName: string;
}

/**
 * Seeds the demo district on first start (empty database) and prints its accounts on every start.
 * Passwords are random per installation: only their argon2id hashes go into the database; the
 * plain ones are kept in DATA_DIR/demo-accounts.json (mode 600) so they can be shown again.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    private readonly processing: DocumentProcessingService,
  ) {}

  get credentialsFile(): string {
    return join(this.config.dataDir, 'demo-accounts.json');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    if (await this.seedIfEmpty()) this.logger.log('Demo district, accounts and meeting seeded');
  }

  /** Returns false (and changes nothing) when the database already holds organisation units. */
  async seedIfEmpty(now = new Date()): Promise<boolean> {
    if ((await this.dataSource.getRepository(OrganisationUnit).count()) > 0) return false;
    const credentials = DEMO_ACCOUNTS.map((account) => ({
      username: account.username,
      password: randomBytes(9).toString('base64url'),
      role: account.role,
      displayName: account.displayName,
    }));
    const hashes = await Promise.all(credentials.map((c) => hash(c.password, { algorithm: Algorithm.Argon2id })));
    const files: SeededFile[] = [];
    await this.dataSource.transaction(async (manager) => {
      const units = await this.seedUnits(manager);
      const users = await manager.save(
        DEMO_ACCOUNTS.map((account, i) =>
          manager.create(User, {
            username: account.username,
            displayName: account.displayName,
            passwordHash: hashes[i],
            role: account.role,
            unitId: account.commune === null ? units.district.id : units.communes[account.commune].id,
          }),
        ),
      );
      files.push(...(await this.seedMeeting(manager, units.district, users, now)));
    });
    // Files are written after the commit so a failed seed leaves no orphan files behind.
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(file.path, file.bytes);
    }
    for (const file of files) this.processing.enqueue(file.versionId);
    await mkdir(this.config.dataDir, { recursive: true });
    await writeFile(this.credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    return true;
  }

  async readCredentials(): Promise<DemoCredential[]> {
    try {
      return JSON.parse(await readFile(this.credentialsFile, 'utf8')) as DemoCredential[];
    } catch {
      return [];
    }
  }

  private async seedUnits(manager: EntityManager) {
    const district = await manager.save(manager.create(OrganisationUnit, { name: DEMO_DISTRICT, kind: 'district' }));
    const communes = await manager.save(
      DEMO_COMMUNES.map((name) => manager.create(OrganisationUnit, { name, kind: 'commune', parentId: district.id })),
    );
    return { district, communes };
  }

  private async seedMeeting(manager: EntityManager, district: OrganisationUnit, users: User[], now: Date) {
    const startsAt = new Date(now);
    startsAt.setUTCDate(startsAt.getUTCDate() + DEMO_MEETING.inDays);
    startsAt.setUTCHours(DEMO_MEETING.startUtcHour, 0, 0, 0);
    const meeting = await manager.save(
      manager.create(Meeting, {
        title: DEMO_MEETING.title,
        place: DEMO_MEETING.place,
        mode: DEMO_MEETING.mode,
        status: 'scheduled',
        startsAt,
        endsAt: new Date(startsAt.getTime() + DEMO_MEETING.durationMinutes * 60_000),
        organiserId: district.id,
      }),
    );
    await manager.save(
      DEMO_ACCOUNTS.flatMap((account, i) =>
        account.meetingRole
          ? [
              manager.create(Participant, {
                meetingId: meeting.id,
                userId: users[i].id,
                meetingRole: account.meetingRole,
                votingMember: account.votingMember,
              }),
            ]
          : [],
      ),
    );
    const agenda = await manager.save(
      DEMO_AGENDA.map((item, i) => manager.create(AgendaItem, { ...item, meetingId: meeting.id, position: i + 1 })),
    );
    const files: SeededFile[] = [];
    for (const doc of DEMO_DOCUMENTS) {
      const { bytes, pageCount } = await renderDemoPdf(doc, meeting.title);
      const document = await manager.save(
        manager.create(MeetingDocument, {
          meetingId: meeting.id,
          agendaItemId: agenda[doc.agendaItem].id,
          title: doc.title,
          fileName: doc.fileName,
          sizeBytes: bytes.byteLength,
          pageCount,
          latestVersion: 1,
          currentVersion: null,
        }),
      );
      // Version 1 in state `processing`, exactly like an upload: the queue linearizes it, renders
      // thumbnails and stores its text once the files are written.
      const version = await manager.save(
        manager.create(DocumentVersion, {
          documentId: document.id,
          number: 1,
          status: 'processing',
          stage: 'queued',
          progress: 0,
          sourceKind: 'pdf',
          mimeType: 'application/pdf',
          fileName: doc.fileName,
          sizeBytes: bytes.byteLength,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        }),
      );
      const ref = { meetingId: meeting.id, documentId: document.id, number: 1 };
      files.push({ path: this.storage.sourcePath(ref, 'pdf'), bytes, versionId: version.id });
    }
    return files;
  }
}
