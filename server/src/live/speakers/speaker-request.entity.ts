import type { SpeechKind } from '@app/shared';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { AgendaItem } from '../../meetings/agenda-item.entity';
import { Meeting } from '../../meetings/meeting.entity';
import { Participant } from '../../meetings/participant.entity';

export type SpeakerRequestStatus = 'waiting' | 'speaking' | 'done' | 'withdrawn';

/**
 * A participant's request to speak. The waiting ones, by `position`, are the queue. The database
 * holds one waiting request per participant (partial unique index), whatever two sockets race.
 */
@Entity('speaker_requests')
@Index('IDX_speaker_requests_one_waiting', ['meetingId', 'participantId'], {
  unique: true,
  where: `"status" = 'waiting'`,
})
@Index(['meetingId', 'status', 'position'])
export class SpeakerRequest {
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

  @Column({ type: 'varchar', length: 20 })
  kind!: SpeechKind;

  /** The item under discussion when the request was made. */
  @Column({ type: 'varchar', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'SET NULL' })
  agendaItem!: AgendaItem | null;

  /** Order in the queue among the waiting requests (renumbered 1..n on every change of order). */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 20, default: 'waiting' })
  status!: SpeakerRequestStatus;

  @Column({ type: 'datetime' })
  requestedAt!: Date;
}
