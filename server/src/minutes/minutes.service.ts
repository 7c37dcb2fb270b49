import type { FinalizeMinutesRequest, MeetingStatus, MinutesResponse, UpdateMinutesRequest } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { ORGANISER_ROLES } from '../meetings/access/meeting-access.decorators';
import { Meeting } from '../meetings/meeting.entity';
import { STATUS_LABEL_VI } from '../meetings/meeting-rules';
import type { Participant } from '../meetings/participant.entity';
import { foldForSearch } from '../people/search-text';
import { MeetingMinutes } from './meeting-minutes.entity';
import { draftMinutes } from './minutes-draft';
import { MinutesFactsService } from './minutes-facts.service';
import { MinutesPdfService } from './minutes-pdf.service';
import { mapMinutes } from './minutes.mapper';

/** A draft is written from what the live session recorded: while it runs, or once it is closed. */
const DRAFT_STATUSES: readonly MeetingStatus[] = ['live', 'closed'];
/** Minutes are finalized after the meeting (they record when it ended). */
const FINALIZE_STATUSES: readonly MeetingStatus[] = ['closed', 'archived'];

export interface MinutesPdf {
  bytes: Buffer;
  fileName: string;
}

/**
 * The minutes of a meeting: a draft generated from the meeting's records, edited by the chair or
 * secretary (each edit names the version it was based on; a stale one is refused), then finalized,
 * after which every participant may read it. Organisers see drafts; others only the final text.
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectRepository(MeetingMinutes) private readonly minutes: Repository<MeetingMinutes>,
    private readonly dataSource: DataSource,
    private readonly facts: MinutesFactsService,
    private readonly pdfs: MinutesPdfService,
    private readonly audit: AuditService,
  ) {}

  async get(meetingId: string, reader: Participant): Promise<MinutesResponse> {
    return mapMinutes(await this.readable(meetingId, reader));
  }

  /** Generates the draft anew from the meeting's records, replacing the draft text (not final minutes). */
  async generateDraft(meetingId: string, actor: AuthUser, ip: string): Promise<MinutesResponse> {
    await this.requireMeetingStatus(
      meetingId,
      DRAFT_STATUSES,
      'Chỉ lập biên bản khi cuộc họp đang diễn ra hoặc đã kết thúc',
      'Minutes can be drafted only while the meeting is live or once it is closed',
    );
    const body = draftMinutes(await this.facts.read(meetingId));
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(MeetingMinutes, { meetingId });
      if (existing?.status === 'final') throw finalError();
      const version = (existing?.version ?? 0) + 1;
      if (existing) {
        await manager.update(
          MeetingMinutes,
          { id: existing.id },
          { body, version, generatedAt: now, updatedAt: now, updatedByUserId: actor.id },
        );
      } else {
        await manager.insert(MeetingMinutes, {
          meetingId,
          body,
          status: 'draft',
          version,
          generatedAt: now,
          updatedAt: now,
          updatedByUserId: actor.id,
        });
      }
      await this.record(manager, 'minutes.generated', meetingId, actor, ip, { version });
    });
    return mapMinutes(await this.load(meetingId));
  }

  async update(
    meetingId: string,
    request: UpdateMinutesRequest,
    actor: AuthUser,
    ip: string,
  ): Promise<MinutesResponse> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.current(manager, meetingId, request.version);
      const version = current.version + 1;
      await manager.update(
        MeetingMinutes,
        { id: current.id, version: current.version },
        { body: request.body, version, updatedAt: new Date(), updatedByUserId: actor.id },
      );
      await this.record(manager, 'minutes.updated', meetingId, actor, ip, { version });
    });
    return mapMinutes(await this.load(meetingId));
  }

  async finalize(
    meetingId: string,
    request: FinalizeMinutesRequest,
    actor: AuthUser,
    ip: string,
  ): Promise<MinutesResponse> {
    await this.requireMeetingStatus(
      meetingId,
      FINALIZE_STATUSES,
      'Chỉ hoàn tất biên bản sau khi cuộc họp kết thúc',
      'Minutes can be finalized only once the meeting is closed',
    );
    await this.dataSource.transaction(async (manager) => {
      const current = await this.current(manager, meetingId, request.version);
      const now = new Date();
      const version = current.version + 1;
      await manager.update(
        MeetingMinutes,
        { id: current.id, version: current.version },
        { status: 'final', finalizedAt: now, updatedAt: now, updatedByUserId: actor.id, version },
      );
      await this.record(manager, 'minutes.finalized', meetingId, actor, ip, { version });
    });
    return mapMinutes(await this.load(meetingId));
  }

  /** The minutes as PDF, under the same reading rules; a draft is marked "DỰ THẢO" on every page. */
  async pdf(meetingId: string, reader: Participant): Promise<MinutesPdf> {
    const minutes = await this.readable(meetingId, reader);
    return this.render(minutes);
  }

  /** For the meeting archive: the text and its PDF, when the meeting has minutes. */
  async forArchive(meetingId: string): Promise<{ body: string; pdf: Buffer; status: string } | null> {
    const minutes = await this.minutes.findOne({ where: { meetingId }, relations: { meeting: true } });
    if (!minutes) return null;
    const { bytes } = await this.render(minutes);
    return { body: minutes.body, pdf: bytes, status: minutes.status };
  }

  private async render(minutes: MeetingMinutes): Promise<MinutesPdf> {
    const meeting =
      minutes.meeting ?? (await this.dataSource.getRepository(Meeting).findOneByOrFail({ id: minutes.meetingId }));
    const bytes = await this.pdfs.render(minutes.body, {
      title: `Biên bản cuộc họp – ${meeting.title}`,
      draft: minutes.status !== 'final',
      createdAt: minutes.updatedAt,
    });
    return { bytes, fileName: pdfName(meeting) };
  }

  private async readable(meetingId: string, reader: Participant): Promise<MeetingMinutes> {
    const minutes = await this.minutes.findOne({
      where: { meetingId },
      relations: { updatedByUser: true, meeting: true },
    });
    const organiser = ORGANISER_ROLES.includes(reader.meetingRole);
    if (!minutes) throw new NotFoundError('Cuộc họp chưa có biên bản / This meeting has no minutes yet');
    if (!organiser && minutes.status !== 'final') {
      throw new NotFoundError('Biên bản chưa được hoàn tất / The minutes are not final yet');
    }
    return minutes;
  }

  /** The minutes to change, if still a draft at the version the caller saw. */
  private async current(manager: EntityManager, meetingId: string, seen: number): Promise<MeetingMinutes> {
    const current = await manager.findOneBy(MeetingMinutes, { meetingId });
    if (!current) throw new NotFoundError('Cuộc họp chưa có biên bản / This meeting has no minutes yet');
    if (current.status === 'final') throw finalError();
    if (current.version !== seen) {
      throw new ConflictError(
        `Biên bản đã được người khác sửa (phiên bản ${current.version}); hãy tải lại trước khi lưu / ` +
          `The minutes were changed by someone else (now version ${current.version}); reload them before saving`,
      );
    }
    return current;
  }

  private async load(meetingId: string): Promise<MeetingMinutes> {
    return this.minutes.findOneOrFail({ where: { meetingId }, relations: { updatedByUser: true } });
  }

  private async requireMeetingStatus(
    meetingId: string,
    statuses: readonly MeetingStatus[],
    vi: string,
    en: string,
  ): Promise<void> {
    const meeting = await this.dataSource.getRepository(Meeting).findOneBy({ id: meetingId });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    if (!statuses.includes(meeting.status)) {
      throw new ConflictError(
        `${vi}; cuộc họp đang ở trạng thái "${STATUS_LABEL_VI[meeting.status]}" / ${en}; this one is ${meeting.status}`,
      );
    }
  }

  private record(
    manager: EntityManager,
    action: 'minutes.generated' | 'minutes.updated' | 'minutes.finalized',
    meetingId: string,
    actor: AuthUser,
    ip: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({ action, actor, meetingId, subjectId: meetingId, ip, details }, manager);
  }
}

function finalError(): ConflictError {
  return new ConflictError('Biên bản đã hoàn tất, không sửa được nữa / The minutes are final and can no longer change');
}

/** ASCII download name: `bien-ban-2026-11-23-ky-hop-thu-muoi-hai.pdf`. */
function pdfName(meeting: Meeting): string {
  const slug = foldForSearch(meeting.title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `bien-ban-${meeting.startsAt.toISOString().slice(0, 10)}${slug ? `-${slug}` : ''}.pdf`;
}
