import type { NotificationKind } from '@app/shared';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Meeting } from '../meetings/meeting.entity';
import { User } from '../people/user.entity';

/** One in-app notification for one user. */
@Entity('notifications')
@Index(['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user!: User;

  @Column({ type: 'varchar', length: 40 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => Meeting, { nullable: true, onDelete: 'CASCADE' })
  meeting!: Meeting | null;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'datetime', nullable: true })
  readAt!: Date | null;

  /** Set by the service with milliseconds (not the column default, whole seconds) so newest-first is exact. */
  @Column({ type: 'datetime' })
  createdAt!: Date;
}
