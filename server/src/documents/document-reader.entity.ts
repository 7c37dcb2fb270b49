import { Entity, ManyToOne, PrimaryColumn } from 'typeorm';

import { User } from '../people/user.entity';
import { MeetingDocument } from './meeting-document.entity';

/** A participant named as a reader of a `named` document. */
@Entity('document_readers')
export class DocumentReader {
  @PrimaryColumn({ type: 'varchar' })
  documentId!: string;

  @ManyToOne(() => MeetingDocument, (document) => document.readers, { onDelete: 'CASCADE' })
  document!: MeetingDocument;

  @PrimaryColumn({ type: 'varchar' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user!: User;
}
