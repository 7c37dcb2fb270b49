import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';

import { DocumentVersion } from '../document-version.entity';

/** The text of one page of a ready version, with its folded copy (same length) that search scans. */
@Entity('document_pages')
export class DocumentPage {
  @PrimaryColumn({ type: 'varchar' })
  versionId!: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'CASCADE' })
  version!: DocumentVersion;

  /** 1-based. */
  @PrimaryColumn({ type: 'integer' })
  page!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  folded!: string;
}
