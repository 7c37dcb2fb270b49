import type { MeetingRole } from '@app/shared';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { User } from '../people/user.entity';
import { Meeting } from './meeting.entity';

/** A person or commune site taking part in one meeting, with their role in it. */
@Entity('participants')
@Unique(['meetingId', 'userId'])
export class Participant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, (meeting) => meeting.participants, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Index()
  @Column({ type: 'varchar' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  user!: User;

  @Column({ type: 'varchar', length: 20 })
  meetingRole!: MeetingRole;

  /** Whether this participant votes (guests and sites do not by default). */
  @Column({ type: 'boolean', default: true })
  votingMember!: boolean;

  @CreateDateColumn()
  createdAt!: Date;
}
