import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import { INSPECTIONS_PATTERNS, TEMPLATE_LIST, TemplateBodyDto, TemplateView } from '@xb/contracts/inspections';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

/** Checklist templates 检查模板, versioned: a draft is edited, publishing freezes it. */
@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspection-templates')
export class InspectionTemplatesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiReturnsList('TemplateView', TEMPLATE_LIST)
  @Permission('inspection-templates', 'list')
  @ApiOperation({ summary: 'Template versions (filters: id, key, status)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<TemplateView[]> {
    const q = parseListQuery(query, TEMPLATE_LIST);
    return sendList(res, 'inspection-templates', q, await this.rpc.send<ListResult<TemplateView>>(INSPECTIONS_PATTERNS.templateList, actor, q));
  }

  @Get(':id')
  @ApiReturns('TemplateView')
  @Permission('inspection-templates', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TemplateView> {
    return this.rpc.send<TemplateView>(INSPECTIONS_PATTERNS.templateGet, actor, { id });
  }

  @Post()
  @ApiReturns('TemplateView')
  @Permission('inspection-templates', 'create')
  @ApiOperation({ summary: 'A new draft: version 1 of a new key, or the next version of an existing key (409 while a draft exists)' })
  create(@CurrentActor() actor: Actor, @Body() dto: TemplateBodyDto): Promise<TemplateView> {
    return this.rpc.send<TemplateView>(INSPECTIONS_PATTERNS.templateCreate, actor, dto);
  }

  @Put(':id')
  @ApiReturns('TemplateView')
  @Permission('inspection-templates', 'edit')
  @ApiOperation({ summary: 'Edit a draft (409 once published: published versions are frozen)' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TemplateBodyDto): Promise<TemplateView> {
    return this.rpc.send<TemplateView>(INSPECTIONS_PATTERNS.templateUpdate, actor, { ...dto, id });
  }

  @Post(':id/publish')
  @ApiReturns('TemplateView')
  @Permission('inspection-templates', 'publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft: from now on it is frozen and visits may use it' })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TemplateView> {
    return this.rpc.send<TemplateView>(INSPECTIONS_PATTERNS.templatePublish, actor, { id });
  }
}
