import { join, relative } from 'node:path';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';

/** Ids only ever come from the database, but a path is built from nothing else. */
const SAFE_SEGMENT = /^[0-9a-zA-Z-]{1,64}$/;

function segment(value: string): string {
  if (!SAFE_SEGMENT.test(value)) throw new Error(`unsafe path segment ${JSON.stringify(value)}`);
  return value;
}

/**
 * Where recordings live: `<DATA_DIR>/recordings/<meetingId>/<recordingId>/` holds `recording.webm`
 * (the finished file) and, until it is made, `tracks/` (each producer's RTP copied as it came, plus
 * `tracks.json`: which file is whose and when it began).
 */
@Injectable()
export class RecordingStorage {
  constructor(private readonly config: AppConfig) {}

  /** Every recording is under this folder: its free space decides whether one may start. */
  rootDir(): string {
    return join(this.config.dataDir, 'recordings');
  }

  recordingDir(meetingId: string, recordingId: string): string {
    return join(this.rootDir(), segment(meetingId), segment(recordingId));
  }

  tracksDir(meetingId: string, recordingId: string): string {
    return join(this.recordingDir(meetingId, recordingId), 'tracks');
  }

  manifestPath(meetingId: string, recordingId: string): string {
    return join(this.tracksDir(meetingId, recordingId), 'tracks.json');
  }

  filePath(meetingId: string, recordingId: string): string {
    return join(this.recordingDir(meetingId, recordingId), 'recording.webm');
  }

  /** The finished file's path relative to DATA_DIR, as the row records it. */
  relativeFilePath(meetingId: string, recordingId: string): string {
    return relative(this.config.dataDir, this.filePath(meetingId, recordingId));
  }
}
