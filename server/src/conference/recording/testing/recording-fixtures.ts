import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Test } from '@nestjs/testing';
import type { types as ms } from 'mediasoup';

import { AppModule } from '../../../app.module';
import { setupApp } from '../../../app.setup';
import { loadConfig } from '../../../config/app-config';
import { DocumentProcessingService } from '../../../documents/processing/document-processing.service';
import { CREATE_MEDIA_WORKER, CreateMediaWorker } from '../../../media/media-worker-pool';
import { fakeWorkerFactory } from '../../../testing/fake-media-worker';
import type { TestApp } from '../../../testing/test-app';
import { RecordingModule } from '../recording.module';
import { DEFAULT_RECORDING_OPTIONS, RECORDING_OPTIONS, RecordingOptions } from '../recording-options';
import type { RecordingSource } from '../track-capture';

export const run = promisify(execFile);

export const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** Small and cheap: the CI has two cores shared by everyone. */
export const SMALL_RECORDING: RecordingOptions = {
  ...DEFAULT_RECORDING_OPTIONS,
  output: { ...DEFAULT_RECORDING_OPTIONS.output, width: 480, height: 270, videoBitrate: '300k', audioBitrate: '32k' },
  recoveryDelayMs: 0,
};

export interface RecordingAppOptions {
  /** Fake workers unless given (tests that bring their own router); mediasoup's createWorker for the bridge. */
  createWorker?: CreateMediaWorker;
  env?: NodeJS.ProcessEnv;
  /** Listen on a loopback port, for socket.io clients. */
  listen?: boolean;
  recording?: RecordingOptions;
}

/**
 * The real app (seeded demo, `:memory:` sqlite, temp data dir) with the RecordingModule, as
 * createTestApp builds it but with the recording options given (SMALL_RECORDING by default), once
 * the demo documents are processed (their ingest would compete for the CPU with real-time media).
 */
export async function bootRecordingApp(options: RecordingAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e-cabinet-recording-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_FILE: ':memory:',
    CLIENT_DIST_DIR: join(dataDir, 'no-client'),
    LOG_LEVEL: 'silent',
    MEDIA_WORKERS: '1',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config), RecordingModule] })
    .overrideProvider(CREATE_MEDIA_WORKER)
    .useValue(options.createWorker ?? fakeWorkerFactory())
    .overrideProvider(RECORDING_OPTIONS)
    .useValue(options.recording ?? SMALL_RECORDING)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupApp(app);
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  await app.get(DocumentProcessingService, { strict: false }).whenIdle();
  return {
    app,
    config,
    url: options.listen ? (await app.getUrl()).replace('[::1]', '127.0.0.1') : '',
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A "site": producers on comedia PlainTransports, fed with RTP by one ffmpeg (test pattern, tone). */
export interface FakeSite {
  sources: RecordingSource[];
  ffmpeg: ChildProcess;
}

let nextSsrc = 1000;

export async function fakeSite(
  router: ms.Router,
  peerId: string,
  displayName: string,
  media: { camera?: string; mic?: number; screen?: string },
): Promise<FakeSite> {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const sources: RecordingSource[] = [];
  const add = async (source: RecordingSource['source'], kind: ms.MediaKind, lavfi: string) => {
    const transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: false,
      comedia: true,
    });
    const ssrc = nextSsrc++;
    const video = kind === 'video';
    const producer = await transport.produce({
      kind,
      rtpParameters: {
        codecs: [
          video
            ? { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }
            : { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 },
        ],
        encodings: [{ ssrc }],
      },
    });
    const input = inputs.length / 4;
    inputs.push('-f', 'lavfi', '-i', lavfi);
    const codec = video
      ? ['-c:v', 'libvpx', '-b:v', '150k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '15']
      : ['-c:a', 'libopus', '-ac', '2', '-b:a', '24k'];
    outputs.push(
      '-map',
      `${input}:${video ? 'v' : 'a'}`,
      ...codec,
      '-ssrc',
      String(ssrc),
      '-payload_type',
      video ? '101' : '100',
      '-f',
      'rtp',
      `rtp://127.0.0.1:${transport.tuple.localPort}?rtcpport=${transport.rtcpTuple?.localPort}&pkt_size=1200`,
    );
    sources.push({ producer, peerId, displayName, source });
  };
  if (media.camera) await add('camera', 'video', `${media.camera}=size=320x240:rate=15`);
  if (media.mic) await add('mic', 'audio', `sine=frequency=${media.mic}:sample_rate=48000`);
  if (media.screen) await add('screen', 'video', `${media.screen}=size=320x240:rate=15`);
  const ffmpeg = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', ...inputs, '-t', '60', ...outputs], {
    stdio: 'ignore',
  });
  return { sources, ffmpeg };
}

/** Resolves once every producer has received some RTP. */
export async function flowing(sources: RecordingSource[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const { producer } of sources) {
    while ((await producer.getStats()).every((s) => s.packetCount < 10)) {
      if (Date.now() > deadline) throw new Error(`producer ${producer.id} receives no RTP`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ffmpeg captures still running as children of this process (none, once a recording stopped). */
export async function captureProcesses(): Promise<string[]> {
  const { stdout } = await run('ps', ['--ppid', String(process.pid), '-o', 'args=']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter((line) => line.includes('ffmpeg') && line.includes('.sdp'));
}
