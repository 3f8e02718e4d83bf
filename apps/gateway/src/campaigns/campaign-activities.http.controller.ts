import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AttachFileDto, type Actor, type ListResult } from '@xb/contracts';
import {
  ACTIVITY_LIST,
  ActivityActionDto,
  CAMPAIGN_IMPORT_MAX_BYTES,
  CAMPAIGN_IMPORT_MAX_ROWS,
  CAMPAIGNS_PATTERNS,
  CreateActivityDto,
  UpdateActivityDto,
  type ActivityView,
  type CampaignReportFile,
  type ImportActivitiesResult,
} from '@xb/contracts/campaigns';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { badRequestHttp } from '../common/http-errors.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { FilesService } from '../files/files.service.js';
import { ApiReturns, ApiReturnsFile, ApiReturnsList } from '../openapi/returns.decorators.js';

/** What multer hands over (memory storage). */
interface UploadedImportFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

const IMPORT_TIMEOUT_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** REST face of campaign activities 活动上报: report, submit, verify/return/unverify, import. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaign-activities')
export class CampaignActivitiesHttpController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly files: FilesService,
  ) {}

  @Get()
  @ApiReturnsList('ActivityView', ACTIVITY_LIST)
  @Permission('campaign-activities', 'list')
  @ApiOperation({ summary: 'Activities in your scope (filters: campaignId, status, orgUnitId subtree, venueType, toVerify = my verification queue, id)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ActivityView[]> {
    const q = parseListQuery(query, ACTIVITY_LIST);
    return sendList(res, 'campaign-activities', q, await this.rpc.send<ListResult<ActivityView>>(CAMPAIGNS_PATTERNS.activityList, actor, q));
  }

  @Post()
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'create')
  @ApiOperation({ summary: 'Reports an activity for your own unit (a draft); evidence files by id (POST /api/files, purpose campaigns.activity)' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateActivityDto): Promise<ActivityView> {
    const { fileIds, ...fields } = dto;
    let activity = await this.rpc.send<ActivityView>(CAMPAIGNS_PATTERNS.activityCreate, actor, fields);
    for (const fileId of new Set(fileIds ?? [])) activity = await this.attachFile(actor, activity.id, fileId);
    return activity;
  }

  @Post(':id/attachments')
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'attach')
  @ApiOperation({ summary: 'Attach a photo or sign-in sheet you uploaded (POST /api/files, purpose campaigns.activity) to your unit’s activity' })
  attach(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AttachFileDto): Promise<ActivityView> {
    return this.attachFile(actor, id, dto.fileId);
  }

  private attachFile(actor: Actor, id: string, fileId: string): Promise<ActivityView> {
    return this.files.attach(actor, fileId, 'campaigns.activity', { recordType: 'activity', recordId: id }, (command) =>
      this.rpc.send<ActivityView>(CAMPAIGNS_PATTERNS.activityAttach, actor, command),
    );
  }

  @Get('import/template')
  @ApiReturnsFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Permission('campaign-activities', 'import')
  @ApiQuery({ name: 'campaignId', required: true })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  // Response body: CampaignFileBody (@xb/contracts/campaigns), the file's bytes.
  @ApiOperation({ summary: 'The import template (.xlsx): Chinese headers and one example row' })
  async template(@CurrentActor() actor: Actor, @Query('campaignId') campaignId: string | undefined, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (typeof campaignId !== 'string' || !UUID.test(campaignId)) throw badRequestHttp('campaignId must be a UUID', [{ field: 'campaignId', message: 'must be a UUID' }]);
    const file = await this.rpc.send<CampaignReportFile>(CAMPAIGNS_PATTERNS.importTemplate, actor, { campaignId });
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(Buffer.from(file.body, 'base64'));
  }

  @Post('import')
  @ApiReturns('ImportActivitiesResult')
  @Permission('campaign-activities', 'import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: CAMPAIGN_IMPORT_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' }, campaignId: { type: 'string', format: 'uuid' }, verify: { type: 'boolean' }, dryRun: { type: 'boolean' } },
      required: ['file', 'campaignId'],
    },
  })
  @ApiOperation({ summary: `批量导入 — .xlsx in the template's shape, at most ${CAMPAIGN_IMPORT_MAX_ROWS} rows; all rows or none (422 names each row and field)` })
  import(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedImportFile | undefined, @Body() body: Record<string, unknown>): Promise<ImportActivitiesResult> {
    if (!file) throw badRequestHttp('Send the file as multipart/form-data in the field "file"', [{ field: 'file', message: 'required' }]);
    const flag = (v: unknown) => v === true || v === 'true' || v === '1';
    return this.rpc.send<ImportActivitiesResult>(
      CAMPAIGNS_PATTERNS.activityImport,
      actor,
      { campaignId: body?.campaignId, file: file.buffer.toString('base64'), verify: flag(body?.verify), dryRun: flag(body?.dryRun) },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
  }

  @Get(':id')
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ActivityView> {
    return this.rpc.send<ActivityView>(CAMPAIGNS_PATTERNS.activityGet, actor, { id });
  }

  @Put(':id')
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'edit')
  @ApiOperation({ summary: 'Edits a draft or returned activity of your unit (send the version read)' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateActivityDto): Promise<ActivityView> {
    return this.rpc.send<ActivityView>(CAMPAIGNS_PATTERNS.activityUpdate, actor, { ...dto, id });
  }

  @Post(':id/submit')
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submits the activity to the unit above for verification' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: Omit<ActivityActionDto, 'action'>): Promise<ActivityView> {
    return this.act(actor, id, 'submit', dto);
  }

  @Post(':id/verify')
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verifies the activity (a unit above it): from now on it counts in every total' })
  verify(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: Omit<ActivityActionDto, 'action'>): Promise<ActivityView> {
    return this.act(actor, id, 'verify', dto);
  }

  @Post(':id/return')
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Returns the activity to its unit with a reason' })
  return(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: Omit<ActivityActionDto, 'action'>): Promise<ActivityView> {
    return this.act(actor, id, 'return', dto);
  }

  @Post(':id/unverify')
  @ApiReturns('ActivityView')
  @Permission('campaign-activities', 'unverify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Takes a verified activity out of every total again (with a reason)' })
  unverify(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: Omit<ActivityActionDto, 'action'>): Promise<ActivityView> {
    return this.act(actor, id, 'unverify', dto);
  }

  private act(actor: Actor, id: string, action: ActivityActionDto['action'], dto: Omit<ActivityActionDto, 'action'> | undefined): Promise<ActivityView> {
    return this.rpc.send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, actor, { id, action, version: dto?.version, reason: dto?.reason });
  }
}
