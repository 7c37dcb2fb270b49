import type { RecordingStatus } from '@app/shared';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Meeting } from '../../meetings/meeting.entity';
import { User } from '../../people/user.entity';

/**
 * One server-side recording of a meeting's video bridge. The file lives under DATA_DIR at `path`
 * (built from the ids only); a row left `recording` or `processing` by a server stop is finalised
 * (or failed) at the next boot.
 */
@Entity('conference_recordings')
export class ConferenceRecording {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar', length: 12 })
  status!: RecordingStatus;

  @Column({ type: 'datetime' })
  startedAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', nullable: true })
  startedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  startedBy!: User | null;

  /** Of the finished file, measured by ffprobe. */
  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'integer', nullable: true })
  fileBytes!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  /** Relative to DATA_DIR, for operators; the server rebuilds it from the ids. */
  @Column({ type: 'varchar', nullable: true })
  path!: string | null;

  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;
}
