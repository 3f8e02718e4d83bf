import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AssignComplaintDto,
  CloseComplaintDto,
  COMPLAINT_PATTERNS,
  ExtendComplaintDto,
  isWithinPath,
  MarkTypicalDto,
  PauseComplaintDto,
  RejectComplaintDto,
  ReopenComplaintDto,
  ReplyComplaintDto,
  ResolveComplaintDto,
  ResumeComplaintDto,
  StartComplaintDto,
  WithdrawComplaintDto,
  type Actor,
  type AssignComplaintCommand,
  type ComplaintView,
} from '@xb/contracts';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { unprocessableHttp } from '../common/http-errors.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { OrgUnitsService } from '../org-units/org-units.service.js';
import { UsersService } from '../users/users.service.js';
import { ApiReturns } from '../openapi/returns.decorators.js';

/**
 * Workflow actions as sub-resources (`POST /api/complaints/:id/<action>`), each answering
 * the updated complaint. The gateway validates the body and, for assign, resolves the
 * unit and the handler (it owns the org tree and the users); the complaints service
 * enforces role, scope, version and the state machine.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints/:id')
export class ComplaintWorkflowController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly units: OrgUnitsService,
    private readonly users: UsersService,
  ) {}

  @Post('assign')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'assign')
  @HttpCode(200)
  @ApiOperation({ summary: '分办 — to an org unit and an active handler of that unit or a unit below it (reassign from assigned / in_progress); 422 for recusal 回避' })
  async assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignComplaintDto): Promise<ComplaintView> {
    const unit = await this.units.findById(dto.orgUnitId);
    if (!unit) throw unprocessableHttp('Org unit does not exist', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    const user = await this.users.assignee(dto.handlerId);
    if (!user) throw unprocessableHttp('The handler does not exist', [{ field: 'handlerId', message: 'unknown user' }]);
    if (!user.active) throw unprocessableHttp('The handler’s account is inactive', [{ field: 'handlerId', message: 'inactive user' }]);
    if (!user.roles.includes('handler')) throw unprocessableHttp('The user does not hold the handler role', [{ field: 'handlerId', message: 'not a handler' }]);
    if (!isWithinPath(user.orgPath, unit.path)) {
      throw unprocessableHttp(`The handler does not belong to ${unit.name} or a unit below it`, [{ field: 'handlerId', message: 'not in the unit’s subtree' }]);
    }
    // Checked here for a quick answer; the service checks unit and handler again against its directory replica.
    const command: AssignComplaintCommand = { ...dto, id };
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.assign, actor, command);
  }

  @Post('start')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'start')
  @HttpCode(200)
  @ApiOperation({ summary: '处理 — the handler starts work (assigned → in_progress)' })
  start(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StartComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.start, actor, { ...dto, id });
  }

  @Post('resolve')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'resolve')
  @HttpCode(200)
  @ApiOperation({ summary: '办结 — outcome, resolution and compensation (in_progress → resolved); the clock stops' })
  resolve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolveComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.resolve, actor, { ...dto, id });
  }

  @Post('reply')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'reply')
  @HttpCode(200)
  @ApiOperation({ summary: '反馈 — how and when the customer was told (resolved → replied)' })
  reply(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplyComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.reply, actor, { ...dto, id });
  }

  @Post('close')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'close')
  @HttpCode(200)
  @ApiOperation({ summary: '回访 — satisfaction and whether the customer disputes the outcome (replied → closed)' })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.close, actor, { ...dto, id });
  }

  @Post('reject')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'reject')
  @HttpCode(200)
  @ApiOperation({ summary: '不予受理 — with a reason (from received / assigned)' })
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.reject, actor, { ...dto, id });
  }

  @Post('withdraw')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '客户撤诉 — ends processing that day (from any open state)' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.withdraw, actor, { ...dto, id });
  }

  @Post('reopen')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'reopen')
  @HttpCode(200)
  @ApiOperation({ summary: '二次投诉 — new facts reopen a resolved / replied / closed complaint (→ assigned, a new 15-day clock)' })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReopenComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.reopen, actor, { ...dto, id });
  }

  @Post('extend')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'extend')
  @HttpCode(200)
  @ApiOperation({ summary: '延期 — to 30 days by the handling unit; to 60 days only by an admin (the approver on record); reason and customer notice required' })
  extend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExtendComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.extend, actor, { ...dto, id });
  }

  @Post('pause')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'pause')
  @HttpCode(200)
  @ApiOperation({ summary: '暂停计时 — outside appraisal / testing; paused time does not count' })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PauseComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.pause, actor, { ...dto, id });
  }

  @Post('resume')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'resume')
  @HttpCode(200)
  @ApiOperation({ summary: '恢复计时 — the due date moves by the time paused' })
  resume(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResumeComplaintDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.resume, actor, { ...dto, id });
  }

  @Post('mark-typical')
  @ApiReturns('ComplaintView')
  @Permission('complaints', 'mark-typical')
  @HttpCode(200)
  @ApiOperation({ summary: '典型案例 — root cause, lessons and tags into the case archive (resolved or later)' })
  markTypical(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MarkTypicalDto): Promise<ComplaintView> {
    return this.rpc.send<ComplaintView>(COMPLAINT_PATTERNS.markTypical, actor, { ...dto, id });
  }
}
