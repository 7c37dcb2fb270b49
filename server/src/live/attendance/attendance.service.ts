import {
  AttendanceState,
  CheckInRequest,
  computeQuorum,
  DEFAULT_QUORUM_RULE,
  isPresent,
  MeetingStatus,
  ProxyRequest,
  SetQuorumRuleRequest,
  SiteMembersRequest,
} from '@app/shared';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { AuditEvent, AuditService } from '../../audit/audit.service';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../common/errors/domain-errors';
import { sortParticipants } from '../../meetings/participants/participant.mapper';
import { Participant } from '../../meetings/participant.entity';
import { LiveCaller, ORGANISERS } from '../live-calls';
import { LiveStateRow } from '../live-state.entity';
import { LiveStateService } from '../live-state.service';
import { MeetingSessionService } from '../session/meeting-session.service';
import { AttendanceRecord } from './attendance.entity';
import { mapAttendanceEntry } from './attendance.mapper';

/** Attendance, proxies and the quorum rule may change before the meeting starts and while it runs. */
const OPEN: readonly MeetingStatus[] = ['scheduled', 'live'];

type RecordFields = Partial<
  Pick<
    AttendanceRecord,
    'status' | 'reason' | 'source' | 'siteParticipantId' | 'checkedInAt' | 'proxyHolderParticipantId'
  >
>;

/**
 * Who is there, how (in the hall, online, in their commune's room) or why not, whose vote each
 * absent member gave to whom, and whether the quorum is reached. Every change goes through
 * LiveStateService.change: written, versioned and broadcast as one `attendance` update.
 *
 * Proxies: a voting member gives their vote to another voting member for the meeting, without
 * chains. The proxy only takes effect while the member is not present (`eligibleVoters`); it does
 * not count towards the quorum, which counts present voting members only. A proxy may change while
 * a poll is open: the polls fix their eligible voters when they open, so the change applies from
 * the next poll.
 */
@Injectable()
export class AttendanceService implements OnModuleInit {
  constructor(
    private readonly live: LiveStateService,
    private readonly session: MeetingSessionService,
    private readonly audit: AuditService,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectRepository(AttendanceRecord) private readonly records: Repository<AttendanceRecord>,
    @InjectRepository(LiveStateRow) private readonly rows: Repository<LiveStateRow>,
  ) {}

  onModuleInit(): void {
    this.live.registerSlice('attendance', (meetingId) => this.load(meetingId));
  }

  /**
   * Who may cast a vote now, and for whom: every present voting member for themself, and every
   * voting member not present whose proxy holder is present, cast by the holder. In the order of
   * the attendance list.
   */
  async eligibleVoters(meetingId: string): Promise<{ memberParticipantId: string; castByParticipantId: string }[]> {
    const [participants, records] = await Promise.all([
      this.participants.find({ where: { meetingId, votingMember: true }, relations: { user: true } }),
      this.records.findBy({ meetingId }),
    ]);
    const recordOf = new Map(records.map((record) => [record.participantId, record]));
    const voting = new Set(participants.map((participant) => participant.id));
    const present = (participantId: string) => {
      const record = recordOf.get(participantId);
      return !!record && isPresent(record);
    };
    const voters: { memberParticipantId: string; castByParticipantId: string }[] = [];
    for (const member of sortParticipants(participants)) {
      const holderId = recordOf.get(member.id)?.proxyHolderParticipantId;
      if (present(member.id)) {
        voters.push({ memberParticipantId: member.id, castByParticipantId: member.id });
      } else if (holderId && voting.has(holderId) && present(holderId)) {
        voters.push({ memberParticipantId: member.id, castByParticipantId: holderId });
      }
    }
    return voters;
  }

