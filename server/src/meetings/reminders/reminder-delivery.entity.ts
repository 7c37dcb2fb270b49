import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { User } from '../../people/user.entity';
import { Meeting } from '../meeting.entity';

/**
 * A reminder already sent (or skipped as superseded) to one participant. Keyed by the start time it
 * was about, so moving the meeting makes fresh reminders due while a restart re-sends nothing.
 */
@Entity('reminder_deliveries')
@Unique(['meetingId', 'userId', 'minutesBefore', 'startsAt'])
export class ReminderDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user!: User;

  @Column({ type: 'integer' })
  minutesBefore!: number;

  @Column({ type: 'datetime' })
  startsAt!: Date;

  @CreateDateColumn()
  sentAt!: Date;
}
