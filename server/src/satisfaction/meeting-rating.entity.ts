import { Check, Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { Meeting } from '../meetings/meeting.entity';
import { User } from '../people/user.entity';

/** One participant's rating of a closed meeting: one per (meeting, user), replaced when rated again. */
@Entity('meeting_ratings')
@Unique(['meetingId', 'userId'])
@Check(`"score" BETWEEN 1 AND 5`)
export class MeetingRating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user!: User;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
