import { stat } from 'node:fs/promises';

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ConferenceRecording } from '../conference/recording/conference-recording.entity';
import { RecordingStorage } from '../conference/recording/recording-storage';
import { DocumentVersion } from '../documents/document-version.entity';
import { MeetingDocument } from '../documents/meeting-document.entity';
import { DocumentStorage } from '../documents/storage/document-storage';
import { Meeting } from '../meetings/meeting.entity';
import { mapAgendaItem, mapOrganisationUnit } from '../meetings/meeting.mapper';
import { mapParticipant, sortParticipants } from '../meetings/participants/participant.mapper';
import { MinutesService } from '../minutes/minutes.service';
import { ArchiveFileError, ArchivePlan, BytesEntry, FileEntry } from './archive-builder';

/**
 * What goes into a meeting's archive, read from the database: `meeting.json`, `agenda.json`,
 * `participants.json` (attendance stays empty until live sessions record it), `documents.json`, and
 * every version of every document — the uploaded original and, once processed, the served PDF —
 * the minutes (`minutes/bien-ban.pdf` and `.txt`) when the meeting has them, and the ready
 * recordings of its video bridge (`recordings/<start>.webm`, listed in `recordings.json`).
 */
@Injectable()
export class ArchiveContents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    private readonly minutes: MinutesService,
    private readonly recordingStorage: RecordingStorage,
  ) {}

  async plan(meetingId: string, exportedBy: { id: string; username: string }, now: Date): Promise<ArchivePlan> {
    const meeting = await this.dataSource.getRepository(Meeting).findOneOrFail({
      where: { id: meetingId },
      relations: { organiser: true, agendaItems: true, participants: { user: { unit: true } } },
    });
    const documents = await this.dataSource.getRepository(MeetingDocument).find({ where: { meetingId } });
    const versions = documents.length
      ? await this.dataSource
          .getRepository(DocumentVersion)
          .createQueryBuilder('v')
          .where('v.documentId IN (:...ids)', { ids: documents.map((d) => d.id) })
          .orderBy('v.number', 'ASC')
          .getMany()
      : [];
    const agenda = [...meeting.agendaItems].sort((a, b) => a.position - b.position);
    const positionOf = new Map(agenda.map((item) => [item.id, item.position]));
    const ordered = [...documents].sort(
      (a, b) =>
        (positionOf.get(a.agendaItemId ?? '') ?? Infinity) - (positionOf.get(b.agendaItemId ?? '') ?? Infinity) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.title.localeCompare(b.title, 'vi'),
    );

    const files: FileEntry[] = [];
    const documentsJson = [];
    for (const [index, document] of ordered.entries()) {
      const folder = `documents/${String(index + 1).padStart(2, '0')}-${safeName(document.title)}`;
      const versionsJson = [];
      for (const version of versions.filter((v) => v.documentId === document.id)) {
        const entries = await this.versionFiles(meeting.id, document, version, `${folder}/v${version.number}`);
        files.push(...entries);
        versionsJson.push({
          number: version.number,
          status: version.status,
          fileName: version.fileName,
          sourceKind: version.sourceKind,
          mimeType: version.mimeType,
          sizeBytes: version.sizeBytes,
          sha256: version.sha256,
          pageCount: version.pageCount,
          pdfSha256: version.pdfSha256,
          failureReason: version.failureReason,
          uploadedById: version.uploadedById,
          createdAt: version.createdAt.toISOString(),
          readyAt: version.readyAt?.toISOString() ?? null,
          files: entries.map((e) => e.name),
        });
      }
      documentsJson.push({
        id: document.id,
        folder,
        title: document.title,
        agendaItemId: document.agendaItemId,
        agendaPosition: positionOf.get(document.agendaItemId ?? '') ?? null,
        visibility: document.visibility,
        confidential: document.confidential,
        currentVersion: document.currentVersion,
        versions: versionsJson,
      });
    }

    // The minutes, when the meeting has them: the text as edited and its PDF (marked draft if not final).
    const minutes = await this.minutes.forArchive(meeting.id);
    const bytes: BytesEntry[] = minutes
      ? [
          { name: 'minutes/bien-ban.pdf', bytes: minutes.pdf },
          { name: 'minutes/bien-ban.txt', bytes: Buffer.from(minutes.body, 'utf8') },
        ]
      : [];

    const recordings = await this.recordings(meeting.id);

    return {
      meetingId: meeting.id,
      meetingTitle: meeting.title,
      bytes,
      json: [
        {
          name: 'meeting.json',
          data: {
            id: meeting.id,
            title: meeting.title,
            startsAt: meeting.startsAt.toISOString(),
            endsAt: meeting.endsAt.toISOString(),
            place: meeting.place,
            mode: meeting.mode,
            status: meeting.status,
            cancelReason: meeting.cancelReason,
            organiser: mapOrganisationUnit(meeting.organiser),
            createdAt: meeting.createdAt.toISOString(),
            exportedAt: now.toISOString(),
            exportedBy,
          },
        },
        { name: 'agenda.json', data: agenda.map(mapAgendaItem) },
        {
          name: 'participants.json',
          data: sortParticipants(meeting.participants).map((p) => ({ ...mapParticipant(p), attendance: [] })),
        },
        { name: 'documents.json', data: documentsJson },
        ...(recordings.json.length ? [{ name: 'recordings.json', data: recordings.json }] : []),
      ],
      files: [...files, ...recordings.files],
    };
  }

  /** Ready recordings of the video bridge, oldest first; each must still match its SHA-256. */
  private async recordings(meetingId: string): Promise<{ files: FileEntry[]; json: unknown[] }> {
    const rows = await this.dataSource
      .getRepository(ConferenceRecording)
      .find({ where: { meetingId, status: 'ready' }, order: { startedAt: 'ASC' } });
    const taken = new Set<string>();
    const files: FileEntry[] = [];
    const json = rows.map((row) => {
      const stamp = row.startedAt
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/:/g, '-');
      let name = `recordings/${stamp}.webm`;
      for (let n = 2; taken.has(name); n++) name = `recordings/${stamp}-${n}.webm`;
      taken.add(name);
      files.push({ name, path: this.recordingStorage.filePath(meetingId, row.id), expectedSha256: row.sha256 });
      return {
        file: name,
        id: row.id,
        startedAt: row.startedAt.toISOString(),
        endedAt: row.endedAt?.toISOString() ?? null,
        durationMs: row.durationMs,
        sizeBytes: row.fileBytes,
        sha256: row.sha256,
        startedById: row.startedById,
      };
    });
    return { files, json };
  }

  /** A ready version must have both files; an unfinished or failed one brings its original if it is still there. */
  private async versionFiles(
    meetingId: string,
    document: MeetingDocument,
    version: DocumentVersion,
    folder: string,
  ): Promise<FileEntry[]> {
    const ref = { meetingId, documentId: document.id, number: version.number };
    const ready = version.status === 'ready';
    const entries: FileEntry[] = [];
    const source = await firstExisting([
      this.storage.sourcePath(ref, version.sourceKind),
      // Documents stored before versions existed keep their file here until processed.
      ...(version.number === 1 ? [this.storage.legacyPath(meetingId, document.id)] : []),
    ]);
    if (source) {
      entries.push({
        name: `${folder}/original/${safeName(version.fileName)}`,
        path: source,
        expectedSha256: version.sha256,
      });
    } else if (ready) {
      throw new ArchiveFileError(`the original of "${document.title}" v${version.number} is missing`);
    }
    if (ready) {
      const pdf = this.storage.pdfPath(ref);
      if (!(await firstExisting([pdf]))) {
        throw new ArchiveFileError(`the PDF of "${document.title}" v${version.number} is missing`);
      }
      entries.push({ name: `${folder}/document.pdf`, path: pdf, expectedSha256: version.pdfSha256 });
    }
    return entries;
  }
}

async function firstExisting(paths: string[]): Promise<string | null> {
  for (const path of paths) {
    try {
      if ((await stat(path)).isFile()) return path;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** A file or folder name inside the ZIP: Vietnamese kept, separators and control characters not. */
export function safeName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '_')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120)
    .trim();
  return cleaned || 'tai-lieu';
}