  /** Oneself (source `self`), or anyone by the chair or the secretary (source `organiser`, audited). */
  async checkIn(caller: LiveCaller, request: CheckInRequest): Promise<void> {
    const { meetingId, status } = request;
    await this.session.requireStatus(meetingId, OPEN);
    const self = !request.participantId || request.participantId === caller.participant.id;
    if (!self && !ORGANISERS.includes(caller.participant.meetingRole)) {
      throw new ForbiddenError(
        'Chỉ chủ tọa hoặc thư ký được điểm danh người khác / Only the chair or the secretary may check in someone else',
      );
    }
    const reason = request.reason || null;
    if (reason && status !== 'absent') {
      throw new ValidationError('Lý do chỉ dành cho vắng mặt / A reason goes with an absence only', [
        { path: 'reason', message: 'Only with status "absent"' },
      ]);
    }
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      const target = self
        ? caller.participant
        : await this.requireParticipant(manager, meetingId, request.participantId);
      const record = await manager.findOneBy(AttendanceRecord, { meetingId, participantId: target.id });
      const present = status !== 'absent';
      const stillPresent = present && record && isPresent(record) && record.checkedInAt;
      await this.write(manager, meetingId, target.id, record, {
        status,
        reason: present ? null : reason,
        source: self ? 'self' : 'organiser',
        siteParticipantId: null,
        checkedInAt: stillPresent ? record.checkedInAt : present ? new Date() : null,
      });
      if (!self) {
        await this.record(manager, caller, {
          action: 'attendance.marked',
          meetingId,
          subjectId: target.id,
          details: { status, reason, previousStatus: record?.status ?? 'unknown' },
        });
      }
    });
  }

  /**
   * Joining the video bridge is being there: a person whose attendance is still `unknown` is checked
   * in `online`, source `video`. Anything already recorded (in the hall, absent with a reason, by an
   * organiser) is left alone.
   */
  async checkInByVideo(meetingId: string, participantId: string): Promise<void> {
    const known = await this.records.findOneBy({ meetingId, participantId });
    if (known && known.status !== 'unknown') return;
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      const record = await manager.findOneBy(AttendanceRecord, { meetingId, participantId });
      if (record && record.status !== 'unknown') return;
      await this.write(manager, meetingId, participantId, record, {
        status: 'online',
        reason: null,
        source: 'video',
        siteParticipantId: null,
        checkedInAt: new Date(),
      });
    });
  }

  /**
   * A commune site declares which members of its commune are in its room: those become present
   * (in person, source `site`); those it had declared before and are no longer listed go back to
   * `unknown`. Members checked in by themselves or by an organiser since are not touched.
   */
  async declareSiteMembers(caller: LiveCaller, request: SiteMembersRequest): Promise<void> {
    const { meetingId } = request;
    await this.session.requireStatus(meetingId, OPEN);
    const listed = [...new Set(request.presentParticipantIds)];
    const site = caller.participant;
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      const all = await manager.find(Participant, { where: { meetingId }, relations: { user: true } });
      const byId = new Map(all.map((participant) => [participant.id, participant]));
      const communeId = byId.get(site.id)?.user.unitId ?? caller.user.unitId;
      for (const id of listed) {
        const member = byId.get(id);
        if (!member) {
          throw new NotFoundError(
            `Người này không tham dự cuộc họp / Participant ${id} does not take part in this meeting`,
          );
        }
        if (member.meetingRole === 'site' || member.user.role === 'commune_site' || member.user.unitId !== communeId) {
          throw new ForbiddenError(
            `${member.user.displayName} không phải thành viên của xã này / ${member.user.displayName} is not a member of this site's commune`,
          );
        }
      }
      const records = await manager.findBy(AttendanceRecord, { meetingId });
      const recordOf = new Map(records.map((record) => [record.participantId, record]));
      const now = new Date();
      for (const id of listed) {
        const record = recordOf.get(id);
        const already = record?.status === 'in_person' && record.siteParticipantId === site.id;
        await this.write(manager, meetingId, id, record, {
          status: 'in_person',
          reason: null,
          source: 'site',
          siteParticipantId: site.id,
          checkedInAt: already ? record.checkedInAt : now,
        });
      }
      const gone = records.filter(
        (record) =>
          record.source === 'site' && record.siteParticipantId === site.id && !listed.includes(record.participantId),
      );
      for (const record of gone) {
        await manager.update(
          AttendanceRecord,
          { id: record.id },
          { status: 'unknown', reason: null, source: null, siteParticipantId: null, checkedInAt: null },
        );
      }
      await this.record(manager, caller, {
        action: 'attendance.site_declared',
        meetingId,
        subjectId: site.id,
        details: { present: listed, noLongerPresent: gone.map((record) => record.participantId) },
      });
    });
  }

  /** The caller gives their vote to another voting member (null takes it back). No chains. */
  async setProxy(caller: LiveCaller, request: ProxyRequest): Promise<void> {
    const { meetingId, holderParticipantId } = request;
    await this.session.requireStatus(meetingId, OPEN);
    const member = caller.participant;
    if (!member.votingMember) {
      throw new ForbiddenError('Bạn không có quyền biểu quyết để ủy quyền / You have no vote to give');
    }
    if (holderParticipantId === member.id) {
      throw new ValidationError('Không thể tự ủy quyền cho chính mình / You cannot give your vote to yourself', [
        { path: 'holderParticipantId', message: 'Must be another member' },
      ]);
    }
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      const record = await manager.findOneBy(AttendanceRecord, { meetingId, participantId: member.id });
      if (holderParticipantId) {
        const holder = await this.requireParticipant(manager, meetingId, holderParticipantId);
        if (!holder.votingMember) {
          throw new ValidationError(
            'Người nhận ủy quyền phải là thành viên biểu quyết / The proxy holder must be a voting member',
            [{ path: 'holderParticipantId', message: 'Not a voting member' }],
          );
        }
        const holderRecord = await manager.findOneBy(AttendanceRecord, { meetingId, participantId: holder.id });
        if (holderRecord?.proxyHolderParticipantId) {
          throw new ConflictError(
            'Người này đã ủy quyền phiếu của mình cho người khác / This member has given their own vote to someone else',
          );
        }
        if (await manager.existsBy(AttendanceRecord, { meetingId, proxyHolderParticipantId: member.id })) {
          throw new ConflictError(
            'Bạn đang giữ phiếu ủy quyền của người khác / You hold other members’ votes and cannot give yours away',
          );
        }
      }
      await this.write(manager, meetingId, member.id, record, { proxyHolderParticipantId: holderParticipantId });
      await this.record(manager, caller, {
        action: 'attendance.proxy_changed',
        meetingId,
        subjectId: member.id,
        details: { holderParticipantId, previousHolderParticipantId: record?.proxyHolderParticipantId ?? null },
      });
    });
  }

  /** Chair or secretary: the share of voting members that makes the quorum. */
  async setQuorumRule(caller: LiveCaller, request: SetQuorumRuleRequest): Promise<void> {
    const { meetingId, rule } = request;
    await this.session.requireStatus(meetingId, OPEN);
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      const row = await this.live.row(manager, meetingId);
      await manager.update(LiveStateRow, { meetingId }, { quorumRule: rule });
      await this.record(manager, caller, {
        action: 'attendance.quorum_rule_changed',
        meetingId,
        details: { rule, previous: row.quorumRule ?? DEFAULT_QUORUM_RULE },
      });
    });
  }

  /** The attendance slice: every participant (chair first, then by role and name) and the quorum. */
  private async load(meetingId: string): Promise<AttendanceState> {
    const [participants, records, row] = await Promise.all([
      this.participants.find({ where: { meetingId }, relations: { user: { unit: true } } }),
      this.records.findBy({ meetingId }),
      this.rows.findOneBy({ meetingId }),
    ]);
    const recordOf = new Map(records.map((record) => [record.participantId, record]));
    const entries = sortParticipants(participants).map((participant) =>
      mapAttendanceEntry(participant, recordOf.get(participant.id)),
    );
    return { entries, quorum: computeQuorum(row?.quorumRule ?? DEFAULT_QUORUM_RULE, entries) };
  }

  private async requireParticipant(
    manager: EntityManager,
    meetingId: string,
    participantId: string | undefined,
  ): Promise<Participant> {
    const participant = participantId ? await manager.findOneBy(Participant, { id: participantId, meetingId }) : null;
    if (!participant) {
      throw new NotFoundError(
        `Người này không tham dự cuộc họp / Participant ${participantId} does not take part in this meeting`,
      );
    }
    return participant;
  }

  private async write(
    manager: EntityManager,
    meetingId: string,
    participantId: string,
    existing: AttendanceRecord | null | undefined,
    fields: RecordFields,
  ): Promise<void> {
    if (existing) await manager.update(AttendanceRecord, { id: existing.id }, fields);
    else await manager.save(manager.create(AttendanceRecord, { meetingId, participantId, ...fields }));
  }

  private record(manager: EntityManager, caller: LiveCaller, event: Omit<AuditEvent, 'actor' | 'ip'>): Promise<void> {
    return this.audit.record({ ...event, actor: caller.user, ip: caller.socket.handshake.address }, manager);
  }
}
