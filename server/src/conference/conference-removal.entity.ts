import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { User } from '../people/user.entity';

/**
 * A participant the chair removed from a meeting's bridge: refused when it tries to rejoin until
 * readmitted, or until the meeting stops being live (its rows are then deleted). Kept in the
 * database so that a server restart does not let a removed site back in.
 */
@Entity('conference_removals')
@Unique(['meetingId', 'participantId'])
export class ConferenceRemoval {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  participant!: Participant;

  /** The organiser (user) who removed it. */
  @Column({ type: 'varchar', nullable: true })
  removedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  removedBy!: User | null;

  @CreateDateColumn()
  removedAt!: Date;
}
