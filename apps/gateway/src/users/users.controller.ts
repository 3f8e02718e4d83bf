import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { CreateUserDto, PEOPLE_MAX_IDS, UpdateUserDto, USER_LIST, type Actor } from '@xb/contracts';
import type { Response } from 'express';
import { Authenticated, CurrentActor, Permission } from '../auth/auth.decorators.js';
import { badRequestHttp } from '../common/http-errors.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { UsersService } from './users.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiReturnsList('UserView', USER_LIST)
  @Permission('users', 'read')
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, USER_LIST);
    return sendList(res, 'users', q, await this.users.list(actor, q));
  }

  /**
   * Display names and units for ids (`?ids=a,b,…`, at most PEOPLE_MAX_IDS), whatever the
   * caller's scope: the console names every person it shows (handler, 首问责任人, timeline,
   * audit log) with these, never with a login id alone.
   */
  @Get('names')
  @ApiReturns('PersonView', { array: true })
  @Authenticated()
  @ApiOperation({ summary: 'People by id: [{id, username, displayName, orgUnitName}] for any signed-in user; unknown ids are left out' })
  names(@Query('ids') ids: unknown) {
    const list = typeof ids === 'string' && ids !== '' ? ids.split(',') : [];
    if (typeof ids !== 'string' || list.length > PEOPLE_MAX_IDS || list.some((id) => !isUUID(id))) {
      const message = `ids must be a comma-separated list of at most ${PEOPLE_MAX_IDS} user ids`;
      throw badRequestHttp(message, [{ field: 'ids', message }]);
    }
    return this.users.people([...new Set(list)]);
  }

  @Get(':id')
  @ApiReturns('UserView')
  @Permission('users', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(actor, id);
  }

  @Post()
  @ApiReturns('UserView')
  @Permission('users', 'create')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Put(':id')
  @ApiReturns('UserView')
  @Permission('users', 'edit')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiReturns('UserView')
  @Permission('users', 'delete')
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.users.remove(actor, id);
  }
}
