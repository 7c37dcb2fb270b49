import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

import { bool, cleanEnv, host, num, port, str } from 'envalid';

/**
 * The one typed configuration object, read from the environment once and validated at boot.
 * Defaults make `npm start` work on a fresh clone; any bad variable stops the boot with its name.
 */
export abstract class AppConfig {
  abstract readonly env: 'development' | 'production' | 'test';
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly dataDir: string;
  abstract readonly databaseFile: string;
  abstract readonly documentsDir: string;
  abstract readonly clientDistDir: string;
  abstract readonly seedDemo: boolean;
  abstract readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  abstract readonly auth: {
    readonly sessionIdleMinutes: number;
    readonly sessionMaxHours: number;
    /** Send cookies with `Secure`: on behind HTTPS, off for the plain-HTTP demo on 127.0.0.1. */
    readonly cookieSecure: boolean;
    readonly loginMaxFailuresPerAccount: number;
    readonly loginMaxFailuresPerIp: number;
    readonly loginWindowMinutes: number;
  };
  abstract readonly documents: {
    readonly maxBytes: number;
    readonly maxPages: number;
    /** A LibreOffice conversion (or any ingest tool) taking longer is killed and the document fails. */
    readonly conversionTimeoutSeconds: number;
  };
  abstract readonly mail: {
    /** SMTP URL (smtp://user:pass@host:587); empty: messages are written to `outboxDir` as .eml files. */
    readonly smtpUrl: string;
    readonly from: string;
    readonly outboxDir: string;
    /** Minutes before a meeting's start at which participants get a reminder. */
    readonly reminderMinutesBefore: number[];
  };
  /** TrueType fonts embedded in the PDFs the server writes (minutes): they must cover Vietnamese. */
  abstract readonly pdfFonts: {
    readonly regular: string;
    readonly bold: string;
  };
  abstract readonly media: {
    readonly workers: number;
    readonly rtcMinPort: number;
    readonly rtcMaxPort: number;
    readonly logLevel: 'debug' | 'warn' | 'error' | 'none';
    /** IP the WebRtcServers (and any fallback transport) listen on. */
    readonly listenIp: string;
    /** Address put in ICE candidates when the listen IP is not reachable as is (NAT, 0.0.0.0); null: listenIp. */
    readonly announcedAddress: string | null;
    /** Worker n's WebRtcServer listens on this port + n, UDP and TCP: one port per worker for a site's firewall. */
    readonly webRtcPort: number;
    /** A transport whose client stops answering ICE consent checks this long goes `disconnected` (10..60 s). */
    readonly iceConsentTimeoutSeconds: number;
  };
  /** TURN relays for sites behind strict firewalls (coturn `use-auth-secret`); empty urls: none. */
  abstract readonly turn: {
    readonly urls: string[];
    /** coturn's static-auth-secret: the server signs time-limited credentials with it. */
    readonly secret: string;
    readonly ttlSeconds: number;
  };
  /** Server-side recording of the video bridge: ffmpeg, the finished file's format, the disk it needs. */
  abstract readonly recording: {
    readonly ffmpegPath: string;
    readonly ffprobePath: string;
    /** The finished file's canvas (the video tracks as a grid on it), frame rate and video bitrate. */
    readonly width: number;
    readonly height: number;
    readonly fps: number;
    readonly videoBitrateKbps: number;
    /** Free space (under DATA_DIR) needed to start; a running recording stops below half of it. 0: no check. */
    readonly minFreeMb: number;
  };
}

