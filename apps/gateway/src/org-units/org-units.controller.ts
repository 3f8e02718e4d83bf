import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateOrgUnitDto, ORG_UNIT_LIST, UpdateOrgUnitDto, type Actor } from '@xb/contracts';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { OrgUnitsService } from './org-units.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Get()
  @ApiReturnsList('OrgUnitView', ORG_UNIT_LIST)
  @Permission('org-units', 'read')
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ORG_UNIT_LIST);
    return sendList(res, 'org-units', q, await this.units.list(actor, q));
  }

  @Get(':id')
  @ApiReturns('OrgUnitView')
  @Permission('org-units', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.units.get(actor, id);
  }

  @Post()
  @ApiReturns('OrgUnitView')
  @Permission('org-units', 'create')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrgUnitDto) {
    return this.units.create(actor, dto);
  }

  @Put(':id')
  @ApiReturns('OrgUnitView')
  @Permission('org-units', 'edit')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOrgUnitDto) {
    return this.units.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiReturns('OrgUnitView')
  @Permission('org-units', 'delete')
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.units.remove(actor, id);
  }
}
