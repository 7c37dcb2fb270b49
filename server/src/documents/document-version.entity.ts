import type {
  DocumentFailureReason,
  DocumentSourceKind,
  DocumentStage,
  DocumentVersionStatus,
  FastOpenHint,
} from '@app/shared';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { User } from '../people/user.entity';
import { MeetingDocument } from './meeting-document.entity';

/** One uploaded file of a document and the state of its processing. Versions are never overwritten. */
@Entity('document_versions')
@Unique(['documentId', 'number'])
export class DocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  documentId!: string;

  @ManyToOne(() => MeetingDocument, (document) => document.versions, { onDelete: 'CASCADE' })
  document!: MeetingDocument;

  /** 1, 2, 3… per document. */
  @Column({ type: 'integer' })
  number!: number;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  status!: DocumentVersionStatus;

  @Column({ type: 'varchar', length: 16 })
  stage!: DocumentStage;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  failureReason!: DocumentFailureReason | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureMessage!: string | null;

  /** Detected from the content, never from the name or the claimed type. */
  @Column({ type: 'varchar', length: 8 })
  sourceKind!: DocumentSourceKind;

  @Column({ type: 'varchar', length: 100 })
  mimeType!: string;

  /** The uploaded name, cleaned for display. */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** Size and hash of the uploaded file. */
  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'integer', nullable: true })
  pageCount!: number | null;

  /** Size and hash of the linearized PDF that is served (the hash is its ETag). */
  @Column({ type: 'integer', nullable: true })
  pdfSizeBytes!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  pdfSha256!: string | null;

  /** Where pdf.js finds page 1 in the served PDF (see ingest/fast-open-hint.ts); null: unknown. */
  @Column({ type: 'simple-json', nullable: true })
  fastOpen!: FastOpenHint | null;

  @Column({ type: 'varchar', nullable: true })
  uploadedById!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  uploadedBy!: User | null;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  readyAt!: Date | null;
}
