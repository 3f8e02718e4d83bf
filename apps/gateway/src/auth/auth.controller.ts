import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginDto, type Actor } from '@xb/contracts';
import type { Request } from 'express';
import { UsersService } from '../users/users.service.js';
import { Authenticated, CurrentActor, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { ApiReturns } from '../openapi/returns.decorators.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @ApiReturns('LoginResponse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Password login → access token (5 failures lock the account for 15 minutes)' })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.username, dto.password, req.ip);
  }

  @Get('me')
  @ApiReturns('UserView')
  @Authenticated()
  @ApiBearerAuth()
  me(@CurrentActor() actor: Actor) {
    return this.users.getOwn(actor.id);
  }
}
