import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import { ImportQuestionsDto, QUESTION_IMPORT_HEADER, QUESTION_LIST, QuestionDto, TRAINING_PATTERNS, type ImportQuestionsResult, type QuestionView } from '@xb/contracts/training';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsFile, ApiReturnsList } from '../openapi/returns.decorators.js';

/** 题库: REST face of the training service's question bank. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('questions')
export class QuestionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiReturnsList('QuestionView', QUESTION_LIST)
  @Permission('questions', 'list')
  @ApiOperation({ summary: 'Questions (filters: q, type, status, tags, difficulty, id)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<QuestionView[]> {
    const q = parseListQuery(query, QUESTION_LIST);
    return sendList(res, 'questions', q, await this.rpc.send<ListResult<QuestionView>>(TRAINING_PATTERNS.questionList, actor, q));
  }

  @Get('import-template')
  @ApiReturnsFile('text/csv')
  @Permission('questions', 'import')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="question-import-template.csv"')
  @ApiOperation({ summary: 'The CSV template of the bulk import (UTF-8 with BOM, opens in Excel)' })
  template(): string {
    return `\uFEFF${QUESTION_IMPORT_HEADER.join(',')}\n单选,金融消费者享有哪项权利？,财产安全权,无限索赔权,,,,A,《消费者权益保护实施办法》规定八项权利,八项权利,2,\n多选,以下哪些属于个人金融信息？,账户信息,鉴别信息,天气预报,,,AB,,个人信息保护,3,\n判断,银行可以向第三方出售客户信息。,,,,,,错,,个人信息保护,1,\n`;
  }

  @Post('import')
  @ApiReturns('ImportQuestionsResult')
  @HttpCode(200)
  @Permission('questions', 'import')
  @ApiOperation({ summary: 'Bulk import from the CSV template: all or nothing; 422 lists every bad row and field' })
  import(@CurrentActor() actor: Actor, @Body() dto: ImportQuestionsDto): Promise<ImportQuestionsResult> {
    return this.rpc.send<ImportQuestionsResult>(TRAINING_PATTERNS.questionImport, actor, dto, { timeoutMs: 60_000 });
  }

  @Get(':id')
  @ApiReturns('QuestionView')
  @Permission('questions', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<QuestionView> {
    return this.rpc.send<QuestionView>(TRAINING_PATTERNS.questionGet, actor, { id });
  }

  @Post()
  @ApiReturns('QuestionView')
  @Permission('questions', 'create')
  @ApiOperation({ summary: 'A new question (version 1)' })
  create(@CurrentActor() actor: Actor, @Body() dto: QuestionDto): Promise<QuestionView> {
    return this.rpc.send<QuestionView>(TRAINING_PATTERNS.questionCreate, actor, dto);
  }

  @Put(':id')
  @ApiReturns('QuestionView')
  @Permission('questions', 'edit')
  @ApiOperation({ summary: 'Edit: in place while no attempt drew it, else a new version (attempts keep theirs)' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: QuestionDto): Promise<QuestionView> {
    return this.rpc.send<QuestionView>(TRAINING_PATTERNS.questionUpdate, actor, { id, question: dto });
  }
}
