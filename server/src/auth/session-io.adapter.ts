import { ErrorCode, SESSION_COOKIE } from '@app/shared';
import { INestApplication, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { parse as parseCookies } from 'cookie';
import type { Observable } from 'rxjs';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';

import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';

const logger = new Logger('SessionIoAdapter');

export interface SocketData {
  user: AuthUser;
}

/**
 * socket.io with the HTTP session: a handshake without a valid session cookie, or from another
 * site's page (Origin not this host), is refused before any gateway sees it. The client gets
 * `connect_error` whose `data` is the usual `{ code, message }`. Gateways read `socket.data.user`.
 */
export class SessionIoAdapter extends IoAdapter {
  constructor(private readonly app: INestApplication) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const auth = this.app.get(AuthService);
    const middleware = (socket: Socket, next: (error?: Error) => void) => {
      authenticate(auth, socket)
        .then((user) => {
          (socket.data as SocketData).user = user;
          next();
        })
        .catch((error: Error & { data?: unknown }) => next(error));
    };
    // Middleware is per namespace: the gateways' namespaces (e.g. /live) are created after this.
    server.use(middleware);
    server.on('new_namespace', (namespace: Namespace) => namespace.use(middleware));
    return server;
  }

  /**
   * Nest's own binding keeps an RxJS pipeline per socket and handler (some 25 handlers on /live):
   * ~100 KB a socket, a thousand delegates' worth of memory. Plain listeners do the same: each
   * event's result goes to its acknowledgement (or is emitted when it names an `event`).
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        transform(callback(data, ack)).subscribe({
          next: (response) => {
            if (response === null || response === undefined) return;
            const { event, data: payload } = response as { event?: string; data?: unknown };
            if (event) socket.emit(event, payload);
            else if (!isAckHandledManually && typeof ack === 'function') (ack as (r: unknown) => void)(response);
          },
          // The exception filters answer the client; what still escapes must not take the server down.
          error: (error: unknown) => logger.error(`Socket event "${String(message)}" failed: ${String(error)}`),
        });
      });
    }
  }
}

async function authenticate(auth: AuthService, socket: Socket): Promise<AuthUser> {
  const { origin, host, cookie } = socket.handshake.headers;
  if (origin && host && new URL(origin).host !== host) {
    throw refusal(ErrorCode.Forbidden, 'Nguồn kết nối không hợp lệ / Cross-site connection refused');
  }
  const token = parseCookies(cookie ?? '')[SESSION_COOKIE];
  const user = token ? await auth.authenticate(token) : null;
  if (!user) throw refusal(ErrorCode.Unauthenticated, 'Chưa đăng nhập / Not logged in');
  return user;
}

function refusal(code: ErrorCode, message: string): Error & { data: unknown } {
  return Object.assign(new Error(message), { data: { code, message } });
}
