import type { ReadinessReport } from '@app/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';

/** The last pre-meeting test call of one participant: one row each, replaced by every new test. */
@Entity('conference_readiness')
export class ConferenceReadiness {
  @PrimaryColumn({ type: 'varchar' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participantId' })
  participant!: Participant;

  @Index()
  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  /** What the test page measured, as sent (ReadinessReport without `testedAt`). */
  @Column({ type: 'simple-json' })
  report!: Omit<ReadinessReport, 'testedAt'>;

  @Column({ type: 'datetime' })
  testedAt!: Date;
}
