import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { AgendaItem } from '../../meetings/agenda-item.entity';
import { Meeting } from '../../meetings/meeting.entity';
import { User } from '../../people/user.entity';

/** The conclusion of one agenda item, written by the chair or secretary (at most one per item). */
@Entity('conclusions')
export class Conclusion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar', unique: true })
  agendaItemId!: string;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  agendaItem!: AgendaItem;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'datetime' })
  updatedAt!: Date;

  @Column({ type: 'varchar' })
  updatedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  updatedByUser!: User;
}
