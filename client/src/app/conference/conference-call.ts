import type { LiveEventName, LiveResult } from '@app/shared';

import type { LiveData, LivePayload } from '../live/live-session-client';

/**
 * One signalling call on the live socket, as the parts of the conference client make it. Quiet unless
 * told otherwise: signalling failures lead to a rejoin, not to a snackbar.
 */
export type ConferenceCall = <E extends LiveEventName>(
  event: E,
  payload: LivePayload<E>,
  quiet?: boolean,
) => Promise<LiveResult<LiveData<E>>>;
