import { Injectable } from '@nestjs/common';

/**
 * Participants the chair removed from a meeting's bridge: refused when they try to rejoin, for as
 * long as the meeting is live. Kept in memory: a server restart (which drops every room anyway)
 * forgets them, and the meeting leaving `live` clears its list.
 */
@Injectable()
export class ConferenceRemovals {
  private readonly removed = new Map<string, Set<string>>();

  add(meetingId: string, participantId: string): void {
    const set = this.removed.get(meetingId) ?? new Set<string>();
    set.add(participantId);
    this.removed.set(meetingId, set);
  }

  has(meetingId: string, participantId: string): boolean {
    return this.removed.get(meetingId)?.has(participantId) ?? false;
  }

  clear(meetingId: string): void {
    this.removed.delete(meetingId);
  }
}
