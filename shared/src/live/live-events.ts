import * as z from 'zod';

import type { ConferenceClientEvents, ConferenceServerEvents } from '../conference/conference-events';
import type { ErrorResponse } from '../errors/error-response';
import type { LiveSnapshotWire } from './live-snapshot-wire';
import type { LiveUpdate, PollState } from './live-state';

/**
 * Every live event answers through its acknowledgement: `{ ok: true, data }` or `{ ok: false, error }`.
 * A failure is also sent as an `error` event, so a client that did not ask for an answer still learns it.
 */
export type LiveResult<T> = { ok: true; data: T } | { ok: false; error: ErrorResponse };
type Ack<T> = (result: LiveResult<T>) => void;

const meetingId = z.uuid();
const id = z.uuid();
const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const LiveMeetingSchema = z.object({ meetingId }).strict();
export type LiveMeetingRequest = z.infer<typeof LiveMeetingSchema>;

// ---------- meeting ----------

export const SetCurrentItemSchema = z.object({ meetingId, agendaItemId: id.nullable() }).strict();
export type SetCurrentItemRequest = z.infer<typeof SetCurrentItemSchema>;

// ---------- attendance ----------

/** Without `participantId`: oneself (delegates may only check themselves in). Organisers may mark anyone. */
export const CheckInSchema = z
  .object({
    meetingId,
    participantId: id.optional(),
    status: z.enum(['in_person', 'online', 'absent']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type CheckInRequest = z.infer<typeof CheckInSchema>;

/** A commune site: these members of its commune are in its room (the others it declared before are not). */
export const SiteMembersSchema = z.object({ meetingId, presentParticipantIds: z.array(id).max(500) }).strict();
export type SiteMembersRequest = z.infer<typeof SiteMembersSchema>;

/** A member gives their vote to another member for this meeting; null takes it back. */
export const ProxySchema = z.object({ meetingId, holderParticipantId: id.nullable() }).strict();
export type ProxyRequest = z.infer<typeof ProxySchema>;

export const QuorumRuleSchema = z
  .object({
    numerator: z.number().int().min(1).max(100),
    denominator: z.number().int().min(1).max(100),
    strict: z.boolean(),
  })
  .strict()
  .refine((rule) => rule.numerator <= rule.denominator, { message: 'numerator ≤ denominator' });
export const SetQuorumRuleSchema = z.object({ meetingId, rule: QuorumRuleSchema }).strict();
export type SetQuorumRuleRequest = z.infer<typeof SetQuorumRuleSchema>;

// ---------- presenter ----------

/** Chair or secretary hands the presenter role to a participant (null: nobody presents). */
export const SetPresenterSchema = z.object({ meetingId, userId: id.nullable() }).strict();
export type SetPresenterRequest = z.infer<typeof SetPresenterSchema>;

export const PresenterPositionSchema = z
  .object({
    documentId: id,
    version: z.number().int().min(1),
    page: z.number().int().min(1).max(100_000),
    scale: z.number().min(0.1).max(10).nullable(),
    scrollTop: z.number().min(0).max(1),
    scrollLeft: z.number().min(0).max(1),
  })
  .strict();
export const MovePresenterSchema = z.object({ meetingId, position: PresenterPositionSchema }).strict();
export type MovePresenterRequest = z.infer<typeof MovePresenterSchema>;

// ---------- speakers ----------

export const SpeechKindSchema = z.enum(['speech', 'question', 'point_of_order']);
export const RequestFloorSchema = z.object({ meetingId, kind: SpeechKindSchema }).strict();
export type RequestFloorRequest = z.infer<typeof RequestFloorSchema>;

export const WithdrawRequestSchema = z.object({ meetingId, requestId: id }).strict();
export type WithdrawFloorRequest = z.infer<typeof WithdrawRequestSchema>;

/** The whole waiting queue in its new order (the same ids, reordered). */
export const ReorderSpeakersSchema = z.object({ meetingId, requestIds: z.array(id).max(500) }).strict();
export type ReorderSpeakersRequest = z.infer<typeof ReorderSpeakersSchema>;

export const GiveFloorSchema = z
  .object({ meetingId, requestId: id, limitSeconds: z.number().int().min(10).max(3600).nullable() })
  .strict();
export type GiveFloorRequest = z.infer<typeof GiveFloorSchema>;

// ---------- polls ----------

export const PollKindSchema = z.enum(['open', 'named', 'secret']);
/** Without `options`: yes / no / abstain. */
export const OpenPollSchema = z
  .object({
    meetingId,
    agendaItemId: id.nullable(),
    question: trimmed(500),
    kind: PollKindSchema,
    options: z.array(trimmed(200)).min(2).max(20).optional(),
    maxChoices: z.number().int().min(1).max(20).default(1),
  })
  .strict()
  .refine((poll) => poll.maxChoices <= (poll.options?.length ?? 3), {
    message: 'maxChoices exceeds the number of options',
    path: ['maxChoices'],
  })
  .refine((poll) => !poll.options || new Set(poll.options.map((o) => o.toLowerCase())).size === poll.options.length, {
    message: 'Options must differ',
    path: ['options'],
  });
export type OpenPollRequest = z.input<typeof OpenPollSchema>;

export const ClosePollSchema = z.object({ meetingId, pollId: id }).strict();
export type ClosePollRequest = z.infer<typeof ClosePollSchema>;

/**
 * One ballot for one represented member. `ballotId` is made by the client once per (poll, member)
 * and kept across retries: the same ballotId again is acknowledged again, never counted twice.
 */
export const CastBallotSchema = z
  .object({
    meetingId,
    pollId: id,
    ballotId: id,
    memberParticipantId: id,
    choices: z.array(z.string().min(1).max(40)).min(1).max(20),
  })
  .strict()
  .refine((ballot) => new Set(ballot.choices).size === ballot.choices.length, {
    message: 'A choice appears twice',
    path: ['choices'],
  });
export type CastBallotRequest = z.infer<typeof CastBallotSchema>;

/** Sent only after the ballot is durably committed. */
export interface BallotReceipt {
  ballotId: string;
  pollId: string;
  memberParticipantId: string;
  /** True when this ballotId had already been stored (a retry). */
  duplicate: boolean;
}

// ---------- conclusions ----------

export const SetConclusionSchema = z
  .object({ meetingId, agendaItemId: id, text: z.string().trim().max(20_000) })
  .strict();
export type SetConclusionRequest = z.infer<typeof SetConclusionSchema>;

// ---------- event maps ----------

/** The video bridge's signalling shares the namespace, so its events are part of both maps. */
export interface LiveClientEvents extends ConferenceClientEvents {
  /** Joins the meeting's room (participants only) and answers with the snapshot (decodeLiveSnapshot). */
  'live:join': (payload: LiveMeetingRequest, ack: Ack<LiveSnapshotWire>) => void;
  /** A fresh snapshot, after a gap in update versions. */
  'live:sync': (payload: LiveMeetingRequest, ack: Ack<LiveSnapshotWire>) => void;
  'live:leave': (payload: LiveMeetingRequest, ack: Ack<null>) => void;
  'meeting:current-item': (payload: SetCurrentItemRequest, ack: Ack<null>) => void;
  'attendance:check-in': (payload: CheckInRequest, ack: Ack<null>) => void;
  'attendance:site-members': (payload: SiteMembersRequest, ack: Ack<null>) => void;
  'attendance:proxy': (payload: ProxyRequest, ack: Ack<null>) => void;
  'attendance:quorum-rule': (payload: SetQuorumRuleRequest, ack: Ack<null>) => void;
  'presenter:set': (payload: SetPresenterRequest, ack: Ack<null>) => void;
  'presenter:move': (payload: MovePresenterRequest, ack: Ack<{ version: number }>) => void;
  'speakers:request': (payload: RequestFloorRequest, ack: Ack<{ requestId: string }>) => void;
  'speakers:withdraw': (payload: WithdrawFloorRequest, ack: Ack<null>) => void;
  'speakers:reorder': (payload: ReorderSpeakersRequest, ack: Ack<null>) => void;
  'speakers:give-floor': (payload: GiveFloorRequest, ack: Ack<null>) => void;
  'speakers:end': (payload: LiveMeetingRequest, ack: Ack<null>) => void;
  'poll:open': (payload: OpenPollRequest, ack: Ack<PollState>) => void;
  'poll:close': (payload: ClosePollRequest, ack: Ack<PollState>) => void;
  'ballot:cast': (payload: CastBallotRequest, ack: Ack<BallotReceipt>) => void;
  'conclusion:set': (payload: SetConclusionRequest, ack: Ack<null>) => void;
}

export interface LiveServerEvents extends ConferenceServerEvents {
  'live:update': (update: LiveUpdate) => void;
  error: (error: ErrorResponse) => void;
}

export type LiveEventName = keyof LiveClientEvents;
