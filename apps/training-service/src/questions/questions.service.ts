import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, ListResult } from '@xb/contracts';
import { QUESTION_IMPORT_HEADER, QUESTION_LIST, ImportQuestionsDto, QuestionDto, type ImportQuestionsResult, type QuestionView } from '@xb/contracts/training';
import { asList, badRequest, listQueryOf, notFound, unprocessable, validateDto } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { assertActor, assertPermitted, idOf } from '../common/access.js';
import { parseCsv, questionProblems, rowToQuestion } from './question-rules.js';
import { QuestionsRepository } from './questions.repository.js';

/** 题库: questions with versions. A version an attempt drew is never changed: an edit makes the next version. */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly questions: QuestionsRepository,
  ) {}

  private async valid(data: unknown): Promise<QuestionDto> {
    const dto = await validateDto(QuestionDto, data);
    const problems = questionProblems(dto);
    if (problems.length) throw badRequest('Validation failed', problems);
    return dto;
  }

  async create(actor: Actor, data: unknown): Promise<QuestionView> {
    assertActor(actor);
    assertPermitted(actor, 'questions', 'create');
    const dto = await this.valid(data);
    const id = randomUUID();
    await this.ds.transaction((m) => this.questions.insert(m, id, dto, actor.id));
    return (await this.questions.get(id))!;
  }

  async update(actor: Actor, data: unknown): Promise<QuestionView> {
    assertPermitted(actor, 'questions', 'edit');
    const id = idOf(data);
    const dto = await this.valid((data as { question?: unknown }).question);
    await this.ds.transaction(async (m) => {
      const current = await this.questions.lockForEdit(m, id);
      if (!current) throw notFound('Question');
      await this.questions.update(m, id, dto, current.used);
    });
    return (await this.questions.get(id))!;
  }

  async get(actor: Actor, data: unknown): Promise<QuestionView> {
    assertPermitted(actor, 'questions', 'show');
    const q = await this.questions.get(idOf(data));
    if (!q) throw notFound('Question');
    return q;
  }

  async list(actor: Actor, data: unknown): Promise<ListResult<QuestionView>> {
    assertPermitted(actor, 'questions', 'list');
    const { filter: f, range, sort } = listQueryOf(data, QUESTION_LIST);
    return this.questions.list(
      { q: f.q, type: asList(f.type), status: asList(f.status), tags: asList(f.tags), difficulty: asList(f.difficulty)?.map(Number), id: asList(f.id) },
      range,
      sort,
    );
  }

  /** Bulk import from the CSV template: all or nothing, with every bad row named (row numbers count the header as 1). */
  async import(actor: Actor, data: unknown): Promise<ImportQuestionsResult> {
    assertActor(actor);
    assertPermitted(actor, 'questions', 'import');
    const { csv } = await validateDto(ImportQuestionsDto, data);
    const rows = parseCsv(csv);
    const header = (rows.shift() ?? []).map((h) => h.trim());
    if (QUESTION_IMPORT_HEADER.some((h, i) => header[i] !== h)) {
      throw badRequest('Validation failed', [{ field: 'csv', message: `the first row must be the template header: ${QUESTION_IMPORT_HEADER.join(',')}` }]);
    }
    if (rows.length === 0) throw badRequest('Validation failed', [{ field: 'csv', message: 'no question rows' }]);
    if (rows.length > 5000) throw badRequest('Validation failed', [{ field: 'csv', message: 'at most 5000 rows per import' }]);
    const errors: ImportQuestionsResult['errors'] = [];
    const good: { id: string; q: QuestionDto }[] = [];
    rows.forEach((cells, i) => {
      const { question, problems } = rowToQuestion(cells);
      for (const p of problems) errors.push({ row: i + 2, ...p });
      if (question) good.push({ id: randomUUID(), q: question });
    });
    if (errors.length) throw unprocessable(`${errors.length} problem(s) in the file; nothing was imported`, errors.map((e) => ({ field: `row ${e.row}: ${e.field}`, message: e.message })));
    await this.ds.transaction((m) => this.questions.insertMany(m, good, actor.id));
    return { imported: good.length, errors: [] };
  }
}
