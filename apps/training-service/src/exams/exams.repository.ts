import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ListResult, SortOrder } from '@xb/contracts';
import type { ExamDto, ExamSortField } from '@xb/contracts/training';
import { likeContaining, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { audienceSql } from '../common/sql.js';

export interface ExamRow {
  id: string;
  title: string;
  kind: ExamDto['kind'];
  status: 'draft' | 'published';
  org_unit_id: string;
  org_path: string;
  questions: { questionId: string; points: number }[];
  draw_rules: { tag: string; difficulty?: number; count: number; points: number }[];
  time_limit_minutes: number;
  opens_at: Date;
  closes_at: Date;
  make_up_until: Date | null;
  pass_percent: string;
  attempts_allowed: number;
  grading_method: ExamDto['gradingMethod'];
  multiple_policy: 'all_or_nothing' | 'partial_no_wrong';
  shuffle_questions: boolean;
  shuffle_options: boolean;
  review_after_submit: ExamDto['reviewAfterSubmit'];
  review_after_close: ExamDto['reviewAfterClose'];
  audience_unit_ids: string[];
  audience_roles: string[];
  round: number | null;
  previous_round_id: string | null;
  qualify_top: number | null;
  published_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const SORTS: Record<ExamSortField, string> = { id: 'e.id', opensAt: 'e.opens_at', closesAt: 'e.closes_at', title: 'e.title', createdAt: 'e.created_at' };

const columns = (d: ExamDto) => [
  d.title,
  d.kind,
  JSON.stringify(d.questions ?? []),
  JSON.stringify(d.drawRules ?? []),
  d.timeLimitMinutes,
  d.opensAt,
  d.closesAt,
  d.makeUpUntil ?? null,
  d.passPercent,
  d.attemptsAllowed,
  d.gradingMethod,
  d.multiplePolicy ?? 'partial_no_wrong',
  d.shuffleQuestions ?? true,
  d.shuffleOptions ?? true,
  d.reviewAfterSubmit,
  d.reviewAfterClose,
  d.audienceUnitIds,
  d.audienceRoles,
  d.round ?? null,
  d.previousRoundId ?? null,
  d.qualifyTop ?? null,
];

/** All SQL of exams, their grants, key fixes and timeline. */
@Injectable()
export class ExamsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(m: EntityManager, id: string, d: ExamDto, unit: { id: string; path: string }, by: string): Promise<void> {
    await m.query(
      `INSERT INTO exam (title, kind, questions, draw_rules, time_limit_minutes, opens_at, closes_at, make_up_until, pass_percent, attempts_allowed, grading_method,
                         multiple_policy, shuffle_questions, shuffle_options, review_after_submit, review_after_close, audience_unit_ids, audience_roles, round,
                         previous_round_id, qualify_top, id, org_unit_id, org_path, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)`,
      [...columns(d), id, unit.id, unit.path, by],
    );
  }

  async update(m: EntityManager, id: string, d: ExamDto, unit: { id: string; path: string }): Promise<void> {
    await m.query(
      `UPDATE exam SET title = $1, kind = $2, questions = $3, draw_rules = $4, time_limit_minutes = $5, opens_at = $6, closes_at = $7, make_up_until = $8, pass_percent = $9,
                       attempts_allowed = $10, grading_method = $11, multiple_policy = $12, shuffle_questions = $13, shuffle_options = $14, review_after_submit = $15,
                       review_after_close = $16, audience_unit_ids = $17, audience_roles = $18, round = $19, previous_round_id = $20, qualify_top = $21,
                       org_unit_id = $23, org_path = $24, updated_at = now()
        WHERE id = $22`,
      [...columns(d), id, unit.id, unit.path],
    );
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<ExamRow | undefined> {
    const [row] = (await (m ?? this.ds.manager).query(`SELECT * FROM exam WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as ExamRow[];
    return row;
  }

  async list(k: { q?: string; kind?: string[]; status?: string[]; id?: string[] }, [start, end]: [number, number], sort: [string, SortOrder]): Promise<ListResult<ExamRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (k.q) where.push(`e.title ILIKE ${param(likeContaining(k.q))}`);
    if (k.kind?.length) where.push(`e.kind = ANY(${param(k.kind)}::text[])`);
    if (k.status?.length) where.push(`e.status = ANY(${param(k.status)}::text[])`);
    if (k.id?.length) where.push(`e.id = ANY(${param(k.id)}::uuid[])`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [column, direction] = orderByOf(SORTS, sort);
    const [items, [{ total }]] = await Promise.all([
      this.ds.query(`SELECT e.* FROM exam e ${w} ORDER BY ${column} ${direction}, e.id ${direction} OFFSET ${start} LIMIT ${end - start + 1}`, params) as Promise<ExamRow[]>,
      this.ds.query(`SELECT count(*)::int AS total FROM exam e ${w}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  /** Published exams (for the staff view). */
  async published(): Promise<ExamRow[]> {
    return (await this.ds.query(`SELECT * FROM exam WHERE status = 'published' ORDER BY opens_at DESC`)) as ExamRow[];
  }

  async markPublished(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE exam SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  /**
   * Per exam, its active audience within `scope` (as the results page counts it) and the
   * submitted attempts of takers within `scope`, for the progress figures of lists.
   */
  async progress(ids: string[], scope: string): Promise<{ assigned: Map<string, number>; attempts: { exam_id: string; user_id: string; number: number; percent: string | null }[] }> {
    if (ids.length === 0) return { assigned: new Map(), attempts: [] };
    const [assigned, attempts] = await Promise.all([
      this.ds.query(
        `SELECT e.id,
                (SELECT count(*)::int ${audienceSql('e.audience_unit_ids', 'e.audience_roles', '$2')}) AS n
           FROM exam e WHERE e.id = ANY($1::uuid[])`,
        [ids, scope],
      ) as Promise<{ id: string; n: number }[]>,
      this.ds.query(
        `SELECT exam_id, user_id, number, percent FROM attempt
          WHERE exam_id = ANY($1::uuid[]) AND status = 'submitted' AND org_path LIKE $2 || '%'`,
        [ids, scope],
      ) as Promise<{ exam_id: string; user_id: string; number: number; percent: string | null }[]>,
    ]);
    return { assigned: new Map(assigned.map((r) => [r.id, r.n])), attempts };
  }

  /** Current paths of the audience units (from the directory replica). */
  async unitPaths(ids: string[], m?: EntityManager): Promise<string[]> {
    if (!ids.length) return [];
    const rows = (await (m ?? this.ds.manager).query(`SELECT path FROM directory_org_unit WHERE id = ANY($1::uuid[]) AND NOT deleted`, [ids])) as { path: string }[];
    return rows.map((r) => r.path);
  }

  async timeline(m: EntityManager, examId: string, action: string, actorId: string, detail: Record<string, unknown>): Promise<void> {
    await m.query(`INSERT INTO exam_timeline (exam_id, action, actor_id, detail) VALUES ($1, $2, $3, $4)`, [examId, action, actorId, JSON.stringify(detail)]);
  }

  async insertGrant(m: EntityManager, g: { id: string; examId: string; userId: string; extraMinutes: number; extraAttempts: number; reason: string; by: string }): Promise<void> {
    await m.query(`INSERT INTO exam_grant (id, exam_id, user_id, extra_minutes, extra_attempts, reason, granted_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      g.id,
      g.examId,
      g.userId,
      g.extraMinutes,
      g.extraAttempts,
      g.reason,
      g.by,
    ]);
  }

  /** A user's granted extra minutes and attempts on an exam. */
  async grantsOf(examId: string, userId: string, m?: EntityManager): Promise<{ minutes: number; attempts: number }> {
    const [row] = (await (m ?? this.ds.manager).query(
      `SELECT COALESCE(sum(extra_minutes), 0)::int AS minutes, COALESCE(sum(extra_attempts), 0)::int AS attempts FROM exam_grant WHERE exam_id = $1 AND user_id = $2`,
      [examId, userId],
    )) as { minutes: number; attempts: number }[];
    return row;
  }

  async keyFixes(examId: string, m?: EntityManager): Promise<Map<string, { correct: unknown; voided: boolean }>> {
    const rows = (await (m ?? this.ds.manager).query(`SELECT question_id, correct, voided FROM exam_key_fix WHERE exam_id = $1`, [examId])) as {
      question_id: string;
      correct: unknown;
      voided: boolean;
    }[];
    return new Map(rows.map((r) => [r.question_id, { correct: r.correct, voided: r.voided }]));
  }

  async upsertKeyFix(m: EntityManager, examId: string, questionId: string, fix: { correct: unknown; voided: boolean; reason: string; by: string }): Promise<void> {
    await m.query(
      `INSERT INTO exam_key_fix (exam_id, question_id, correct, voided, reason, fixed_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (exam_id, question_id) DO UPDATE SET correct = EXCLUDED.correct, voided = EXCLUDED.voided, reason = EXCLUDED.reason, fixed_by = EXCLUDED.fixed_by, fixed_at = now()`,
      [examId, questionId, fix.correct === undefined || fix.correct === null ? null : JSON.stringify(fix.correct), fix.voided, fix.reason, fix.by],
    );
  }
}
