import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { probeMedia } from './media-probe';
import { ProcessGroup } from './recorder-process';
import { gridOf, MuxOutput, MuxSegment, muxArgs, progressPercent } from './recording-mux';
import { captureArgs, captureSdp, recorderRtpCapabilities } from './recording-sdp';

const run = promisify(execFile);

const OUTPUT: MuxOutput = {
  width: 320,
  height: 180,
  fps: 10,
  videoBitrate: '200k',
  audioBitrate: '32k',
  cpuUsed: 8,
  keyframeSeconds: 2,
};

function segment(overrides: Partial<MuxSegment>): MuxSegment {
  return { path: 'x.mkv', kind: 'video', trackId: 't1', offset: 0, start: 0, duration: 5, ...overrides };
}

describe('capture SDP', () => {
  it('describes the consumer’s codec on the given port, for ffmpeg', () => {
    const sdp = captureSdp(
      'audio',
      {
        codecs: [
          { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } },
        ],
        encodings: [{ ssrc: 1 }],
      },
      40_000,
    );
    expect(sdp.split('\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=e-cabinet recording',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 40000 RTP/AVP 100',
      'a=rtpmap:100 opus/48000/2',
      'a=fmtp:100 useinbandfec=1',
      'a=recvonly',
      '',
    ]);
    const video = captureSdp(
      'video',
      {
        codecs: [
          {
            mimeType: 'video/H264',
            payloadType: 102,
            clockRate: 90000,
            parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' },
          },
        ],
      },
      40_002,
    );
    expect(video).toContain('m=video 40002 RTP/AVP 102\na=rtpmap:102 H264/90000\n');
    expect(video).toContain('a=fmtp:102 packetization-mode=1;profile-level-id=42e01f\n');
  });

  it('asks the router for the recordable codecs only, without RTX or header extensions', () => {
    const caps = recorderRtpCapabilities({
      codecs: [
        { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100 },
        { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 101 },
        { kind: 'video', mimeType: 'video/rtx', clockRate: 90000, preferredPayloadType: 102, parameters: { apt: 101 } },
      ],
      headerExtensions: [{ kind: 'video', uri: 'urn:3gpp:video-orientation', preferredId: 4 }],
    });
    expect(caps.codecs?.map((c) => c.mimeType)).toEqual(['audio/opus', 'video/VP8']);
    expect(caps.headerExtensions).toEqual([]);
  });

  it('copies the stream into Matroska, listening on loopback only', () => {
    const args = captureArgs('/d/t1-1.sdp', '/d/t1-1.mkv');
    expect(args.join(' ')).toContain('-protocol_whitelist file,udp,rtp -localaddr 127.0.0.1 -i /d/t1-1.sdp');
    expect(args.join(' ')).toContain('-c copy -f matroska -y /d/t1-1.mkv');
  });
});

