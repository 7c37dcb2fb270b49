import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { AttendanceRecord } from '../live/attendance/attendance.entity';
import { LiveStateService } from '../live/live-state.service';

/**
 * Joining the video bridge is being there: a person whose attendance is still `unknown` is checked in
 * `online`, source `video`, through the live state like every attendance change (versioned, broadcast,
 * in the quorum). Anything already recorded (in the hall, absent with a reason, by an organiser) is
 * left alone. AttendanceService has no entry point for this source, hence the write here.
 */
@Injectable()
export class ConferenceAttendanceService {
  constructor(
    private readonly live: LiveStateService,
    @InjectRepository(AttendanceRecord) private readonly records: Repository<AttendanceRecord>,
  ) {}

  async checkIn(meetingId: string, participantId: string): Promise<void> {
    const known = await this.records.findOneBy({ meetingId, participantId });
    if (known && known.status !== 'unknown') return;
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      const record = await manager.findOneBy(AttendanceRecord, { meetingId, participantId });
      if (record && record.status !== 'unknown') return;
      const fields = {
        status: 'online' as const,
        reason: null,
        source: 'video' as const,
        siteParticipantId: null,
        checkedInAt: new Date(),
      };
      if (record) await manager.update(AttendanceRecord, { id: record.id }, fields);
      else await manager.save(manager.create(AttendanceRecord, { meetingId, participantId, ...fields }));
    });
  }
}
