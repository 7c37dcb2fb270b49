import type { PresenterPosition, QuorumRule } from '@app/shared';
import { Column, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import { Meeting } from '../meetings/meeting.entity';

/**
 * The meeting-wide part of the live session, and its version: every change to any part of the live
 * state (attendance, speakers, polls...) bumps `version` in the same transaction, so a client that
 * reconnects after a server restart still sees versions only ever go up.
 */
@Entity('live_states')
export class LiveStateRow {
  @PrimaryColumn({ type: 'varchar' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  meeting!: Meeting;

  @Column({ type: 'integer', default: 0 })
  version!: number;

  @Column({ type: 'varchar', nullable: true })
  currentAgendaItemId!: string | null;

  @Column({ type: 'varchar', nullable: true })
  presenterUserId!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  presenterPosition!: PresenterPosition | null;

  @Column({ type: 'simple-json', nullable: true })
  quorumRule!: QuorumRule | null;

  @UpdateDateColumn()
  updatedAt!: Date;
}
