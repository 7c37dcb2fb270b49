import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';

import { Poll } from './poll.entity';

/**
 * How many ballots chose each option, written in the same transaction as the ballots. Rows are made
 * for every option when the poll opens and only ever incremented: nothing here names a ballot.
 */
@Entity('poll_tallies')
export class PollTally {
  @PrimaryColumn({ type: 'varchar' })
  pollId!: string;

  @ManyToOne(() => Poll, { onDelete: 'CASCADE' })
  poll!: Poll;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  optionKey!: string;

  @Column({ type: 'integer', default: 0 })
  count!: number;
}
