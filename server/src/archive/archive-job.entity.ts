import type { ArchiveJobStatus } from '@app/shared';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Meeting } from '../meetings/meeting.entity';

/** One export of a meeting into a ZIP under DATA_DIR/archives. Live progress is kept in memory. */
@Entity('archive_jobs')
export class ArchiveJob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar', nullable: true })
  requestedById!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: ArchiveJobStatus;

  @Column({ type: 'integer', nullable: true })
  sizeBytes!: number | null;

  /** SHA-256 of the whole ZIP, for the audit trail. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  finishedAt!: Date | null;
}
