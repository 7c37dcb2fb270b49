import { ErrorCode } from '@app/shared';

import { DomainError } from '../../common/errors/domain-errors';

/** The recorder could not capture anything (ffmpeg missing or failing): 503, the room goes on. */
export class RecordingUnavailableError extends DomainError {
  readonly code = ErrorCode.Unavailable;
}
