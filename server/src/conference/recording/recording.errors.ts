import { ErrorCode } from '@app/shared';

import { ConflictError, DomainError } from '../../common/errors/domain-errors';

/** The recorder could not capture anything (ffmpeg missing or failing): 503, the room goes on. */
export class RecordingUnavailableError extends DomainError {
  readonly code = ErrorCode.Unavailable;
}

/** Too little free disk space to start a recording (409): nothing was started; free some space, then retry. */
export class NotEnoughDiskSpaceError extends ConflictError {}
