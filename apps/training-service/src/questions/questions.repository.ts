import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ListResult, SortOrder } from '@xb/contracts';
import type { QuestionDto, QuestionSortField, QuestionView } from '@xb/contracts/training';
import { likeContaining, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';

interface QuestionRow {
  id: string;
  version: number;
  type: QuestionView['type'];
  stem: string;
  options: { key: string; text: string }[];
  correct: QuestionView['correct'];
  explanation: string | null;
  tags: string[];
  difficulty: number;
  regulation: string | null;
  status: QuestionView['status'];
  used: boolean;
  created_at: Date;
  updated_at: Date;
}

const view = (r: QuestionRow): QuestionView => ({
  id: r.id,
  version: r.version,
  type: r.type,
  stem: r.stem,
  options: r.options,
  correct: r.correct,
  explanation: r.explanation,
  tags: r.tags,
  difficulty: r.difficulty,
  regulation: r.regulation,
  status: r.status,
  used: r.used,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const SELECT = `SELECT q.*, EXISTS (SELECT 1 FROM question_version v WHERE v.question_id = q.id AND v.used) AS used FROM question q`;
const SORTS: Record<QuestionSortField, string> = { id: 'q.id', updatedAt: 'q.updated_at', difficulty: 'q.difficulty', type: 'q.type', status: 'q.status' };

export interface QuestionCriteria {
  q?: string;
  type?: string[];
  status?: string[];
  tags?: string[];
  difficulty?: number[];
  id?: string[];
}

/** All SQL of the question bank. */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(m: EntityManager, id: string, q: QuestionDto, by: string): Promise<void> {
    await m.query(
      `INSERT INTO question (id, type, stem, options, correct, explanation, tags, difficulty, regulation, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, q.type, q.stem, JSON.stringify(q.options ?? []), JSON.stringify(q.correct), q.explanation ?? null, q.tags, q.difficulty, q.regulation ?? null, q.status ?? 'draft', by],
    );
    await m.query(
      `INSERT INTO question_version (question_id, version, type, stem, options, correct, explanation) SELECT id, version, type, stem, options, correct, explanation FROM question WHERE id = $1`,
      [id],
    );
  }

  /** Many questions in one statement each (the import). */
  async insertMany(m: EntityManager, rows: { id: string; q: QuestionDto }[], by: string): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO question (id, type, stem, options, correct, explanation, tags, difficulty, regulation, status, created_by)
       SELECT r.id, r.type, r.stem, r.options, r.correct, r.explanation, ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.difficulty, r.regulation, r.status, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, type text, stem text, options jsonb, correct jsonb, explanation text, tags jsonb, difficulty int, regulation text, status text)`,
      [
        JSON.stringify(
          rows.map(({ id, q }) => ({ id, type: q.type, stem: q.stem, options: q.options ?? [], correct: q.correct, explanation: q.explanation ?? null, tags: q.tags, difficulty: q.difficulty, regulation: q.regulation ?? null, status: q.status ?? 'active' })),
        ),
        by,
      ],
    );
    await m.query(
      `INSERT INTO question_version (question_id, version, type, stem, options, correct, explanation) SELECT id, version, type, stem, options, correct, explanation FROM question WHERE id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
  }

  /** Locks the question row for an edit; with whether its current version has been drawn. */
  async lockForEdit(m: EntityManager, id: string): Promise<{ version: number; used: boolean } | undefined> {
    const [row] = (await m.query(
      `SELECT q.version, v.used FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.version WHERE q.id = $1 FOR UPDATE OF q, v`,
      [id],
    )) as { version: number; used: boolean }[];
    return row;
  }

  /**
   * Writes the edit: a new version when the current one has been drawn by an attempt (that
   * version stays frozen for the attempts that hold it), else in place.
   */
  async update(m: EntityManager, id: string, q: QuestionDto, newVersion: boolean): Promise<void> {
    await m.query(
      `UPDATE question SET version = version + $2::int, type = $3, stem = $4, options = $5, correct = $6, explanation = $7, tags = $8, difficulty = $9, regulation = $10,
              status = COALESCE($11, status), updated_at = now() WHERE id = $1`,
      [id, newVersion ? 1 : 0, q.type, q.stem, JSON.stringify(q.options ?? []), JSON.stringify(q.correct), q.explanation ?? null, q.tags, q.difficulty, q.regulation ?? null, q.status ?? null],
    );
    if (newVersion) {
      await m.query(
        `INSERT INTO question_version (question_id, version, type, stem, options, correct, explanation) SELECT id, version, type, stem, options, correct, explanation FROM question WHERE id = $1`,
        [id],
      );
    } else {
      await m.query(
        `UPDATE question_version v SET type = q.type, stem = q.stem, options = q.options, correct = q.correct, explanation = q.explanation
           FROM question q WHERE q.id = $1 AND v.question_id = q.id AND v.version = q.version AND NOT v.used`,
        [id],
      );
    }
  }

  async get(id: string): Promise<QuestionView | undefined> {
    const [row] = (await this.ds.query(`${SELECT} WHERE q.id = $1`, [id])) as QuestionRow[];
    return row && view(row);
  }

  async list(k: QuestionCriteria, [start, end]: [number, number], sort: [string, SortOrder]): Promise<ListResult<QuestionView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (k.q) where.push(`q.stem ILIKE ${param(likeContaining(k.q))}`);
    if (k.type?.length) where.push(`q.type = ANY(${param(k.type)}::text[])`);
    if (k.status?.length) where.push(`q.status = ANY(${param(k.status)}::text[])`);
    if (k.tags?.length) where.push(`q.tags && ${param(k.tags)}::text[]`);
    if (k.difficulty?.length) where.push(`q.difficulty = ANY(${param(k.difficulty)}::int[])`);
    if (k.id?.length) where.push(`q.id = ANY(${param(k.id)}::uuid[])`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [column, direction] = orderByOf(SORTS, sort);
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query(`${SELECT} ${w} ORDER BY ${column} ${direction}, q.id ${direction} OFFSET ${start} LIMIT ${end - start + 1}`, params) as Promise<QuestionRow[]>,
      this.ds.query(`SELECT count(*)::int AS total FROM question q ${w}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(view), total };
  }

  /** Active questions of a pool (tag, optional difficulty): ids in a stable order. */
  async poolIds(tag: string, difficulty: number | undefined, m?: EntityManager): Promise<string[]> {
    const rows = (await (m ?? this.ds.manager).query(
      `SELECT id FROM question WHERE status = 'active' AND $1 = ANY(tags) AND ($2::int IS NULL OR difficulty = $2) ORDER BY id`,
      [tag, difficulty ?? null],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The active questions among these ids. */
  async activeIds(ids: string[], m?: EntityManager): Promise<Set<string>> {
    const rows = (await (m ?? this.ds.manager).query(`SELECT id FROM question WHERE status = 'active' AND id = ANY($1::uuid[])`, [ids])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }
}
