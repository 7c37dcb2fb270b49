import type { MeetingRole, ParticipantResponse } from '@app/shared';

import { mapOrganisationUnit } from '../../people/people.mapper';
import type { Participant } from '../participant.entity';

const ROLE_ORDER: Record<MeetingRole, number> = { chair: 0, secretary: 1, delegate: 2, guest: 3, site: 4 };

/** Needs `user.unit` loaded. */
export function mapParticipant(participant: Participant): ParticipantResponse {
  return {
    id: participant.id,
    userId: participant.userId,
    displayName: participant.user.displayName,
    unit: mapOrganisationUnit(participant.user.unit),
    meetingRole: participant.meetingRole,
    votingMember: participant.votingMember,
    kind: participant.user.role === 'commune_site' ? 'site' : 'person',
  };
}

/** Chair first, then secretaries, delegates, guests and sites, each by name. */
export function sortParticipants<T extends Participant>(participants: T[]): T[] {
  return [...participants].sort(
    (a, b) =>
      ROLE_ORDER[a.meetingRole] - ROLE_ORDER[b.meetingRole] ||
      a.user.displayName.localeCompare(b.user.displayName, 'vi'),
  );
}
