import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  COMPLAINT_LIST,
  COMPLAINT_PATTERNS,
  COMPLAINT_QUEUE_LIST,
  CreateComplaintDto,
  RevealPiiDto,
  SUPERVISION_BOARD_LIST,
  type Actor,
  type ComplaintCodes,
  type ComplaintListFilterDto,
  type ComplaintPii,
  type ComplaintTimelineEntryView,
  type ComplaintView,
  type CreateComplaintCommand,
  type ListQuery,
  type ListResult,
  type SupervisionRunResult,
} from '@xb/contracts';
import type { Response } from 'express';
import { Authenticated, CurrentActor, Permission } from '../auth/auth.decorators.js';
import { unprocessableHttp } from '../common/http-errors.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { OrgUnitsService } from '../org-units/org-units.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

/** REST face of the complaints service: forwards with the actor; the service reads units and paths from its directory replica. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller()
export class ComplaintsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly units: OrgUnitsService,
  ) {}

  @Post('complaints')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'create')
  @ApiOperation({ summary: '受理 — record a complaint (status received, due in 15 days)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateComplaintDto, @Headers('idempotency-key') idempotencyKey?: string) {
    const unit = await this.units.findById(dto.orgUnitId);
    if (!unit) throw unprocessableHttp('Org unit does not exist', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    const command: CreateComplaintCommand = { ...dto };
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.create, actor, command, { idempotencyKey });
  }

  @Get('complaints')
  @ApiReturnsList('ComplaintView', COMPLAINT_LIST)
  @Permission('complaints', 'list')
  @ApiOperation({ summary: 'Complaints in your scope (filters: status, channel, businessCategory, cause, severity, orgUnitId subtree, receivedFrom, receivedTo, q)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const { q, unknownUnit } = await this.listQuery(query);
    if (unknownUnit) return sendList(res, 'complaints', q, { items: [], total: 0 });
    const result = await this.rpc.send<ListResult<ComplaintView>>(COMPLAINT_PATTERNS.list, actor, q);
    return sendList(res, 'complaints', q, result);
  }

  /** The list query; `unknownUnit` when the `orgUnitId` filter names no unit (nothing matches). The service resolves the subtree. */
  private async listQuery(query: Record<string, unknown>): Promise<{ q: ListQuery<ComplaintListFilterDto>; unknownUnit: boolean }> {
    const q = parseListQuery(query, COMPLAINT_LIST);
    if (typeof q.filter.orgUnitId !== 'string') return { q, unknownUnit: false };
    const unit = await this.units.findById(q.filter.orgUnitId).catch(() => null);
    return { q, unknownUnit: !unit };
  }

  // count, queue and supervision come before `complaints/:id`, which would take them as ids.
  @Get('complaints/count')
  @ApiReturns({ type: 'object', properties: { total: { type: 'integer', minimum: 0 } }, required: ['total'] })
  @Permission('complaints', 'list')
  @ApiOperation({ summary: 'The exact number of complaints a list filter matches in your scope (the list counts only up to 1,000): { total }' })
  async count(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<{ total: number }> {
    const { q, unknownUnit } = await this.listQuery(query);
    if (unknownUnit) return { total: 0 };
    return this.rpc.send<{ total: number }>(COMPLAINT_PATTERNS.count, actor, { filter: q.filter });
  }


  @Get('complaints/queue')
  @ApiReturnsList('ComplaintView', COMPLAINT_QUEUE_LIST)
  @Permission('complaint-queue', 'list')
  @ApiOperation({ summary: 'My queue — open complaints assigned to me first, then my units’ open ones, by due date (filter: mine, q); the order is fixed' })
  async queue(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    // The order is the queue's own (mine first, then by due date); a list's usual sort fields are accepted and ignored.
    const q = parseListQuery(query, COMPLAINT_QUEUE_LIST);
    return sendList(res, 'complaints', q, await this.rpc.send<ListResult<ComplaintView>>(COMPLAINT_PATTERNS.queue, actor, q));
  }

  @Get('complaints/supervision')
  @ApiReturnsList('ComplaintView', SUPERVISION_BOARD_LIST)
  @Permission('complaint-supervision', 'list')
  @ApiOperation({ summary: '督办 board — open complaints in scope that are overdue, escalated or due within 3 days, soonest first (fixed order)' })
  async supervision(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, SUPERVISION_BOARD_LIST);
    return sendList(res, 'complaints', q, await this.rpc.send<ListResult<ComplaintView>>(COMPLAINT_PATTERNS.supervisionBoard, actor, q));
  }

  @Post('complaints/supervision/run-now')
  @ApiReturns('SupervisionRunResult')
  @Permission('complaint-supervision', 'run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Runs a supervision pass (reminders, overdue escalation) now instead of waiting for the timer' })
  runSupervision(@CurrentActor() actor: Actor): Promise<SupervisionRunResult> {
    return this.rpc.send<SupervisionRunResult>(COMPLAINT_PATTERNS.supervisionRunNow, actor, {});
  }

  @Get('complaints/:id/timeline')
  @ApiReturns('ComplaintTimelineEntryView', { array: true })
  @Permission('complaints', 'show')
  @ApiOperation({ summary: 'The complaint’s history: [{action, fromStatus, toStatus, actor, at, note, data}], oldest first' })
  async timeline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response) {
    const steps = await this.rpc.send<ComplaintTimelineEntryView[]>(COMPLAINT_PATTERNS.timeline, actor, { id });
    res.setHeader('Content-Range', `timeline 0-${Math.max(0, steps.length - 1)}/${steps.length}`);
    return steps;
  }

  @Get('complaints/:id')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.get, actor, { id });
  }

  @Post('complaints/:id/pii')
  @ApiReturns('ComplaintPii')
  @HttpCode(200)
  @Permission('complaints', 'reveal')
  @ApiOperation({ summary: 'Clear customer name, phone and ID number for a stated reason (查询事由) — audited with the reason on every call' })
  pii(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RevealPiiDto) {
    return this.rpc.send<ComplaintPii>(COMPLAINT_PATTERNS.revealPii, actor, { id, reason: dto.reason });
  }

  @Get('reference/complaint-codes')
  @ApiReturns('ComplaintCodes')
  @Authenticated()
  @ApiOperation({ summary: 'Coded lists (channels, JR/T 0169 business categories and causes, severities, statuses) with zh/en labels' })
  codes(@CurrentActor() actor: Actor) {
    return this.rpc.send<ComplaintCodes>(COMPLAINT_PATTERNS.codes, actor, {});
  }
}
