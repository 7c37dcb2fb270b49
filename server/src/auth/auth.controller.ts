import { SESSION_COOKIE, SessionUserResponse } from '@app/shared';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';

import { AppConfig } from '../config/app-config';
import { AuthenticatedRequest, AuthUser, clientIp } from './auth-user';
import { CurrentUser, Public } from './auth.decorators';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { AuthService, ClientInfo } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; sets the httpOnly session cookie' })
  async login(
    @Body() body: LoginDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionUserResponse> {
    const { token, expiresAt, user } = await this.auth.login(body, client(req));
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.auth.cookieSecure,
      path: '/',
      expires: expiresAt,
    });
    return user;
  }

  @Get('me')
  @ApiOperation({ summary: 'The logged-in account' })
  me(@CurrentUser() user: AuthUser): Promise<SessionUserResponse> {
    return this.auth.me(user);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session' })
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(String(req.cookies[SESSION_COOKIE]), user, client(req));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password; ends the account’s other sessions' })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<void> {
    return this.auth.changePassword(user, body, String(req.cookies[SESSION_COOKIE]), client(req));
  }
}

function client(req: AuthenticatedRequest): ClientInfo {
  return { ip: clientIp(req), userAgent: req.get('user-agent') };
}
