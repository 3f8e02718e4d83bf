import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_ARCHIVE_LIST, COMPLAINT_PATTERNS, type Actor, type CaseArchiveEntryView, type ListResult } from '@xb/contracts';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

/**
 * Case archive 案例库: typical complaints with root cause, lessons and tags, for every
 * member of staff. Entries carry no customer field at all (the service selects none).
 */
@ApiTags('case-archive')
@ApiBearerAuth()
@Controller('case-archive')
export class CaseArchiveController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiReturnsList('CaseArchiveEntryView', CASE_ARCHIVE_LIST)
  @Permission('case-archive', 'list')
  @ApiOperation({ summary: 'Typical cases, bank-wide (filters: q, tags, businessCategory, cause); no customer data' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, CASE_ARCHIVE_LIST);
    return sendList(res, 'case-archive', q, await this.rpc.send<ListResult<CaseArchiveEntryView>>(COMPLAINT_PATTERNS.caseArchiveList, actor, q));
  }

  @Get(':id')
  @ApiReturns('CaseArchiveEntryView')
  @Permission('case-archive', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CaseArchiveEntryView> {
    return this.rpc.send<CaseArchiveEntryView>(COMPLAINT_PATTERNS.caseArchiveGet, actor, { id });
  }
}
