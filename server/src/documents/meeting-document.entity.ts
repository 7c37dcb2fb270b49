import type { DocumentVisibility } from '@app/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import { AgendaItem } from '../meetings/agenda-item.entity';
import { Meeting } from '../meetings/meeting.entity';
import { User } from '../people/user.entity';
import { DocumentReader } from './document-reader.entity';
import { DocumentVersion } from './document-version.entity';

/**
 * A document of a meeting, optionally attached to an agenda item. Its files are its versions
 * (DATA_DIR/documents/<meetingId>/<documentId>/v<N>/); `fileName`, `pageCount` and `sizeBytes` copy
 * those of the newest ready version so lists need no join.
 */
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

  /** The name as uploaded, cleaned, for display only; never used as a path. */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'integer', default: 0 })
  pageCount!: number;

  @Column({ type: 'varchar', length: 10, default: 'all' })
  visibility!: DocumentVisibility;

  /** Served stamped with the reader's name; the client hides download and print. */
  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  /** The newest ready version (served by default); null until one is ready. */
  @Column({ type: 'integer', nullable: true })
  currentVersion!: number | null;

  /** The highest version number handed out. */
  @Column({ type: 'integer', default: 0 })
  latestVersion!: number;

  @Column({ type: 'varchar', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  createdBy!: User | null;

  @OneToMany(() => DocumentVersion, (version) => version.document)
  versions!: DocumentVersion[];

  @OneToMany(() => DocumentReader, (reader) => reader.document)
  readers!: DocumentReader[];

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
