import type { ConferenceMeetingRequest, SiteReadiness, TestReportRequest } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import type { LiveCaller } from '../live/live-calls';
import { Participant } from '../meetings/participant.entity';
import { sortParticipants } from '../meetings/participants/participant.mapper';
import { ConferenceReadiness } from './conference-readiness.entity';

/** Pre-meeting test calls: each participant's last report, and which of them passed, for the chair. */
@Injectable()
export class ConferenceReadinessService {
  constructor(
    @InjectRepository(ConferenceReadiness) private readonly readiness: Repository<ConferenceReadiness>,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
  ) {}

  /** The caller's own report; a new test replaces the last one. */
  async report(caller: LiveCaller, { meetingId, report }: TestReportRequest): Promise<null> {
    await this.readiness.upsert({ participantId: caller.participant.id, meetingId, report, testedAt: new Date() }, [
      'participantId',
    ]);
    return null;
  }

  /** Every participant (chair first, sites last), with its last report; passed = camera, mic and media path work. */
  async list({ meetingId }: ConferenceMeetingRequest): Promise<SiteReadiness[]> {
    const [participants, rows] = await Promise.all([
      this.participants.find({ where: { meetingId }, relations: { user: true } }),
      this.readiness.findBy({ meetingId }),
    ]);
    const byParticipant = new Map(rows.map((row) => [row.participantId, row]));
    return sortParticipants(participants).map((participant) => {
      const row = byParticipant.get(participant.id);
      const report = row ? { ...row.report, testedAt: new Date(row.testedAt).toISOString() } : null;
      return {
        participantId: participant.id,
        displayName: participant.user.displayName,
        kind: participant.user.role === 'commune_site' ? 'site' : 'person',
        report,
        passed: !!report && report.camera && report.microphone && report.mediaPath,
      };
    });
  }
}
