import type { MinutesStatus } from '@app/shared';
import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Meeting } from '../meetings/meeting.entity';
import { User } from '../people/user.entity';

/** The minutes (biên bản) of one meeting: drafted from the live session, edited, then finalized. */
@Entity('meeting_minutes')
export class MeetingMinutes {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** One row per meeting (the one-to-one join column is unique). */
  @Column({ type: 'varchar' })
  meetingId!: string;

  @OneToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn()
  meeting!: Meeting;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status!: MinutesStatus;

  /** Bumped by every change; an edit based on an older version is refused (optimistic concurrency). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** When the current draft was generated from the meeting's records. */
  @Column({ type: 'datetime' })
  generatedAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;

  @Column({ type: 'varchar', nullable: true })
  updatedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  updatedByUser!: User | null;

  @Column({ type: 'datetime', nullable: true })
  finalizedAt!: Date | null;
}
