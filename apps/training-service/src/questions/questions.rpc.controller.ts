import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ListResult, RpcEnvelope } from '@xb/contracts';
import { TRAINING_PATTERNS, type ImportQuestionsResult, type QuestionView } from '@xb/contracts/training';
import { actorOf } from '@xb/service-kit';
import { QuestionsService } from './questions.service.js';

/** NATS entry points of the question bank: unwrap, call, return. */
@Controller()
export class QuestionsRpcController {
  constructor(private readonly questions: QuestionsService) {}

  @MessagePattern(TRAINING_PATTERNS.questionCreate)
  create(@Payload() e: RpcEnvelope): Promise<QuestionView> {
    return this.questions.create(actorOf(e), e.data);
  }

  @MessagePattern(TRAINING_PATTERNS.questionUpdate)
  update(@Payload() e: RpcEnvelope): Promise<QuestionView> {
    return this.questions.update(actorOf(e), e.data);
  }

  @MessagePattern(TRAINING_PATTERNS.questionGet)
  get(@Payload() e: RpcEnvelope): Promise<QuestionView> {
    return this.questions.get(actorOf(e), e.data);
  }

  @MessagePattern(TRAINING_PATTERNS.questionList)
  list(@Payload() e: RpcEnvelope): Promise<ListResult<QuestionView>> {
    return this.questions.list(actorOf(e), e.data);
  }

  @MessagePattern(TRAINING_PATTERNS.questionImport)
  import(@Payload() e: RpcEnvelope): Promise<ImportQuestionsResult> {
    return this.questions.import(actorOf(e), e.data);
  }
}
