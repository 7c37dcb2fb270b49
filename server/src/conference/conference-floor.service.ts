import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

import { LiveStateService } from '../live/live-state.service';
import { SpeakersService } from '../live/speakers/speakers.service';
import { micHeld, setMicPaused } from './conference-mic';
import { ConferenceNotifier } from './conference-notifier';
import type { ConferenceRoom } from './conference-room';
import { ConferenceRoomsService } from './conference-rooms.service';

/**
 * The floor, from the live session's speaker queue: the participant given it is spotlighted for
 * everyone and its mic opened on the server, even under mute-all's lock; when its slot ends the mic
 * closes again if the lock or a chair mute still holds. A participant given the floor before it
 * joins the video is spotlighted when it joins (and its mic starts open).
 */
@Injectable()
export class ConferenceFloorService implements OnModuleInit {
  private readonly logger = new Logger(ConferenceFloorService.name);
  /** Per meeting, so two quick speaker changes apply in order. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly live: LiveStateService,
    private readonly speakers: SpeakersService,
    private readonly rooms: ConferenceRoomsService,
    private readonly notifier: ConferenceNotifier,
  ) {}

  onModuleInit(): void {
    this.live.onChange((meetingId, changed) => {
      if (changed.includes('speakers') && this.rooms.get(meetingId)) this.sync(meetingId);
    });
    this.rooms.onRoomCreated((room) => {
      if (!room.test) this.sync(room.meetingId);
    });
  }

  /** Re-reads who holds the floor and applies it to the meeting's bridge. */
  sync(meetingId: string): Promise<void> {
    const next = (this.queues.get(meetingId) ?? Promise.resolve())
      .then(() => this.apply(meetingId))
      .catch((error: Error) => this.logger.error(`floor of ${meetingId}: ${error.message}`));
    this.queues.set(meetingId, next);
    void next.finally(() => {
      if (this.queues.get(meetingId) === next) this.queues.delete(meetingId);
    });
    return next;
  }

  private async apply(meetingId: string): Promise<void> {
    const slots = await this.speakers.slots(meetingId);
    const current = slots.find((slot) => slot.endedAt === null)?.participantId ?? null;
    const room = this.rooms.get(meetingId);
    if (!room || room.closed || room.test || room.floorParticipantId === current) return;
    const previousId = room.floorParticipantId;
    room.floorParticipantId = current;
    if (previousId) {
      room.setChairMuted(previousId, room.floorHolderWasMuted);
      const previous = room.peers.get(previousId);
      if (previous && micHeld(room, previous)) await setMicPaused(previous, true);
    }
    if (current) await this.open(room, current);
    this.notifier.state(room);
  }

  /** The floor wins over a chair mute for the length of the slot. */
  private async open(room: ConferenceRoom, participantId: string): Promise<void> {
    room.floorHolderWasMuted = room.chairMuted.has(participantId);
    room.setChairMuted(participantId, false);
    const speaker = room.peers.get(participantId);
    if (speaker) await setMicPaused(speaker, false);
  }
}
