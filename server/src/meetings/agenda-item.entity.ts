import { Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { MeetingDocument } from '../documents/meeting-document.entity';
import { Meeting } from './meeting.entity';

@Entity('agenda_items')
@Unique(['meetingId', 'position'])
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, (meeting) => meeting.agendaItems, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  /** 1-based order in the agenda. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  presenter!: string | null;

  @Column({ type: 'integer', default: 15 })
  plannedMinutes!: number;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @OneToMany(() => MeetingDocument, (document) => document.agendaItem)
  documents!: MeetingDocument[];
}
