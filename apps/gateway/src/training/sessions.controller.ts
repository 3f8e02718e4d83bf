import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import { CheckInDto, HoursQueryDto, MarkAttendanceDto, SESSION_LIST, SessionDto, TRAINING_PATTERNS, type AttendanceMarkedView, type CheckInResultView, type HoursView, type MyTrainingView, type SessionView } from '@xb/contracts/training';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

/** 培训: sessions, attendance, the hours ledger and the staff view. */
@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class TrainingSessionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('training-sessions')
  @ApiReturnsList('SessionView', SESSION_LIST)
  @Permission('training-sessions', 'list')
  @ApiOperation({ summary: 'Training sessions in your scope (filters: q, id)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<SessionView[]> {
    const q = parseListQuery(query, SESSION_LIST);
    return sendList(res, 'training-sessions', q, await this.rpc.send<ListResult<SessionView>>(TRAINING_PATTERNS.sessionList, actor, q));
  }

  @Get('training-sessions/:id')
  @ApiReturns('SessionView')
  @Permission('training-sessions', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SessionView> {
    return this.rpc.send<SessionView>(TRAINING_PATTERNS.sessionGet, actor, { id });
  }

  @Post('training-sessions')
  @ApiReturns('SessionView')
  @Permission('training-sessions', 'create')
  @ApiOperation({ summary: 'A training session (gets a six-digit check-in code)' })
  create(@CurrentActor() actor: Actor, @Body() dto: SessionDto): Promise<SessionView> {
    return this.rpc.send<SessionView>(TRAINING_PATTERNS.sessionCreate, actor, dto);
  }

  @Post('training-sessions/:id/check-in')
  @ApiReturns('CheckInResultView')
  @HttpCode(200)
  @Permission('training-sessions', 'check-in')
  @ApiOperation({ summary: '签到 with the code, from 30 minutes before the start until the end; hours credited once' })
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CheckInDto): Promise<CheckInResultView> {
    return this.rpc.send<CheckInResultView>(TRAINING_PATTERNS.sessionCheckIn, actor, { id, body: dto });
  }

  @Post('training-sessions/:id/attendance')
  @ApiReturns('AttendanceMarkedView')
  @HttpCode(200)
  @Permission('training-sessions', 'mark')
  @ApiOperation({ summary: 'The trainer marks people present (hours credited once)' })
  mark(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MarkAttendanceDto): Promise<AttendanceMarkedView> {
    return this.rpc.send<AttendanceMarkedView>(TRAINING_PATTERNS.sessionMark, actor, { id, body: dto });
  }

  @Get('training/hours')
  @ApiReturns('HoursView')
  @Permission('training-hours', 'list')
  @ApiOperation({ summary: 'Hours ledger of a year, by person or by unit (rolled up), in your scope' })
  hours(@CurrentActor() actor: Actor, @Query() query: HoursQueryDto): Promise<HoursView> {
    return this.rpc.send<HoursView>(TRAINING_PATTERNS.hours, actor, { ...query });
  }

  @Get('training/my')
  @ApiReturns('MyTrainingView')
  @Permission('training-my', 'list')
  @ApiOperation({ summary: 'My assigned exams (open, due, done, results as allowed), sessions and hours this year' })
  my(@CurrentActor() actor: Actor): Promise<MyTrainingView> {
    return this.rpc.send<MyTrainingView>(TRAINING_PATTERNS.my, actor, {});
  }
}
