import type { AnnotationKind, AnnotationRect } from '@app/shared';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { User } from '../../people/user.entity';
import { MeetingDocument } from '../meeting-document.entity';

/** A private note or highlight: only its author ever sees it. */
@Entity('document_annotations')
@Index(['documentId', 'authorId'])
export class DocumentAnnotation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  documentId!: string;

  @ManyToOne(() => MeetingDocument, { onDelete: 'CASCADE' })
  document!: MeetingDocument;

  @Column({ type: 'varchar' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  author!: User;

  @Column({ type: 'varchar', length: 10 })
  kind!: AnnotationKind;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'integer' })
  page!: number;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'simple-json' })
  rects!: AnnotationRect[];

  @Column({ type: 'varchar', length: 7 })
  color!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
