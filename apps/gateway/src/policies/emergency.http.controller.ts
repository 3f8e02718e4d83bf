import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import {
  ActivateIncidentDto,
  CloseIncidentDto,
  ConductDrillDto,
  CreateDrillDto,
  DRILL_LIST,
  INCIDENT_LIST,
  IncidentLevelDto,
  IncidentStepDto,
  POLICIES_PATTERNS as P,
  TimelineEntryDto,
  type DrillBoardLine,
  type DrillBoardRow,
  type DrillView,
  type IncidentView,
} from '@xb/contracts/policies';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

/** REST face of emergency plans at work: incidents 突发事件 and drills 演练 (policies service). */
@ApiTags('emergency')
@ApiBearerAuth()
@Controller()
export class EmergencyHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('incidents')
  @ApiReturnsList('IncidentView', INCIDENT_LIST)
  @Permission('incidents', 'list')
  @ApiOperation({ summary: 'Incidents (filters: status, documentId; drill=true for drills run on the engine, which are otherwise left out)' })
  async listIncidents(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<IncidentView[]> {
    const q = parseListQuery(query, INCIDENT_LIST);
    return sendList(res, 'incidents', q, await this.rpc.send<ListResult<IncidentView>>(P.incidentList, actor, q));
  }

  @Post('incidents')
  @ApiReturns('IncidentView')
  @Permission('incidents', 'activate')
  @ApiOperation({ summary: 'Activates the plan’s published version at a level: steps and reporting deadlines frozen into the incident' })
  activate(@CurrentActor() actor: Actor, @Body() dto: ActivateIncidentDto): Promise<IncidentView> {
    return this.rpc.send(P.incidentActivate, actor, dto);
  }

  @Get('incidents/:id')
  @ApiReturns('IncidentView')
  @Permission('incidents', 'show')
  getIncident(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<IncidentView> {
    return this.rpc.send(P.incidentGet, actor, { id });
  }

  @Post('incidents/:id/level')
  @ApiReturns('IncidentView')
  @Permission('incidents', 'edit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Changes the level: deadlines recomputed from activation, the earlier one wins' })
  level(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: IncidentLevelDto): Promise<IncidentView> {
    return this.rpc.send(P.incidentLevel, actor, { ...dto, id });
  }

  @Post('incidents/:id/steps')
  @ApiReturns('IncidentView')
  @Permission('incidents', 'edit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks a checklist step done (or open again)' })
  step(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: IncidentStepDto): Promise<IncidentView> {
    return this.rpc.send(P.incidentStep, actor, { ...dto, id });
  }

  @Post('incidents/:id/timeline')
  @ApiReturns('IncidentView')
  @Permission('incidents', 'edit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Appends to the timeline (corrections are new entries naming the one they correct)' })
  timeline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TimelineEntryDto): Promise<IncidentView> {
    return this.rpc.send(P.incidentTimeline, actor, { ...dto, id });
  }

  @Post('incidents/:id/close')
  @ApiReturns('IncidentView')
  @Permission('incidents', 'close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Closes with a closing review and follow-up actions; 409 while a mandatory step is open' })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseIncidentDto): Promise<IncidentView> {
    return this.rpc.send(P.incidentClose, actor, { ...dto, id });
  }

  @Get('drills')
  @ApiReturnsList('DrillView', DRILL_LIST)
  @Permission('drills', 'list')
  async listDrills(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<DrillView[]> {
    const q = parseListQuery(query, DRILL_LIST);
    return sendList(res, 'drills', q, await this.rpc.send<ListResult<DrillView>>(P.drillList, actor, q));
  }

  // Before `drills/:id`, which would take "board" as an id.
  @Get('drills/board')
  @ApiReturns('DrillBoardRow', { array: true })
  @Permission('drills', 'list')
  @ApiOperation({ summary: 'Every plan in force: drills per year, last drill, overdue for its drill cycle' })
  async board(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<DrillBoardRow[]> {
    const lines = await this.rpc.send<DrillBoardLine[]>(P.drillBoard, actor, {});
    res.setHeader('Content-Range', `drills 0-${Math.max(0, lines.length - 1)}/${lines.length}`);
    return lines.map((l) => ({ id: l.documentId, ...l }));
  }

  @Post('drills')
  @ApiReturns('DrillView')
  @Permission('drills', 'create')
  @ApiOperation({ summary: 'Plans a drill for a plan version' })
  createDrill(@CurrentActor() actor: Actor, @Body() dto: CreateDrillDto): Promise<DrillView> {
    return this.rpc.send(P.drillCreate, actor, dto);
  }

  @Get('drills/:id')
  @ApiReturns('DrillView')
  @Permission('drills', 'show')
  getDrill(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DrillView> {
    return this.rpc.send(P.drillGet, actor, { id });
  }

  @Post('drills/:id/conduct')
  @ApiReturns('DrillView')
  @Permission('drills', 'edit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Records the drill as conducted: date, participants, time to each step, findings with follow-up actions' })
  conduct(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ConductDrillDto): Promise<DrillView> {
    return this.rpc.send(P.drillConduct, actor, { ...dto, id });
  }
}
