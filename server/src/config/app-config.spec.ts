import { resolve } from 'node:path';

import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives defaults that run the product on 127.0.0.1:3000 with sqlite under ./data', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.databaseFile).toBe(resolve('data/e-cabinet.sqlite'));
    expect(config.media.workers).toBeGreaterThanOrEqual(1);
  });

  it('fails fast naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'not-a-port' })).toThrow(/Invalid environment variables: PORT/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ MEDIA_WORKERS: '0' })).toThrow(/MEDIA_WORKERS/);
    expect(() => loadConfig({ MEDIA_RTC_MIN_PORT: '40000', MEDIA_RTC_MAX_PORT: '40001' })).toThrow(
      /MEDIA_RTC_MAX_PORT/,
    );
  });

  it("embeds Debian's DejaVu fonts in generated PDFs unless told otherwise", () => {
    expect(loadConfig({}).pdfFonts).toEqual({
      regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
      bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    });
    expect(loadConfig({ PDF_FONT_FILE: 'fonts/a.ttf' }).pdfFonts.regular).toBe(resolve('fonts/a.ttf'));
  });

  it('listens for media on 127.0.0.1, one WebRTC port per worker from 44444, and hands out no TURN by default', () => {
    const { media, turn } = loadConfig({});
    expect(media).toMatchObject({ listenIp: '127.0.0.1', announcedAddress: null, webRtcPort: 44444 });
    expect(turn).toEqual({ urls: [], secret: '', ttlSeconds: 3600 });
  });

  it('reads the media addresses and TURN servers, and refuses what would hand clients useless candidates', () => {
    const config = loadConfig({
      MEDIA_LISTEN_IP: '0.0.0.0',
      MEDIA_ANNOUNCED_ADDRESS: 'media.huyen.gov.vn',
      MEDIA_WEBRTC_PORT: '50000',
      TURN_URLS: 'turn:turn.huyen.gov.vn:3478?transport=udp, turns:turn.huyen.gov.vn:5349',
      TURN_SECRET: 's3cret',
      TURN_TTL_SECONDS: '600',
    });
    expect(config.media).toMatchObject({
      listenIp: '0.0.0.0',
      announcedAddress: 'media.huyen.gov.vn',
      webRtcPort: 50000,
    });
    expect(config.turn).toEqual({
      urls: ['turn:turn.huyen.gov.vn:3478?transport=udp', 'turns:turn.huyen.gov.vn:5349'],
      secret: 's3cret',
      ttlSeconds: 600,
    });
    expect(() => loadConfig({ MEDIA_LISTEN_IP: 'localhost' })).toThrow(/MEDIA_LISTEN_IP/);
    expect(() => loadConfig({ MEDIA_LISTEN_IP: '0.0.0.0' })).toThrow(/MEDIA_ANNOUNCED_ADDRESS/);
    expect(() => loadConfig({ MEDIA_WEBRTC_PORT: '65535', MEDIA_WORKERS: '2' })).toThrow(/MEDIA_WEBRTC_PORT/);
    expect(() => loadConfig({ TURN_URLS: 'turn:a:3478' })).toThrow(/TURN_SECRET/);
    expect(() => loadConfig({ TURN_URLS: 'http://a' })).toThrow(/TURN_URLS/);
    expect(() => loadConfig({ TURN_URLS: 'turn:a', TURN_SECRET: 'x', TURN_TTL_SECONDS: '0' })).toThrow(
      /TURN_TTL_SECONDS/,
    );
    // STUN needs no credentials.
    expect(loadConfig({ TURN_URLS: 'stun:stun.huyen.gov.vn:3478' }).turn.urls).toEqual(['stun:stun.huyen.gov.vn:3478']);
  });

  it('disconnects a client silent on ICE after 20 s, and keeps the timeout within what mediasoup accepts', () => {
    expect(loadConfig({}).media.iceConsentTimeoutSeconds).toBe(20);
    expect(loadConfig({ MEDIA_ICE_CONSENT_TIMEOUT_SECONDS: '10' }).media.iceConsentTimeoutSeconds).toBe(10);
    // 0 would switch consent checks off: a silent site would stay listed for ever.
    for (const value of ['0', '9', '61', '12.5']) {
      expect(() => loadConfig({ MEDIA_ICE_CONSENT_TIMEOUT_SECONDS: value })).toThrow(
        /MEDIA_ICE_CONSENT_TIMEOUT_SECONDS \(must be an integer from 10 to 60\)/,
      );
    }
  });

  it('records 960×540 at 15 fps and 1200 kbps with ffmpeg from PATH, wanting 1 GB free, unless told otherwise', () => {
    expect(loadConfig({}).recording).toEqual({
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
      width: 960,
      height: 540,
      fps: 15,
      videoBitrateKbps: 1200,
      minFreeMb: 1024,
    });
    expect(
      loadConfig({
        FFMPEG_PATH: '/opt/ffmpeg/bin/ffmpeg',
        FFPROBE_PATH: '/opt/ffmpeg/bin/ffprobe',
        RECORDING_WIDTH: '1280',
        RECORDING_HEIGHT: '720',
        RECORDING_FPS: '25',
        RECORDING_VIDEO_BITRATE: '2500',
        RECORDING_MIN_FREE_MB: '0',
      }).recording,
    ).toEqual({
      ffmpegPath: '/opt/ffmpeg/bin/ffmpeg',
      ffprobePath: '/opt/ffmpeg/bin/ffprobe',
      width: 1280,
      height: 720,
      fps: 25,
      videoBitrateKbps: 2500,
      minFreeMb: 0,
    });
    expect(() => loadConfig({ RECORDING_WIDTH: '961' })).toThrow(/RECORDING_WIDTH \(must be even\)/);
    expect(() => loadConfig({ RECORDING_HEIGHT: '8000' })).toThrow(/RECORDING_HEIGHT/);
    expect(() => loadConfig({ RECORDING_FPS: '0' })).toThrow(/RECORDING_FPS/);
    expect(() => loadConfig({ RECORDING_VIDEO_BITRATE: '1.5' })).toThrow(/RECORDING_VIDEO_BITRATE/);
    expect(() => loadConfig({ RECORDING_MIN_FREE_MB: '-1' })).toThrow(/RECORDING_MIN_FREE_MB/);
    expect(() => loadConfig({ RECORDING_MIN_FREE_MB: 'lots' })).toThrow(/RECORDING_MIN_FREE_MB/);
  });

  it('keeps `:memory:` as is for tests', () => {
    expect(loadConfig({ DATABASE_FILE: ':memory:' }).databaseFile).toBe(':memory:');
  });
});
