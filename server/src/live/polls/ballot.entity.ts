import { Column, Entity, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

import { Participant } from '../../meetings/participant.entity';
import { Poll } from './poll.entity';

/**
 * One ballot per (poll, represented member), enforced here. `ballotId` is made by the client and
 * kept across retries, so a retry finds its ballot instead of casting a second one.
 *
 * Secret polls: the row only records THAT the member voted: `choices` and `castAt` stay null and
 * the choices exist nowhere but as counts in poll_tallies, so no stored row links a voter to a choice.
 */
@Entity('ballots')
@Unique('UQ_ballots_one_per_member', ['pollId', 'memberParticipantId'])
export class Ballot {
  @PrimaryColumn({ type: 'varchar' })
  ballotId!: string;

  @Column({ type: 'varchar' })
  pollId!: string;

  @ManyToOne(() => Poll, { onDelete: 'CASCADE' })
  poll!: Poll;

  @Column({ type: 'varchar' })
  memberParticipantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  memberParticipant!: Participant;

  @Column({ type: 'varchar' })
  castByParticipantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  castByParticipant!: Participant;

  /** Option keys chosen; null for secret polls. */
  @Column({ type: 'simple-json', nullable: true })
  choices!: string[] | null;

  /** Null for secret polls. */
  @Column({ type: 'datetime', nullable: true })
  castAt!: Date | null;
}
