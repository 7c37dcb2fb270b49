import type { MeetingStatus } from '../meetings/meeting';
import type { MeetingRole } from '../people/roles';

/** socket.io namespace of the live session. */
export const LIVE_NAMESPACE = '/live';

/** Meeting-wide facts the live session moves on. */
export interface LiveMeetingState {
  status: MeetingStatus;
  /** The agenda item being discussed; null before the first one. */
  currentAgendaItemId: string | null;
}

// ---------- attendance and quorum ----------

/** `unknown` until someone checks the member in or marks them absent. */
export type AttendanceStatus = 'unknown' | 'in_person' | 'online' | 'absent';
/** Who recorded it: the member themself, the chair/secretary, their commune site, the video bridge. */
export type CheckInSource = 'self' | 'organiser' | 'site' | 'video';

export interface AttendanceEntry {
  participantId: string;
  userId: string;
  displayName: string;
  unitName: string | null;
  meetingRole: MeetingRole;
  votingMember: boolean;
  status: AttendanceStatus;
  /** Reason given for an absence. */
  reason: string | null;
  source: CheckInSource | null;
  /** The commune site (its participant id) that declared this member present in its room. */
  siteParticipantId: string | null;
  checkedInAt: string | null;
  /** The member who casts this member's vote (proxy), for this meeting. */
  proxyHolderId: string | null;
}

/** Quorum: present voting members > (strict) or >= numerator/denominator of all voting members. */
export interface QuorumRule {
  numerator: number;
  denominator: number;
  strict: boolean;
}

/** The default: more than half of the voting members. */
export const DEFAULT_QUORUM_RULE: QuorumRule = { numerator: 1, denominator: 2, strict: true };

export interface QuorumState {
  rule: QuorumRule;
  votingMembers: number;
  /** Voting members present, in person, online or in their commune's room. */
  present: number;
  /** The smallest `present` that reaches the quorum. */
  required: number;
  reached: boolean;
}

export interface AttendanceState {
  entries: AttendanceEntry[];
  quorum: QuorumState;
}

// ---------- follow the presenter ----------

export interface PresenterPosition {
  documentId: string;
  version: number;
  /** 1-based. */
  page: number;
  /** pdf.js scale; null for "fit width". */
  scale: number | null;
  /** How far the page is scrolled, as fractions 0..1 of its scrollable extent. */
  scrollTop: number;
  scrollLeft: number;
}

export interface PresentationState {
  presenterUserId: string | null;
  presenterName: string | null;
  position: PresenterPosition | null;
}

// ---------- speakers ----------

export type SpeechKind = 'speech' | 'question' | 'point_of_order';

export interface SpeakerRequest {
  id: string;
  participantId: string;
  displayName: string;
  kind: SpeechKind;
  agendaItemId: string | null;
  requestedAt: string;
}

export interface SpeakingSlot {
  id: string;
  participantId: string;
  displayName: string;
  kind: SpeechKind;
  agendaItemId: string | null;
  startedAt: string;
  /** Null: no limit. */
  limitSeconds: number | null;
  /** startedAt + limit; the server ends the slot then. */
  endsAt: string | null;
}

export interface SpeakersState {
  /** In the order the floor will be given. */
  queue: SpeakerRequest[];
  current: SpeakingSlot | null;
}

// ---------- polls ----------

/** `open`: counts shown; `named`: who voted what shown; `secret`: only how many voted, until closed. */
export type PollKind = 'open' | 'named' | 'secret';
export type PollStatus = 'open' | 'closed';

export interface PollOption {
  key: string;
  label: string;
}

export interface NamedVote {
  memberParticipantId: string;
  memberName: string;
  /** Differs from the member when a proxy cast it. */
  castByName: string;
  choices: string[];
}

export interface PollState {
  id: string;
  agendaItemId: string | null;
  question: string;
  kind: PollKind;
  options: PollOption[];
  /** How many options one ballot may choose (1 = single choice). */
  maxChoices: number;
  status: PollStatus;
  openedAt: string;
  closedAt: string | null;
  /** Members who may vote (present voting members and those they hold proxies for), fixed at opening. */
  eligible: number;
  ballots: number;
  /** Count per option key; null for a secret poll while it is open. */
  counts: Record<string, number> | null;
  /** Named polls only. */
  votes: NamedVote[] | null;
}

export interface PollsState {
  /** The poll open now, if any (one at a time). */
  active: PollState | null;
  /** Closed polls of this meeting with their results, newest first. */
  closed: PollState[];
}

// ---------- conclusions ----------

export interface ConclusionEntry {
  agendaItemId: string;
  text: string;
  updatedAt: string;
  updatedByName: string;
}

// ---------- snapshot and updates ----------

/** The live state, in parts that change separately. An update replaces one part whole. */
export interface LiveSlices {
  meeting: LiveMeetingState;
  attendance: AttendanceState;
  presentation: PresentationState;
  speakers: SpeakersState;
  polls: PollsState;
  conclusions: ConclusionEntry[];
}
export type LiveSliceName = keyof LiveSlices;
export const LIVE_SLICES: readonly LiveSliceName[] = [
  'meeting',
  'attendance',
  'presentation',
  'speakers',
  'polls',
  'conclusions',
];

/** What only the receiving participant sees. */
export interface LiveViewer {
  participantId: string;
  userId: string;
  meetingRole: MeetingRole;
  votingMember: boolean;
  /** Members whose vote this participant casts: themself (if voting) and those who gave them a proxy. */
  represents: string[];
  /** Of those, the ones already voted for in the active poll. */
  votedInActivePoll: string[];
}

/**
 * Everything a client needs, at `version`. Every change bumps the meeting's version by one and is
 * sent as one LiveUpdate; a client that sees a gap asks for a new snapshot (`live:sync`).
 */
export interface LiveSnapshot extends LiveSlices {
  meetingId: string;
  version: number;
  serverTime: string;
  viewer: LiveViewer;
}

export type LiveUpdate = {
  [K in LiveSliceName]: { meetingId: string; version: number; slice: K; value: LiveSlices[K] };
}[LiveSliceName];
