import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { User } from '../../people/user.entity';
import { DocumentVersion } from '../document-version.entity';
import { MeetingDocument } from '../meeting-document.entity';

/** Who opened which version of a document, first and last time. */
@Entity('document_read_receipts')
@Unique(['versionId', 'userId'])
export class ReadReceipt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'varchar' })
  documentId!: string;

  @ManyToOne(() => MeetingDocument, { onDelete: 'CASCADE' })
  document!: MeetingDocument;

  @Column({ type: 'varchar' })
  versionId!: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'versionId' })
  documentVersion!: DocumentVersion;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user!: User;

  @Column({ type: 'datetime' })
  firstOpenedAt!: Date;

  @Column({ type: 'datetime' })
  lastOpenedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  openCount!: number;
}
