import type { ErrorResponse, ServerToClientEvents } from '@app/shared';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { Socket } from 'socket.io';

import { RateLimitedError } from '../errors/domain-errors';
import { mapError } from '../errors/error-body';

/**
 * The catch-all filter: every failure, HTTP or socket, leaves as `{ code, message, errors? }`.
 * Unexpected errors are logged with their stack and answered without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, unexpected } = mapError(exception);
    if (unexpected) this.logger.error(exception instanceof Error ? exception.stack : String(exception));

    if (host.getType() === 'ws') {
      this.replyOnSocket(host, body);
      return;
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof RateLimitedError) response.setHeader('Retry-After', exception.retryAfterSeconds);
    response.status(status).json(body);
  }

  private replyOnSocket(host: ArgumentsHost, body: ErrorResponse): void {
    const socket = host.switchToWs().getClient<Socket<never, ServerToClientEvents>>();
    socket.emit('error', body);
  }
}
