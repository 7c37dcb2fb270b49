import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type {
  ArchiveJobResponse,
  ArchiveManifest,
  AuditPageResponse,
  ErrorResponse,
  MinutesResponse,
} from '@app/shared';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import * as yauzl from 'yauzl';

import { ConferenceRecording } from '../conference/recording/conference-recording.entity';
import { RecordingStorage } from '../conference/recording/recording-storage';
import { DocumentVersion } from '../documents/document-version.entity';
import { MeetingDocument } from '../documents/meeting-document.entity';
import { DocumentStorage } from '../documents/storage/document-storage';
import {
  addParticipants,
  BOOT_TIMEOUT,
  bootApp,
  createMeeting,
  moveTo,
  transition,
} from '../meetings/testing/meeting-fixtures';
import { inspectPdf } from '../minutes/testing/pdf-inspect';
import { loginAs } from '../testing/login';
import type { TestApp } from '../testing/test-app';
import { ArchiveService } from './archive.service';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Every entry of a ZIP by name. */
function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const entries = new Map<string, Buffer>();
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

describe('meeting archive ZIP', () => {
  let t: TestApp;
  let secretary: TestAgent;
  let delegate: TestAgent;
  let storage: DocumentStorage;

  beforeAll(async () => {
    t = await bootApp();
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
    storage = new DocumentStorage(t.config);
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  /** A stored document version with real files, as the documents feature leaves them. */
  async function storeVersion(
    document: MeetingDocument,
    number: number,
    options: {
      status: 'ready' | 'failed' | 'processing';
      kind: 'pdf' | 'docx' | 'xlsx';
      fileName: string;
      files: boolean;
    },
  ): Promise<{ source: Buffer; pdf: Buffer }> {
    const ref = { meetingId: document.meetingId, documentId: document.id, number };
    const source = Buffer.from(`${options.fileName} v${number} — nội dung gốc ${'x'.repeat(5000)}`);
    const pdf = Buffer.from(`%PDF-1.7 ${document.title} v${number} ${'y'.repeat(20_000)}`);
    if (options.files) {
      await mkdir(dirname(storage.sourcePath(ref, options.kind)), { recursive: true });
      await writeFile(storage.sourcePath(ref, options.kind), source);
      if (options.status === 'ready') await writeFile(storage.pdfPath(ref), pdf);
    }
    const versions = t.app.get(DataSource).getRepository(DocumentVersion);
    await versions.save(
      versions.create({
        documentId: document.id,
        number,
        status: options.status,
        stage: options.status === 'ready' ? 'done' : 'queued',
        progress: options.status === 'ready' ? 100 : 0,
        sourceKind: options.kind,
        mimeType: 'application/octet-stream',
        fileName: options.fileName,
        sizeBytes: source.length,
        sha256: sha256(source),
        pageCount: options.status === 'ready' ? 3 : null,
        pdfSizeBytes: options.status === 'ready' ? pdf.length : null,
        pdfSha256: options.status === 'ready' ? sha256(pdf) : null,
        failureReason: options.status === 'failed' ? 'corrupt' : null,
        readyAt: options.status === 'ready' ? new Date() : null,
      }),
    );
    return { source, pdf };
  }

  async function storeDocument(meetingId: string, title: string, agendaItemId: string | null, latest: number) {
    const documents = t.app.get(DataSource).getRepository(MeetingDocument);
    return documents.save(
      documents.create({
        meetingId,
        agendaItemId,
        title,
        fileName: 'x.pdf',
        sizeBytes: 1,
        pageCount: 3,
        currentVersion: latest,
        latestVersion: latest,
      }),
    );
  }

  async function waitForJob(meetingId: string, jobId: string): Promise<ArchiveJobResponse> {
    await t.app.get(ArchiveService).whenIdle();
    return (await secretary.get(`/api/meetings/${meetingId}/archive/${jobId}`).expect(200)).body;
  }

  async function downloadZip(meetingId: string, jobId: string): Promise<Buffer> {
    const res = await secretary
      .get(`/api/meetings/${meetingId}/archive/${jobId}/download`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return res.body as Buffer;
  }

  async function closedMeetingWithDocuments() {
    const meeting = await createMeeting(secretary, 24, { title: 'Kỳ họp chuyên đề: Quy hoạch/Đầu tư' });
    const item = (await secretary.post(`/api/meetings/${meeting.id}/agenda`).send({ title: 'Quy hoạch' }).expect(201))
      .body;
    await secretary.post(`/api/meetings/${meeting.id}/agenda`).send({ title: 'Bế mạc' }).expect(201);
    await addParticipants(secretary, t, meeting.id, ['daibieu', 'xa.anbinh']);
    const plan = await storeDocument(meeting.id, 'Tờ trình quy hoạch', item.id, 2);
    const v1 = await storeVersion(plan, 1, { status: 'ready', kind: 'pdf', fileName: 'To-trinh.pdf', files: true });
    const v2 = await storeVersion(plan, 2, {
      status: 'ready',
      kind: 'docx',
      fileName: 'Tờ trình (sửa).docx',
      files: true,
    });
    const sheet = await storeDocument(meeting.id, 'Bảng số liệu', null, 0);
    const failed = await storeVersion(sheet, 1, {
      status: 'failed',
      kind: 'xlsx',
      fileName: 'so-lieu.xlsx',
      files: true,
    });
    await storeVersion(sheet, 2, { status: 'processing', kind: 'xlsx', fileName: 'so-lieu-2.xlsx', files: false });
    return { meeting, plan, v1, v2, sheet, failed };
  }

  it('builds one ZIP with every version, the JSON records and a manifest whose hashes all check out', async () => {
    const { meeting, plan, v1, v2, failed } = await closedMeetingWithDocuments();
    let res = await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(409);
    expect((res.body as ErrorResponse).message).toContain('Only a closed or archived meeting');
    await moveTo(secretary, meeting.id, 'closed');

    res = await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(202);
    const started = res.body as ArchiveJobResponse;
    expect(started).toMatchObject({ meetingId: meeting.id, status: 'running' });
    const job = await waitForJob(meeting.id, started.id);
    expect(job).toMatchObject({ status: 'done', percent: 100, sizeBytes: expect.any(Number) });

    const download = await secretary
      .get(`/api/meetings/${meeting.id}/archive/${job.id}/download`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="ho-so-hop-\d{4}-\d{2}-\d{2}-ky-hop-chuyen-de-quy-hoach-dau-tu\.zip"$/,
    );
    const zip = download.body as Buffer;
    expect(zip.length).toBe(job.sizeBytes);

    const entries = await unzip(zip);
    const entry = (name: string): Buffer => {
      const bytes = entries.get(name);
      if (!bytes) throw new Error(`no ${name} in the archive`);
      return bytes;
    };
    const manifest = JSON.parse(entry('manifest.json').toString('utf8')) as ArchiveManifest;
    expect(manifest).toMatchObject({ format: 'e-cabinet-meeting-archive/1', meetingId: meeting.id });
    // Every entry but the manifest is listed, with its true size and hash.
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      [...entries.keys()].filter((n) => n !== 'manifest.json').sort(),
    );
    for (const file of manifest.files) {
      const bytes = entry(file.path);
      expect({ path: file.path, size: bytes.length, sha256: sha256(bytes) }).toEqual({
        path: file.path,
        size: file.sizeBytes,
        sha256: file.sha256,
      });
    }

    const folder = 'documents/01-Tờ trình quy hoạch';
    expect(entries.get(`${folder}/v1/original/To-trinh.pdf`)).toEqual(v1.source);
    expect(entries.get(`${folder}/v1/document.pdf`)).toEqual(v1.pdf);
    expect(entries.get(`${folder}/v2/original/Tờ trình (sửa).docx`)).toEqual(v2.source);
    expect(entries.get(`${folder}/v2/document.pdf`)).toEqual(v2.pdf);
    // The failed version keeps its original; the unfinished one has no file yet.
    expect(entries.get('documents/02-Bảng số liệu/v1/original/so-lieu.xlsx')).toEqual(failed.source);
    expect([...entries.keys()].filter((n) => n.includes('/v2/') && n.includes('Bảng'))).toEqual([]);

    const json = (name: string) => JSON.parse(entry(name).toString('utf8'));
    expect(json('meeting.json')).toMatchObject({ id: meeting.id, status: 'closed', exportedBy: { username: 'thuky' } });
    expect(json('agenda.json').map((i: { title: string }) => i.title)).toEqual(['Quy hoạch', 'Bế mạc']);
    expect(json('participants.json')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: 'Nguyễn Thị Thu', meetingRole: 'secretary', attendance: [] }),
        expect.objectContaining({ displayName: 'Điểm cầu Xã An Bình', kind: 'site', attendance: [] }),
      ]),
    );
    const documents = json('documents.json');
    expect(documents[0]).toMatchObject({ id: plan.id, folder, agendaPosition: 1 });
    expect(documents[0].versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [1, 'ready'],
      [2, 'ready'],
    ]);
    expect(documents[1].versions[1]).toMatchObject({ number: 2, status: 'processing', files: [] });

    const admin = await loginAs(t, 'quantri');
    const audit = (await admin.get(`/api/audit?meetingId=${meeting.id}`).expect(200)).body as AuditPageResponse;
    expect(audit.entries.slice(0, 2).map((e) => [e.action, e.subjectId])).toEqual([
      ['archive.downloaded', job.id],
      ['archive.exported', job.id],
    ]);
  });

  it('archives the seeded meeting with the files the documents feature really stored', async () => {
    const meetings = (await secretary.get('/api/meetings').expect(200)).body as { id: string; title: string }[];
    const seeded = meetings.find((m) => m.title.startsWith('Kỳ họp thứ Mười hai'));
    if (!seeded) throw new Error('no seeded meeting');
    await moveTo(secretary, seeded.id, 'closed');
    let job = (await secretary.post(`/api/meetings/${seeded.id}/archive`).expect(202)).body as ArchiveJobResponse;
    job = await waitForJob(seeded.id, job.id);
    expect(job.error).toBeUndefined();
    expect(job.status).toBe('done');
    const entries = await unzip(await downloadZip(seeded.id, job.id));
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}') as ArchiveManifest;
    const pdfs = manifest.files.filter((f) => f.path.startsWith('documents/'));
    // Two seeded documents, each one ready version: the original and the served PDF.
    expect(pdfs.map((f) => f.path.replace(/^documents\/\d\d-[^/]+\//, ''))).toEqual([
      'v1/original/To-trinh-ke-hoach-dau-tu-cong-2027.pdf',
      'v1/document.pdf',
      'v1/original/Bao-cao-kinh-te-xa-hoi-9-thang.pdf',
      'v1/document.pdf',
    ]);
    for (const file of manifest.files) {
      const bytes = entries.get(file.path) ?? Buffer.alloc(0);
      expect([bytes.length, sha256(bytes)]).toEqual([file.sizeBytes, file.sha256]);
      if (file.path.endsWith('.pdf')) expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('fails the job, with the reason, when a stored file no longer matches its hash or is gone', async () => {
    const { meeting, plan } = await closedMeetingWithDocuments();
    await moveTo(secretary, meeting.id, 'closed');
    const ref = { meetingId: meeting.id, documentId: plan.id, number: 2 };
    await writeFile(storage.pdfPath(ref), 'tampered');
    let job = (await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(202)).body as ArchiveJobResponse;
    job = await waitForJob(meeting.id, job.id);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('no longer matches its recorded SHA-256');
    const res = await secretary.get(`/api/meetings/${meeting.id}/archive/${job.id}/download`).expect(409);
    expect((res.body as ErrorResponse).code).toBe('CONFLICT');

    await t.app.get(DataSource).query(`DELETE FROM document_versions WHERE documentId = ? AND number = 2`, [plan.id]);
    const { rm } = await import('node:fs/promises');
    await rm(storage.pdfPath({ ...ref, number: 1 }));
    job = (await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(202)).body as ArchiveJobResponse;
    job = await waitForJob(meeting.id, job.id);
    expect(job).toMatchObject({ status: 'failed', error: expect.stringContaining('is missing') });
  });

  it('puts the minutes in the archive, as PDF and text, listed in the manifest with their SHA-256', async () => {
    const meeting = await createMeeting(secretary, 24, { title: 'Họp tổng kết năm' });
    await secretary.post(`/api/meetings/${meeting.id}/agenda`).send({ title: 'Tổng kết công tác năm' }).expect(201);
    await addParticipants(secretary, t, meeting.id, ['daibieu']);
    await moveTo(secretary, meeting.id, 'closed');
    let job = (await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(202)).body as ArchiveJobResponse;
    job = await waitForJob(meeting.id, job.id);
    let entries = await unzip(await downloadZip(meeting.id, job.id));
    expect([...entries.keys()].filter((name) => name.startsWith('minutes/'))).toEqual([]);

    const draft = (await secretary.post(`/api/meetings/${meeting.id}/minutes/draft`).expect(200))
      .body as MinutesResponse;
    const body = `${draft.body}\nThư ký bổ sung: đại biểu Lê Hoàng Phương đề nghị khen thưởng.`;
    await secretary.put(`/api/meetings/${meeting.id}/minutes`).send({ body, version: draft.version }).expect(200);
    job = (await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(202)).body as ArchiveJobResponse;
    job = await waitForJob(meeting.id, job.id);
    expect(job.status).toBe('done');
    entries = await unzip(await downloadZip(meeting.id, job.id));
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}') as ArchiveManifest;
    const listed = manifest.files.filter((f) => f.path.startsWith('minutes/'));
    expect(listed.map((f) => f.path).sort()).toEqual(['minutes/bien-ban.pdf', 'minutes/bien-ban.txt']);
    for (const file of listed) {
      const bytes = entries.get(file.path) ?? Buffer.alloc(0);
      expect([bytes.length, sha256(bytes)]).toEqual([file.sizeBytes, file.sha256]);
    }
    expect(entries.get('minutes/bien-ban.txt')?.toString('utf8')).toBe(body);
    const pdf = await inspectPdf(entries.get('minutes/bien-ban.pdf') ?? Buffer.alloc(0));
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('BIÊN BẢN CUỘC HỌP');
    expect(text).toContain('đại biểu Lê Hoàng Phương đề nghị khen thưởng');
    expect(text).toContain('DỰ THẢO');
    expect(pdf.fonts.every((font) => font.embedded)).toBe(true);
  });

  it('puts the ready recordings of the video bridge in the archive, listed in the manifest with their SHA-256', async () => {
    const meeting = await createMeeting(secretary, 24, { title: 'Họp trực tuyến với các xã' });
    await addParticipants(secretary, t, meeting.id, ['daibieu']);
    const recordings = t.app.get(DataSource).getRepository(ConferenceRecording);
    const files = new RecordingStorage(t.config);
    const store = async (status: 'ready' | 'failed', startedAt: string, bytes: Buffer) => {
      const row = await recordings.save(
        recordings.create({ meetingId: meeting.id, status, startedAt: new Date(startedAt), endedAt: new Date() }),
      );
      await mkdir(dirname(files.filePath(meeting.id, row.id)), { recursive: true });
      await writeFile(files.filePath(meeting.id, row.id), bytes);
      if (status === 'ready') {
        await recordings.update(
          { id: row.id },
          { sha256: sha256(bytes), fileBytes: bytes.length, durationMs: 6000, path: 'recordings/…' },
        );
      }
      return row;
    };
    const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(40_000, 7)]);
    const ready = await store('ready', '2026-11-30T08:15:00.000Z', webm);
    await store('failed', '2026-11-30T09:00:00.000Z', Buffer.from('half a file'));
    await moveTo(secretary, meeting.id, 'closed');

    const job = (await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(202)).body as ArchiveJobResponse;
    expect((await waitForJob(meeting.id, job.id)).status).toBe('done');
    const entries = await unzip(await downloadZip(meeting.id, job.id));
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}') as ArchiveManifest;
    expect(manifest.files.filter((f) => f.path.startsWith('recordings/'))).toEqual([
      { path: 'recordings/2026-11-30T08-15-00Z.webm', sizeBytes: webm.length, sha256: sha256(webm) },
    ]);
    expect(entries.get('recordings/2026-11-30T08-15-00Z.webm')?.equals(webm)).toBe(true);
    expect(JSON.parse(entries.get('recordings.json')?.toString('utf8') ?? '[]')).toEqual([
      expect.objectContaining({ id: ready.id, file: 'recordings/2026-11-30T08-15-00Z.webm', sha256: sha256(webm) }),
    ]);
  });

  it('archives an archived meeting too, and only for its chair or secretary', async () => {
    const meeting = await createMeeting(secretary, 24);
    await addParticipants(secretary, t, meeting.id, ['daibieu']);
    await moveTo(secretary, meeting.id, 'archived');
    await delegate.post(`/api/meetings/${meeting.id}/archive`).expect(403);
    const job = (await secretary.post(`/api/meetings/${meeting.id}/archive`).expect(202)).body as ArchiveJobResponse;
    expect((await waitForJob(meeting.id, job.id)).status).toBe('done');
    await delegate.get(`/api/meetings/${meeting.id}/archive/${job.id}`).expect(403);
    await delegate.get(`/api/meetings/${meeting.id}/archive/${job.id}/download`).expect(403);

    // A job id of another meeting is unknown here.
    const other = await createMeeting(secretary, 24);
    await secretary.get(`/api/meetings/${other.id}/archive/${job.id}`).expect(404);
    await secretary.get(`/api/meetings/${meeting.id}/archive/not-a-uuid`).expect(400);
    await transition(secretary, other.id, 'cancelled').expect(200);
    await secretary.post(`/api/meetings/${other.id}/archive`).expect(409);
  });
});
