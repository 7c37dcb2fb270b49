import { ErrorCode } from '@app/shared';

import { DomainError } from '../common/errors/domain-errors';

/** No mediasoup worker can take a room now (all of them restarting): answered 503, retry later. */
export class MediaUnavailableError extends DomainError {
  readonly code = ErrorCode.Unavailable;
}
