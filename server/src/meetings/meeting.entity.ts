import type { MeetingMode, MeetingStatus } from '@app/shared';
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

import { MeetingDocument } from '../documents/meeting-document.entity';
import { OrganisationUnit } from '../people/organisation-unit.entity';
import { AgendaItem } from './agenda-item.entity';
import { Participant } from './participant.entity';

@Entity('meetings')
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Index()
  @Column({ type: 'datetime' })
  startsAt!: Date;

  @Column({ type: 'datetime' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 300 })
  place!: string;

  @Column({ type: 'varchar', length: 20 })
  mode!: MeetingMode;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status!: MeetingStatus;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ type: 'varchar' })
  organiserId!: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  organiser!: OrganisationUnit;

  @OneToMany(() => Participant, (participant) => participant.meeting)
  participants!: Participant[];

  @OneToMany(() => AgendaItem, (item) => item.meeting)
  agendaItems!: AgendaItem[];

  @OneToMany(() => MeetingDocument, (document) => document.meeting)
  documents!: MeetingDocument[];

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  /** Filled by list queries (loadRelationCountAndMap), not stored. */
  agendaItemCount?: number;
  documentCount?: number;
}