describe('mux command', () => {
  it('lays tiles out in a near-square grid of even sizes', () => {
    expect(gridOf(1, 1280, 720)).toEqual({ tileWidth: 1280, tileHeight: 720, positions: ['0_0'] });
    expect(gridOf(2, 1280, 720).positions).toEqual(['0_0', '640_0']);
    expect(gridOf(3, 1280, 720)).toEqual({ tileWidth: 640, tileHeight: 360, positions: ['0_0', '640_0', '0_360'] });
    const fourteen = gridOf(14, 1280, 720);
    expect([fourteen.tileWidth, fourteen.tileHeight]).toEqual([320, 180]);
    expect(fourteen.positions).toHaveLength(14);
    expect(fourteen.positions[13]).toBe('320_540');
  });

  it('delays each audio segment to its offset, mixes them, and cuts everything to the wall time', () => {
    const args = muxArgs({
      segments: [
        segment({ path: 'a1.mkv', kind: 'audio', trackId: 't1', offset: 0.25, start: 0.02 }),
        segment({ path: 'v2.mkv', kind: 'video', trackId: 't2', offset: 0.3 }),
        segment({ path: 'a3.mkv', kind: 'audio', trackId: 't3', offset: 2.5 }),
      ],
      totalSeconds: 6.2,
      output: OUTPUT,
      target: 'out.webm',
    });
    const graph = args[args.indexOf('-filter_complex') + 1];
    expect(args.filter((a, i) => args[i - 1] === '-i')).toEqual(['v2.mkv', 'a1.mkv', 'a3.mkv']);
    expect(graph).toContain('[1:a]asetpts=PTS-0.020/TB,');
    expect(graph).toContain('adelay=delays=250:all=1[a0]');
    expect(graph).toContain('adelay=delays=2500:all=1[a1]');
    expect(graph).toContain(
      '[a0][a1]amix=inputs=2:duration=longest:normalize=0,apad=whole_dur=6.200,atrim=end=6.200[a]',
    );
    // One video track: the full canvas, black until its first frame at 0.3 s.
    expect(graph).toContain('color=c=black:s=320x180:r=10:d=6.200,format=yuv420p[t0b]');
    expect(graph).toContain('[0:v]setpts=PTS+(0.300)/TB,scale=320:180:force_original_aspect_ratio=decrease');
    expect(graph).toContain('[t0b][t0s0]overlay=eof_action=pass[v0]');
    expect(graph).toContain('[v0]null[v]');
    expect(args.slice(args.indexOf('-t'), args.indexOf('-t') + 2)).toEqual(['-t', '6.200']);
    expect(args.slice(-4)).toEqual(['-f', 'webm', '-y', 'out.webm']);
  });

  it('overlays the segments of one track on one tile at their offsets, and stacks the tracks', () => {
    const args = muxArgs({
      segments: [
        segment({ path: 'cam-1.mkv', trackId: 'cam', offset: 0, duration: 2 }),
        segment({ path: 'screen.mkv', trackId: 'screen', offset: 1, duration: 3 }),
        segment({ path: 'cam-2.mkv', trackId: 'cam', offset: 5, start: 0.5, duration: 1 }),
      ],
      totalSeconds: 6,
      output: OUTPUT,
      target: 'out.webm',
    });
    const graph = args[args.indexOf('-filter_complex') + 1];
    // cam-2 is the second input, laid over the first tile once cam-1 is drawn.
    expect(graph).toContain('[1:v]setpts=PTS+(4.500)/TB,');
    expect(graph).toContain('[t0b][t0s0]overlay=eof_action=pass[t0o0]');
    expect(graph).toContain('[t0o0][t0s1]overlay=eof_action=pass[v0]');
    expect(graph).toContain('[2:v]setpts=PTS+(1.000)/TB,scale=160:180');
    expect(graph).toContain('[v0][v1]xstack=inputs=2:layout=0_0|160_0:fill=black[v]');
    expect(graph).toContain('anullsrc=r=48000:cl=stereo,atrim=end=6.000[a]');
  });

  it('reads progress from ffmpeg’s out_time_us, capped below 100 until done', () => {
    expect(progressPercent('out_time_us=3000000', 6)).toBe(50);
    expect(progressPercent('out_time_us=9000000', 6)).toBe(99);
    expect(progressPercent('frame=12', 6)).toBeNull();
  });
});

describe('mux with real ffmpeg', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recording-mux-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function track(name: string, lavfi: string, codec: string[], seconds: number): Promise<string> {
    const path = join(dir, name);
    await run('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      lavfi,
      '-t',
      String(seconds),
      ...codec,
      '-f',
      'matroska',
      path,
    ]);
    return path;
  }

  it('makes one playable file of the wall time from tracks that started and stopped at different times', async () => {
    const vp8 = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '100k'];
    const opus = ['-c:a', 'libopus', '-ac', '2'];
    const cam = await track('cam.mkv', 'testsrc=size=160x120:rate=10', vp8, 3);
    const late = await track('late.mkv', 'testsrc2=size=160x120:rate=10', vp8, 1.5);
    const mic = await track('mic.mkv', 'sine=frequency=440:sample_rate=48000', opus, 3);
    const target = join(dir, 'out.webm');
    const seen: number[] = [];
    const processes = new ProcessGroup();
    const ffmpeg = processes.spawn(
      'ffmpeg',
      muxArgs({
        segments: [
          { path: cam, kind: 'video', trackId: 'cam', offset: 0.2, start: 0, duration: 3 },
          { path: mic, kind: 'audio', trackId: 'mic', offset: 0.2, start: 0, duration: 3 },
          { path: late, kind: 'video', trackId: 'late', offset: 2, start: 0, duration: 1.5 },
        ],
        totalSeconds: 4,
        output: OUTPUT,
        target,
      }),
    );
    ffmpeg.onStdoutLine((line) => {
      const percent = progressPercent(line, 4);
      if (percent !== null) seen.push(percent);
    });
    expect((await ffmpeg.exited).code).toBe(0);
    const probe = await probeMedia('ffprobe', target);
    expect(probe?.video).toEqual({ width: 320, height: 180 });
    expect(probe?.audio).toBe(true);
    expect(probe?.duration).toBeGreaterThan(3.8);
    expect(probe?.duration).toBeLessThan(4.2);
    expect(seen.length).toBeGreaterThan(0);
    await expect(run('ffmpeg', ['-v', 'error', '-i', target, '-f', 'null', '-'])).resolves.toBeDefined();
  }, 60_000);
});
