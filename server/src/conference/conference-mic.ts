import type { ConferencePeer } from './conference-peer';
import type { ConferenceRoom } from './conference-room';

/**
 * Whether the server keeps this peer's microphone closed: the chair muted it, or mute-all is locked
 * and it is neither an organiser nor the one holding the floor. A held mic starts paused and the
 * peer may not resume it.
 */
export function micHeld(room: ConferenceRoom, peer: ConferencePeer): boolean {
  if (peer.mutedByChair) return true;
  return room.locked && !peer.organiser && room.floorParticipantId !== peer.id;
}

/** Pauses or resumes the peer's mic producer on the server; false when there is none or nothing changed. */
export async function setMicPaused(peer: ConferencePeer, paused: boolean): Promise<boolean> {
  const mic = peer.producers.get('mic');
  if (!mic || mic.closed || mic.paused === paused) return false;
  try {
    if (paused) await mic.pause();
    else await mic.resume();
    return true;
  } catch (error) {
    if (mic.closed) return false; // the peer left meanwhile
    throw error;
  }
}
