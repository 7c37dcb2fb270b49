import sqlite3 from 'sqlite3';

import { all, closeDatabase, openDatabase } from '../lib/live-crowd';

export interface StoredBallots {
  /** Rows of the poll in the `ballots` table. */
  rows: number;
  ballotIds: Set<string>;
  /** Distinct members with a stored ballot. */
  members: number;
  /** Sum of the poll's tallies (each ballot of a single-choice poll adds one). */
  tallied: number;
}

/** What the database file holds for a poll, read with a read-only connection of its own. */
export async function readStoredBallots(databaseFile: string, pollId: string): Promise<StoredBallots> {
  const db = await openDatabase(databaseFile, sqlite3.OPEN_READONLY);
  try {
    const rows = await all<{ ballotId: string; memberParticipantId: string }>(
      db,
      'SELECT "ballotId", "memberParticipantId" FROM "ballots" WHERE "pollId" = ?',
      [pollId],
    );
    const [tally] = await all<{ tallied: number | null }>(
      db,
      'SELECT SUM("count") AS tallied FROM "poll_tallies" WHERE "pollId" = ?',
      [pollId],
    );
    return {
      rows: rows.length,
      ballotIds: new Set(rows.map((row) => row.ballotId)),
      members: new Set(rows.map((row) => row.memberParticipantId)).size,
      tallied: tally?.tallied ?? 0,
    };
  } finally {
    await closeDatabase(db);
  }
}
