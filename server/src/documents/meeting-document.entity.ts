import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { AgendaItem } from '../meetings/agenda-item.entity';
import { Meeting } from '../meetings/meeting.entity';

/** A PDF of a meeting, optionally attached to an agenda item. The file lives under DATA_DIR/documents. */
@Entity('documents')
export class MeetingDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, (meeting) => meeting.documents, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, (item) => item.documents, { nullable: true, onDelete: 'SET NULL' })
  agendaItem!: AgendaItem | null;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** The name as uploaded, for display only; never used as a path. */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 100 })
  mimeType!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'integer', default: 0 })
  pageCount!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /** Path relative to the documents folder. */
  @Column({ type: 'varchar', length: 300 })
  storageKey!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
