import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import cookieParser from 'cookie-parser';

import { AppConfig } from '../config/app-config';
import { User } from '../people/user.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { SessionAuthGuard } from './session-auth.guard';
import { Session } from './session.entity';
import { xsrfCookieMiddleware } from './xsrf';

/** Global: gateways of other features authenticate sockets with AuthService. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, Session])],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, { provide: APP_GUARD, useClass: SessionAuthGuard }],
  exports: [AuthService],
})
export class AuthModule implements NestModule {
  constructor(private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser(), xsrfCookieMiddleware(this.config.auth.cookieSecure)).forRoutes('*path');
  }
}
