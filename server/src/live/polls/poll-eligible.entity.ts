import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

import { Participant } from '../../meetings/participant.entity';
import { Poll } from './poll.entity';

/**
 * Who may vote in a poll, and who casts that vote (the member, or the holder of their proxy): fixed
 * when the poll opens, so check-ins and proxies changed later apply from the next poll.
 */
@Entity('poll_eligible')
@Index(['pollId', 'castByParticipantId'])
export class PollEligible {
  @PrimaryColumn({ type: 'varchar' })
  pollId!: string;

  @ManyToOne(() => Poll, { onDelete: 'CASCADE' })
  poll!: Poll;

  @PrimaryColumn({ type: 'varchar' })
  memberParticipantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  memberParticipant!: Participant;

  @Column({ type: 'varchar' })
  castByParticipantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  castByParticipant!: Participant;
}
