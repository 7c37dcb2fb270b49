import type { SpeechKind } from '@app/shared';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { AgendaItem } from '../../meetings/agenda-item.entity';
import { Meeting } from '../../meetings/meeting.entity';
import { Participant } from '../../meetings/participant.entity';
import { SpeakerRequest } from './speaker-request.entity';

/** Who ended a slot: an organiser, the speaker themself, the time limit, or the floor given to the next. */
export type SlotEndedBy = 'chair' | 'speaker' | 'time' | 'next';

/**
 * One time someone had the floor: the record the minutes are drafted from. At most one slot per
 * meeting is open (endedAt null), enforced by a partial unique index.
 */
@Entity('speaking_slots')
@Index('IDX_speaking_slots_one_open', ['meetingId'], { unique: true, where: `"endedAt" IS NULL` })
@Index(['meetingId', 'startedAt'])
export class SpeakingSlot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  participant!: Participant;

  @Column({ type: 'varchar', nullable: true })
  requestId!: string | null;

  @ManyToOne(() => SpeakerRequest, { onDelete: 'SET NULL' })
  request!: SpeakerRequest | null;

  @Column({ type: 'varchar', length: 20 })
  kind!: SpeechKind;

  /** The item under discussion while they spoke. */
  @Column({ type: 'varchar', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'SET NULL' })
  agendaItem!: AgendaItem | null;

  @Column({ type: 'datetime' })
  startedAt!: Date;

  /** Null: no limit. */
  @Column({ type: 'integer', nullable: true })
  limitSeconds!: number | null;

  /** startedAt + limitSeconds. */
  @Column({ type: 'datetime', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  endedBy!: SlotEndedBy | null;
}
