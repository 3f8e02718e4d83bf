import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '../auth/auth.decorators.js';
import { notFoundHttp } from '../common/http-errors.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { AUDIT_LIST } from '@xb/contracts';
import { AuditService } from './audit.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiReturnsList('AuditView', AUDIT_LIST)
  @Permission('audit-log', 'list')
  @ApiOperation({ summary: 'Audit entries (filters: actorUsername, actorId, action prefix, resource, resourceId, from, to)' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, AUDIT_LIST);
    return sendList(res, 'audit-log', q, await this.audit.list(q));
  }

  @Get('verify')
  @ApiReturns('AuditVerifyResult')
  @Permission('audit-log', 'verify')
  @ApiOperation({ summary: 'Re-computes the hash chain; reports the first broken entry' })
  verify() {
    return this.audit.verify();
  }

  @Get(':id')
  @ApiReturns('AuditView')
  @Permission('audit-log', 'show')
  async get(@Param('id', ParseIntPipe) id: number) {
    const entry = await this.audit.get(String(id));
    if (!entry) throw notFoundHttp('Audit entry');
    return entry;
  }
}
