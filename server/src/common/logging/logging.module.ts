import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { AppConfig } from '../../config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';

/** Structured JSON logs; each HTTP request gets an id (echoed in X-Request-Id) and, once auth lands, its user id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const incoming = req.headers[REQUEST_ID_HEADER];
            const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
            res.setHeader(REQUEST_ID_HEADER, id);
            return id;
          },
          customProps: (req: IncomingMessage) => {
            const user = (req as IncomingMessage & { user?: { id: string } }).user;
            return user ? { userId: user.id } : {};
          },
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (req: IncomingMessage) => !req.url?.startsWith('/api') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
