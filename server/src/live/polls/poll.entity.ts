import type { PollKind, PollOption, PollStatus } from '@app/shared';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { AgendaItem } from '../../meetings/agenda-item.entity';
import { Meeting } from '../../meetings/meeting.entity';
import { User } from '../../people/user.entity';

/**
 * A vote on a question, opened by the chair or the secretary. Once closed, this row and its tallies
 * are the stored result, with the agenda item it was about. At most one poll per meeting is open,
 * enforced by a partial unique index.
 */
@Entity('polls')
@Index('IDX_polls_one_open', ['meetingId'], { unique: true, where: `"status" = 'open'` })
@Index(['meetingId', 'openedAt'])
export class Poll {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'varchar', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'SET NULL' })
  agendaItem!: AgendaItem | null;

  @Column({ type: 'varchar', length: 500 })
  question!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: PollKind;

  /** In display order; ballots and tallies name options by `key`. */
  @Column({ type: 'simple-json' })
  options!: PollOption[];

  @Column({ type: 'integer', default: 1 })
  maxChoices!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: PollStatus;

  @Column({ type: 'datetime' })
  openedAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'varchar', nullable: true })
  openedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  openedByUser!: User | null;

  /** How many members may vote, fixed at opening (the rows of poll_eligible). */
  @Column({ type: 'integer' })
  eligibleCount!: number;
}
