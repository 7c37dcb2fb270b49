import type { AttendanceStatus, CheckInSource } from '@app/shared';
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

import { Meeting } from '../../meetings/meeting.entity';
import { Participant } from '../../meetings/participant.entity';

/**
 * One participant's attendance at one meeting, and the proxy they gave for it. A participant without
 * a row is `unknown`. Removing a participant drops their row and every proxy or site declaration
 * pointing at them.
 */
@Entity('attendance_records')
@Unique(['meetingId', 'participantId'])
export class AttendanceRecord {
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

  @Column({ type: 'varchar', length: 20, default: 'unknown' })
  status!: AttendanceStatus;

  /** Why the member is absent (absences only). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  source!: CheckInSource | null;

  /** The commune site that declared this member present in its room. */
  @Column({ type: 'varchar', nullable: true })
  siteParticipantId!: string | null;

  @ManyToOne(() => Participant, { onDelete: 'SET NULL' })
  siteParticipant!: Participant | null;

  /** When the member was first recorded present (null unless present). */
  @Column({ type: 'datetime', nullable: true })
  checkedInAt!: Date | null;

  /** The member who casts this member's vote while they are not present. */
  @Column({ type: 'varchar', nullable: true })
  proxyHolderParticipantId!: string | null;

  @ManyToOne(() => Participant, { onDelete: 'SET NULL' })
  proxyHolderParticipant!: Participant | null;

  @UpdateDateColumn()
  updatedAt!: Date;
}
