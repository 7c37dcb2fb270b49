import type { AuditAction } from '@app/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the append-only audit log. No foreign keys: entries outlive the users and meetings
 * they name. The migration adds triggers that refuse UPDATE and DELETE on this table.
 */
@Entity('audit_log')
export class AuditLogEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @CreateDateColumn()
  at!: Date;

  @Index()
  @Column({ type: 'varchar', length: 40 })
  action!: AuditAction;

  @Index()
  @Column({ type: 'varchar', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actorName!: string | null;

  @Index()
  @Column({ type: 'varchar', nullable: true })
  meetingId!: string | null;

  @Column({ type: 'varchar', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details!: Record<string, unknown> | null;
}
