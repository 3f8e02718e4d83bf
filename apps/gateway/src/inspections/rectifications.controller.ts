import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import {
  FixRectificationDto,
  INSPECTIONS_PATTERNS,
  RECTIFICATION_LIST,
  RectificationView,
  RejectRectificationDto,
  type OverdueRunResult,
} from '@xb/contracts/inspections';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

/** Rectifications 整改 of accepted visits: the owner fixes, an inspector verifies or rejects; overdue ones escalate. */
@ApiTags('inspections')
@ApiBearerAuth()
@Controller('rectifications')
export class RectificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiReturnsList('RectificationView', RECTIFICATION_LIST)
  @Permission('rectifications', 'list')
  @ApiOperation({ summary: 'Rectifications owned in your scope (filters: id, status, inspectionId, outletId, overdue)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<RectificationView[]> {
    const q = parseListQuery(query, RECTIFICATION_LIST);
    return sendList(res, 'rectifications', q, await this.rpc.send<ListResult<RectificationView>>(INSPECTIONS_PATTERNS.rectificationList, actor, q));
  }

  @Post('run-overdue')
  @ApiReturns('OverdueRunResult')
  @Permission('rectifications', 'run-overdue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the overdue pass now (flag and escalate once to the unit above the owner), as the timer does' })
  runOverdue(@CurrentActor() actor: Actor): Promise<OverdueRunResult> {
    return this.rpc.send<OverdueRunResult>(INSPECTIONS_PATTERNS.overdueRun, actor, {});
  }

  @Get(':id')
  @ApiReturns('RectificationView')
  @Permission('rectifications', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RectificationView> {
    return this.rpc.send<RectificationView>(INSPECTIONS_PATTERNS.rectificationGet, actor, { id });
  }

  @Post(':id/fix')
  @ApiReturns('RectificationView')
  @Permission('rectifications', 'fix')
  @HttpCode(200)
  @ApiOperation({ summary: '整改反馈 — the owner submits the fix with a note and evidence (open → fix_submitted)' })
  fix(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FixRectificationDto): Promise<RectificationView> {
    return this.rpc.send<RectificationView>(INSPECTIONS_PATTERNS.rectificationFix, actor, { ...dto, id });
  }

  @Post(':id/verify')
  @ApiReturns('RectificationView')
  @Permission('rectifications', 'verify')
  @HttpCode(200)
  verify(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RectificationView> {
    return this.rpc.send<RectificationView>(INSPECTIONS_PATTERNS.rectificationVerify, actor, { id });
  }

  @Post(':id/reject')
  @ApiReturns('RectificationView')
  @Permission('rectifications', 'reject')
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectRectificationDto): Promise<RectificationView> {
    return this.rpc.send<RectificationView>(INSPECTIONS_PATTERNS.rectificationReject, actor, { ...dto, id });
  }
}