export class InvalidConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = cleanEnv(
    source,
    {
      NODE_ENV: str({ choices: ['development', 'production', 'test'], default: 'development' }),
      HOST: host({ default: '127.0.0.1' }),
      PORT: port({ default: 3000 }),
      DATA_DIR: str({ default: 'data', desc: 'Folder for the sqlite file and stored documents' }),
      DATABASE_FILE: str({
        default: '',
        desc: 'sqlite file; `:memory:` in tests; default <DATA_DIR>/e-cabinet.sqlite',
      }),
      CLIENT_DIST_DIR: str({ default: 'dist/client/browser' }),
      SEED_DEMO: bool({ default: true }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      SESSION_IDLE_MINUTES: num({ default: 720, desc: 'A session unused this long ends' }),
      SESSION_MAX_HOURS: num({ default: 168, desc: 'A session ends this long after login, used or not' }),
      COOKIE_SECURE: bool({ default: false, desc: 'Set behind HTTPS' }),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: num({ default: 5 }),
      LOGIN_MAX_FAILURES_PER_IP: num({ default: 50 }),
      LOGIN_WINDOW_MINUTES: num({ default: 15 }),
      DOCUMENT_MAX_MB: num({ default: 100, desc: 'Largest upload accepted' }),
      DOCUMENT_MAX_PAGES: num({ default: 2000, desc: 'Documents with more pages are refused at ingest' }),
      CONVERSION_TIMEOUT_SECONDS: num({ default: 120 }),
      SMTP_URL: str({ default: '', desc: 'Empty: e-mails go to <DATA_DIR>/outbox as .eml files' }),
      MAIL_FROM: str({ default: 'e-Cabinet <no-reply@e-cabinet.local>' }),
      REMINDER_MINUTES_BEFORE: str({ default: '1440,60', desc: 'Comma-separated minutes before start' }),
      PDF_FONT_FILE: str({
        default: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
        desc: 'TrueType font (with Vietnamese) embedded in generated PDFs such as the minutes',
      }),
      PDF_FONT_BOLD_FILE: str({ default: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' }),
      MEDIA_WORKERS: num({ default: availableParallelism(), desc: 'mediasoup workers (one per core)' }),
      MEDIA_RTC_MIN_PORT: port({ default: 40000 }),
      MEDIA_RTC_MAX_PORT: port({ default: 49999 }),
      MEDIA_LOG_LEVEL: str({ choices: ['debug', 'warn', 'error', 'none'], default: 'warn' }),
      MEDIA_LISTEN_IP: str({ default: '127.0.0.1', desc: 'IP the media sockets listen on' }),
      MEDIA_ANNOUNCED_ADDRESS: str({ default: '', desc: 'Public IP or host name sent in ICE candidates' }),
      MEDIA_WEBRTC_PORT: port({ default: 44444, desc: 'UDP+TCP port of worker 0; worker n uses this + n' }),
      TURN_URLS: str({ default: '', desc: 'Comma-separated turn:/turns:/stun: URLs handed to clients' }),
      TURN_SECRET: str({ default: '', desc: "coturn's static-auth-secret" }),
      TURN_TTL_SECONDS: num({ default: 3600, desc: 'Lifetime of the TURN credentials handed out' }),
      MEDIA_ICE_CONSENT_TIMEOUT_SECONDS: num({
        default: 20,
        desc: 'A client silent on ICE this long is disconnected (mediasoup allows 10 to 60)',
      }),
      FFMPEG_PATH: str({ default: 'ffmpeg', desc: 'ffmpeg used to record the video bridge' }),
      FFPROBE_PATH: str({ default: 'ffprobe' }),
      RECORDING_WIDTH: num({ default: 960, desc: 'Width of the recorded file (even)' }),
      RECORDING_HEIGHT: num({ default: 540, desc: 'Height of the recorded file (even)' }),
      RECORDING_FPS: num({ default: 15 }),
      RECORDING_VIDEO_BITRATE: num({ default: 1200, desc: 'Video bitrate of the recorded file, kbps' }),
      RECORDING_MIN_FREE_MB: num({
        default: 1024,
        desc: 'Free disk space needed to start a recording; a running one stops below half. 0: no check',
      }),
    },
    {
      reporter: ({ errors }) => {
        const bad = Object.entries(errors).map(([name, error]) => `${name} (${(error as Error).message})`);
        if (bad.length) throw new InvalidConfigError(`Invalid environment variables: ${bad.join(', ')}`);
      },
    },
  );
  if (!Number.isInteger(env.MEDIA_WORKERS) || env.MEDIA_WORKERS < 1 || env.MEDIA_WORKERS > 64) {
    throw new InvalidConfigError('Invalid environment variables: MEDIA_WORKERS (must be an integer from 1 to 64)');
  }
  if (env.MEDIA_RTC_MAX_PORT - env.MEDIA_RTC_MIN_PORT + 1 < env.MEDIA_WORKERS * 10) {
    throw new InvalidConfigError(
      'Invalid environment variables: MEDIA_RTC_MAX_PORT (range from MEDIA_RTC_MIN_PORT too small for MEDIA_WORKERS)',
    );
  }
  const media = mediaNetwork(
    env.MEDIA_LISTEN_IP,
    env.MEDIA_ANNOUNCED_ADDRESS,
    env.MEDIA_WEBRTC_PORT,
    env.MEDIA_WORKERS,
  );
  const turnUrls = turnUrlList(env.TURN_URLS);
  if (turnUrls.some((url) => !url.startsWith('stun:')) && !env.TURN_SECRET) {
    throw new InvalidConfigError('Invalid environment variables: TURN_SECRET (required with turn: URLs in TURN_URLS)');
  }
  const dataDir = resolve(env.DATA_DIR);
  const databaseFile = env.DATABASE_FILE || join(dataDir, 'e-cabinet.sqlite');
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    databaseFile: databaseFile === ':memory:' || isAbsolute(databaseFile) ? databaseFile : resolve(databaseFile),
    documentsDir: join(dataDir, 'documents'),
    clientDistDir: resolve(env.CLIENT_DIST_DIR),
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL as AppConfig['logLevel'],
    auth: {
      sessionIdleMinutes: positive(env.SESSION_IDLE_MINUTES, 'SESSION_IDLE_MINUTES'),
      sessionMaxHours: positive(env.SESSION_MAX_HOURS, 'SESSION_MAX_HOURS'),
      cookieSecure: env.COOKIE_SECURE,
      loginMaxFailuresPerAccount: positive(env.LOGIN_MAX_FAILURES_PER_ACCOUNT, 'LOGIN_MAX_FAILURES_PER_ACCOUNT'),
      loginMaxFailuresPerIp: positive(env.LOGIN_MAX_FAILURES_PER_IP, 'LOGIN_MAX_FAILURES_PER_IP'),
      loginWindowMinutes: positive(env.LOGIN_WINDOW_MINUTES, 'LOGIN_WINDOW_MINUTES'),
    },
    documents: {
      maxBytes: positive(env.DOCUMENT_MAX_MB, 'DOCUMENT_MAX_MB') * 1024 * 1024,
      maxPages: positive(env.DOCUMENT_MAX_PAGES, 'DOCUMENT_MAX_PAGES'),
      conversionTimeoutSeconds: positive(env.CONVERSION_TIMEOUT_SECONDS, 'CONVERSION_TIMEOUT_SECONDS'),
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      outboxDir: join(dataDir, 'outbox'),
      reminderMinutesBefore: minuteList(env.REMINDER_MINUTES_BEFORE, 'REMINDER_MINUTES_BEFORE'),
    },
    pdfFonts: { regular: resolve(env.PDF_FONT_FILE), bold: resolve(env.PDF_FONT_BOLD_FILE) },
    media: {
      workers: env.MEDIA_WORKERS,
      rtcMinPort: env.MEDIA_RTC_MIN_PORT,
      rtcMaxPort: env.MEDIA_RTC_MAX_PORT,
      logLevel: env.MEDIA_LOG_LEVEL as AppConfig['media']['logLevel'],
      ...media,
      // mediasoup would quietly clamp a value outside its bounds (and 0 turns the check off).
      iceConsentTimeoutSeconds: between(
        env.MEDIA_ICE_CONSENT_TIMEOUT_SECONDS,
        'MEDIA_ICE_CONSENT_TIMEOUT_SECONDS',
        10,
        60,
      ),
    },
    turn: { urls: turnUrls, secret: env.TURN_SECRET, ttlSeconds: positive(env.TURN_TTL_SECONDS, 'TURN_TTL_SECONDS') },
    recording: {
      ffmpegPath: env.FFMPEG_PATH,
      ffprobePath: env.FFPROBE_PATH,
      // VP8 in yuv420p wants even sizes.
      width: even(between(env.RECORDING_WIDTH, 'RECORDING_WIDTH', 160, 3840), 'RECORDING_WIDTH'),
      height: even(between(env.RECORDING_HEIGHT, 'RECORDING_HEIGHT', 90, 2160), 'RECORDING_HEIGHT'),
      fps: between(env.RECORDING_FPS, 'RECORDING_FPS', 1, 60),
      videoBitrateKbps: between(env.RECORDING_VIDEO_BITRATE, 'RECORDING_VIDEO_BITRATE', 50, 20_000),
      minFreeMb: nonNegative(env.RECORDING_MIN_FREE_MB, 'RECORDING_MIN_FREE_MB'),
    },
  };
}

function mediaNetwork(
  listenIp: string,
  announced: string,
  webRtcPort: number,
  workers: number,
): Pick<AppConfig['media'], 'listenIp' | 'announcedAddress' | 'webRtcPort'> {
  if (!isIP(listenIp)) {
    throw new InvalidConfigError('Invalid environment variables: MEDIA_LISTEN_IP (must be an IPv4 or IPv6 address)');
  }
  // A wildcard is fine to listen on but useless in an ICE candidate: clients need a real address.
  if ((listenIp === '0.0.0.0' || listenIp === '::') && !announced) {
    throw new InvalidConfigError(
      'Invalid environment variables: MEDIA_ANNOUNCED_ADDRESS (required when MEDIA_LISTEN_IP is a wildcard)',
    );
  }
  if (announced && !isIP(announced) && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(announced)) {
    throw new InvalidConfigError('Invalid environment variables: MEDIA_ANNOUNCED_ADDRESS (an IP or a host name)');
  }
  if (webRtcPort + workers - 1 > 65535) {
    throw new InvalidConfigError('Invalid environment variables: MEDIA_WEBRTC_PORT (too high for MEDIA_WORKERS)');
  }
  return { listenIp, announcedAddress: announced || null, webRtcPort };
}

function turnUrlList(value: string): string[] {
  const urls = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (urls.some((url) => !/^(turns?|stun):[^\s]+$/.test(url))) {
    throw new InvalidConfigError(
      'Invalid environment variables: TURN_URLS (comma-separated turn:, turns: or stun: URLs)',
    );
  }
  return urls;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidConfigError(`Invalid environment variables: ${name} (must be a positive integer)`);
  }
  return value;
}

function between(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidConfigError(`Invalid environment variables: ${name} (must be an integer from ${min} to ${max})`);
  }
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidConfigError(`Invalid environment variables: ${name} (must be an integer, 0 or more)`);
  }
  return value;
}

function even(value: number, name: string): number {
  if (value % 2 !== 0) throw new InvalidConfigError(`Invalid environment variables: ${name} (must be even)`);
  return value;
}

function minuteList(value: string, name: string): number[] {
  const minutes = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  if (minutes.some((m) => !Number.isInteger(m) || m < 1)) {
    throw new InvalidConfigError(`Invalid environment variables: ${name} (comma-separated positive minutes)`);
  }
  return minutes.sort((a, b) => b - a);
}
