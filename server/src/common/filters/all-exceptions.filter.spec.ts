import { Controller, Get, HttpStatus, INestApplication, Module, PayloadTooLargeException } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { ConflictError } from '../errors/domain-errors';
import { AllExceptionsFilter } from './all-exceptions.filter';

@Controller('boom')
class BoomController {
  @Get('unknown')
  unknown(): never {
    throw new Error('SQLITE_CORRUPT: secret table layout at /srv/data');
  }

  @Get('domain')
  domain(): never {
    throw new ConflictError('Meeting already live');
  }

  @Get('http')
  http(): never {
    throw new PayloadTooLargeException('File too large');
  }
}

@Module({ controllers: [BoomController], providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }] })
class BoomModule {}

describe('AllExceptionsFilter', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [BoomModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('answers an unexpected error with 500 and no internals', async () => {
    const res = await request(app.getHttpServer()).get('/boom/unknown').expect(HttpStatus.INTERNAL_SERVER_ERROR);
    expect(res.body).toEqual({ code: 'INTERNAL', message: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/SQLITE|secret|\/srv/);
  });

  it('maps a domain error to its status and code', async () => {
    const res = await request(app.getHttpServer()).get('/boom/domain').expect(HttpStatus.CONFLICT);
    expect(res.body).toEqual({ code: 'CONFLICT', message: 'Meeting already live' });
  });

  it('maps a Nest HTTP exception to the same shape', async () => {
    const res = await request(app.getHttpServer()).get('/boom/http').expect(HttpStatus.PAYLOAD_TOO_LARGE);
    expect(res.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'File too large' });
  });
});
