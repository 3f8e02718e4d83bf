import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@xb/contracts';
import { SaveAnswerDto, TRAINING_PATTERNS, type AnswerSavedView, type AttemptView, type SweepResultView } from '@xb/contracts/training';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns } from '../openapi/returns.decorators.js';

/** 答题: a taker's own attempt, timed by the service. */
@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class AttemptsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('attempts/:id')
  @ApiReturns('AttemptView')
  @Permission('attempts', 'show')
  @ApiOperation({ summary: 'My attempt: the paper (and serverNow for the countdown); results as the review policy allows' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AttemptView> {
    return this.rpc.send<AttemptView>(TRAINING_PATTERNS.attemptGet, actor, { id });
  }

  @Put('attempts/:id/answers/:slot')
  @ApiReturns('AnswerSavedView')
  @Permission('attempts', 'edit')
  @ApiOperation({ summary: 'Autosave one answer; seq must rise (a stale write is 409); refused after the deadline (409)' })
  save(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('slot', ParseIntPipe) slot: number, @Body() dto: SaveAnswerDto): Promise<AnswerSavedView> {
    return this.rpc.send<AnswerSavedView>(TRAINING_PATTERNS.attemptSave, actor, { id, slot, body: dto });
  }

  @Post('attempts/:id/submit')
  @ApiReturns('AttemptView')
  @HttpCode(200)
  @Permission('attempts', 'submit')
  @ApiOperation({ summary: 'Submit: graded on the server once; a second submit answers the same result' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AttemptView> {
    return this.rpc.send<AttemptView>(TRAINING_PATTERNS.attemptSubmit, actor, { id });
  }

  @Post('training/sweep')
  @ApiReturns('SweepResultView')
  @HttpCode(200)
  @Permission('attempts', 'sweep')
  @ApiOperation({ summary: 'Run the deadline sweep now (the service runs it every second by itself)' })
  sweep(@CurrentActor() actor: Actor): Promise<SweepResultView> {
    return this.rpc.send<SweepResultView>(TRAINING_PATTERNS.sweepRunNow, actor, {});
  }
}
