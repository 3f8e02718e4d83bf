import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import {
  EXAM_LIST,
  ExamDto,
  GrantDto,
  KeyFixDto,
  StatisticsQueryDto,
  TRAINING_PATTERNS,
  type AttemptView,
  type ExamStatisticsView,
  type ExamView,
  type GrantResultView,
  type PoolSizesView,
  type LeaderboardView,
  type RegradeResult,
  type TrainingResultsFile,
} from '@xb/contracts/training';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsFile, ApiReturnsList } from '../openapi/returns.decorators.js';

/** 考试 / 竞赛: REST face of exams, their results and the start of an attempt. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('exams')
export class ExamsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiReturnsList('ExamView', EXAM_LIST)
  @Permission('exams', 'list')
  @ApiOperation({ summary: 'Exams, practice quizzes and competitions (filters: q, kind, status, id)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ExamView[]> {
    const q = parseListQuery(query, EXAM_LIST);
    return sendList(res, 'exams', q, await this.rpc.send<ListResult<ExamView>>(TRAINING_PATTERNS.examList, actor, q));
  }

  @Post('pools')
  @ApiReturns('PoolSizesView')
  @HttpCode(200)
  @Permission('exams', 'list')
  @ApiOperation({ summary: 'Pool sizes of draw rules being built: { drawRules: [{ tag, difficulty? }] } → { poolSizes }' })
  pools(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>): Promise<PoolSizesView> {
    return this.rpc.send<PoolSizesView>(TRAINING_PATTERNS.examPools, actor, { drawRules: body?.drawRules });
  }

  @Get(':id')
  @ApiReturns('ExamView')
  @Permission('exams', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ExamView> {
    return this.rpc.send<ExamView>(TRAINING_PATTERNS.examGet, actor, { id });
  }

  @Post()
  @ApiReturns('ExamView')
  @Permission('exams', 'create')
  @ApiOperation({ summary: 'A draft exam (fixed questions and/or draw rules)' })
  create(@CurrentActor() actor: Actor, @Body() dto: ExamDto): Promise<ExamView> {
    return this.rpc.send<ExamView>(TRAINING_PATTERNS.examCreate, actor, dto);
  }

  @Put(':id')
  @ApiReturns('ExamView')
  @Permission('exams', 'edit')
  @ApiOperation({ summary: 'Edit a draft (409 once published: its rules are frozen)' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExamDto): Promise<ExamView> {
    return this.rpc.send<ExamView>(TRAINING_PATTERNS.examUpdate, actor, { id, exam: dto });
  }

  @Post(':id/publish')
  @ApiReturns('ExamView')
  @HttpCode(200)
  @Permission('exams', 'publish')
  @ApiOperation({ summary: 'Publish: 422 naming the rule when a draw rule pool is smaller than its count' })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ExamView> {
    return this.rpc.send<ExamView>(TRAINING_PATTERNS.examPublish, actor, { id });
  }

  @Post(':id/grants')
  @ApiReturns('GrantResultView')
  @HttpCode(200)
  @Permission('exams', 'grant')
  @ApiOperation({ summary: 'Extra minutes (also to an attempt in progress) or extra attempts for one user, on record' })
  grant(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: GrantDto): Promise<GrantResultView> {
    return this.rpc.send<GrantResultView>(TRAINING_PATTERNS.examGrant, actor, { id, grant: dto });
  }

  @Post(':id/regrade')
  @ApiReturns('RegradeResult')
  @HttpCode(200)
  @Permission('exams', 'regrade')
  @ApiOperation({ summary: 'Correct a key or void a question: dryRun lists whose results change; else regrades every affected attempt' })
  regrade(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: KeyFixDto): Promise<RegradeResult> {
    return this.rpc.send<RegradeResult>(TRAINING_PATTERNS.examRegrade, actor, { id, fix: dto }, { timeoutMs: 60_000 });
  }

  @Get(':id/statistics')
  @ApiReturns('ExamStatisticsView')
  @Permission('exam-results', 'list')
  @ApiOperation({ summary: 'Participation and pass rate by unit (your subtree), score distribution, Moodle item statistics (attempts: first|graded|all)' })
  statistics(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: StatisticsQueryDto): Promise<ExamStatisticsView> {
    return this.rpc.send<ExamStatisticsView>(TRAINING_PATTERNS.examStatistics, actor, { id, query: { ...query } }, { timeoutMs: 30_000 });
  }

  @Get(':id/results/export')
  @ApiReturnsFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Permission('exam-results', 'export')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '成绩导出 — xlsx: one row per finished attempt in your scope (person, unit, score, pass, time taken); sheet 2 the item statistics (attempts: first|graded|all)' })
  async exportResults(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: StatisticsQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.rpc.send<TrainingResultsFile>(TRAINING_PATTERNS.examResultsExport, actor, { id, query: { ...query } }, { timeoutMs: 60_000 });
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(Buffer.from(file.body, 'base64'));
  }

  @Get(':id/leaderboard')
  @ApiReturns('LeaderboardView')
  @Permission('attempts', 'show')
  @ApiOperation({ summary: 'Leaderboard: score, then time taken, ties share a rank; team ranking = average of a unit’s best N (teamSize). Result readers, or takers of a competition' })
  leaderboard(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('teamSize') teamSize?: string): Promise<LeaderboardView> {
    return this.rpc.send<LeaderboardView>(TRAINING_PATTERNS.examLeaderboard, actor, { id, teamSize: teamSize === undefined ? undefined : Number(teamSize) });
  }

  @Post(':id/attempts')
  @ApiReturns('AttemptView')
  @Permission('attempts', 'create')
  @ApiOperation({ summary: 'Start an attempt: 403 outside the audience or window, 409 when none is left or one is in progress. The paper holds no key.' })
  start(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AttemptView> {
    return this.rpc.send<AttemptView>(TRAINING_PATTERNS.attemptStart, actor, { id });
  }
}
