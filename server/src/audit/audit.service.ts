import type { AuditAction, AuditPageResponse, ListAuditQuery } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import type { AuthUser } from '../auth/auth-user';
import { AuditLogEntry } from './audit-log-entry.entity';
import { mapAuditEntry } from './audit.mapper';

export interface AuditEvent {
  action: AuditAction;
  actor?: Pick<AuthUser, 'id' | 'username'> | null;
  /** For failed logins: the name that was typed. */
  actorName?: string;
  meetingId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>) {}

  /** Pass the transaction's manager so the entry commits (or rolls back) with the change it records. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditLogEntry) : this.entries;
    const entry = repository.create({
      action: event.action,
      actorId: event.actor?.id ?? null,
      actorName: event.actor?.username ?? event.actorName?.slice(0, 200) ?? null,
      meetingId: event.meetingId ?? null,
      subjectId: event.subjectId ?? null,
      ip: event.ip?.slice(0, 64) ?? null,
      details: event.details ?? null,
    });
    await repository.save(entry);
  }

  async list(query: ListAuditQuery): Promise<AuditPageResponse> {
    const qb = this.entries.createQueryBuilder('e').orderBy('e.id', 'DESC').take(query.limit).skip(query.offset);
    if (query.actorId) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.meetingId) qb.andWhere('e.meetingId = :meetingId', { meetingId: query.meetingId });
    if (query.from) qb.andWhere('e.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.at <= :to', { to: new Date(query.to) });
    const [rows, total] = await qb.getManyAndCount();
    return { total, entries: rows.map(mapAuditEntry) };
  }
}
