import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';

import { SessionIoAdapter } from './auth/session-io.adapter';

/** What main.ts and the integration tests both apply to the Nest app. */
export function setupApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new SessionIoAdapter(app));
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('e-Cabinet API')
      .setDescription('Meetings, agenda, documents and live sessions of a district and its communes')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(openApi), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
