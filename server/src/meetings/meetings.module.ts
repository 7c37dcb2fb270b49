import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { MeetingDocument } from '../documents/meeting-document.entity';
import { LiveModule } from '../live/live.module';
import { AgendaItem } from './agenda-item.entity';
import { AgendaController } from './agenda/agenda.controller';
import { AgendaService } from './agenda/agenda.service';
import { MeetingInvitationsService } from './invitations/meeting-invitations.service';
import { MeetingLifecycleService } from './lifecycle/meeting-lifecycle.service';
import { Meeting } from './meeting.entity';
import { MeetingsPlanningService } from './meetings-planning.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { Participant } from './participant.entity';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantsService } from './participants/participants.service';
import { MeetingRemindersService } from './reminders/meeting-reminders.service';
import { ReminderDelivery } from './reminders/reminder-delivery.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Meeting, Participant, AgendaItem, MeetingDocument, ReminderDelivery]),
    LiveModule,
  ],
  controllers: [MeetingsController, ParticipantsController, AgendaController],
  providers: [
    MeetingsService,
    MeetingsPlanningService,
    MeetingLifecycleService,
    MeetingInvitationsService,
    MeetingRemindersService,
    ParticipantsService,
    AgendaService,
  ],
})
export class MeetingsModule {}
