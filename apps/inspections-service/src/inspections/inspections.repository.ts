import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InspectionSortField, InspectionStatus } from '@xb/contracts/inspections';
import { likeStartingWith, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import type { VisitScore } from '../scoring/scoring.js';

export interface StoredAnswer {
  itemKey: string;
  value: 'pass' | 'fail' | 'na' | number;
  note: string | null;
  fileIds: string[];
}

export interface InspectionRow {
  id: string;
  outlet_id: string;
  outlet_path: string;
  outlet_name: string;
  template_id: string;
  template_version: number;
  template_name: string;
  inspector_id: string;
  inspector_name: string | null;
  scenario: string;
  kind: 'routine' | 'reinspection';
  reinspection_of: string | null;
  item_keys: string[];
  planned_date: string;
  visit_date: string | null;
  status: InspectionStatus;
  answers: StoredAnswer[];
  score: VisitScore | null;
  total: string | null;
  passed: boolean | null;
  red_line_failed: boolean;
  idempotency_key: string | null;
  return_reason: string | null;
  reviewed_by: string | null;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  created_at: Date;
  version: number;
}

export interface NewInspection {
  id: string;
  outletId: string;
  outletPath: string;
  templateId: string;
  inspectorId: string;
  scenario: string;
  kind: 'routine' | 'reinspection';
  reinspectionOf: string | null;
  itemKeys: string[];
  plannedDate: string;
  createdBy: string;
}

const COLUMNS = `i.*, to_char(i.planned_date, 'YYYY-MM-DD') AS planned_date, to_char(i.visit_date, 'YYYY-MM-DD') AS visit_date,
         coalesce(o.name, '') AS outlet_name, t.version AS template_version, t.name AS template_name, u.display_name AS inspector_name`;
const JOINS = `
    JOIN inspection_template t ON t.id = i.template_id
    LEFT JOIN directory_org_unit o ON o.id = i.outlet_id
    LEFT JOIN directory_user u ON u.id = i.inspector_id`;
const SELECT = `SELECT ${COLUMNS} FROM inspection i ${JOINS}`;

/** What a submit stores besides the visit row: per-dimension and per-item points (answered ones only), as arrays for unnest. */
function scoreArrays(score: VisitScore) {
  const dims = score.dimensions.filter((d) => d.possible > 0);
  const items = score.items.filter((i) => i.state === 'answered');
  return {
    dims: [dims.map((d) => d.key), dims.map((d) => d.achieved), dims.map((d) => d.possible)],
    items: [items.map((i) => i.key), items.map((i) => i.achieved), items.map((i) => i.possible), items.map((i) => i.failed)],
  };
}

/** A submitted visit's answers, score and totals, in the column order both submit statements use. */
const submittedColumns = (s: SubmittedVisit) => [
  JSON.stringify(s.answers),
  JSON.stringify(s.score),
  s.score.total,
  s.score.passed,
  s.score.redLineFailed,
  s.score.points.achieved,
  s.score.points.possible,
];

export interface SubmittedVisit {
  answers: StoredAnswer[];
  score: VisitScore;
  visitDate: string;
  idempotencyKey: string;
}

const SORT: Record<InspectionSortField, string> = {
  id: 'i.id',
  plannedDate: 'i.planned_date',
  visitDate: 'i.visit_date',
  status: 'i.status',
  total: 'i.total',
  createdAt: 'i.created_at',
};

export interface InspectionListFilter {
  scope: string;
  ids?: string[];
  statuses?: InspectionStatus[];
  outletId?: string;
  quarterFrom?: string;
  quarterTo?: string;
  inspectorId?: string;
}

/** All SQL of the inspection aggregate. */
@Injectable()
export class InspectionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(m: EntityManager, i: NewInspection): Promise<void> {
    await m.query(
      `INSERT INTO inspection (id, outlet_id, outlet_path, template_id, inspector_id, scenario, kind, reinspection_of, item_keys, planned_date, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'planned', $11)`,
      [i.id, i.outletId, i.outletPath, i.templateId, i.inspectorId, i.scenario, i.kind, i.reinspectionOf, i.itemKeys, i.plannedDate, i.createdBy],
    );
  }

  async insertMany(m: EntityManager, rows: NewInspection[]): Promise<void> {
    for (const r of rows) await this.insert(m, r);
  }

  async get(id: string, m: EntityManager = this.ds.manager, lock = false): Promise<InspectionRow | undefined> {
    const [row] = (await m.query(`${SELECT} WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`, [id])) as InspectionRow[];
    return row;
  }

  /**
   * An unplanned visit logged and submitted (`POST /api/inspections/log`) in ONE statement: the
   * visit row, its dimension and item points (unnest of arrays, no per-item statements) and its
   * evidence files, answering the stored row as `get` does. Undefined when the inspector's
   * idempotency key is already taken (a retry racing the first upload): nothing is written then.
   */
  async insertSubmitted(
    m: EntityManager,
    i: Omit<NewInspection, 'kind' | 'reinspectionOf' | 'itemKeys' | 'plannedDate'>,
    s: SubmittedVisit,
    fileIds: string[],
  ): Promise<InspectionRow | undefined> {
    const { dims, items } = scoreArrays(s.score);
    const [row] = (await m.query(
      `WITH v AS (
         INSERT INTO inspection (id, outlet_id, outlet_path, template_id, inspector_id, scenario, kind, planned_date, visit_date, status, answers, score, total,
                                 passed, red_line_failed, points_achieved, points_possible, idempotency_key, submitted_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'routine', $7, $7, 'submitted', $8, $9, $10, $11, $12, $13, $14, $15, now(), $16)
         ON CONFLICT (inspector_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING *),
       d AS (INSERT INTO inspection_dimension_score (inspection_id, dimension_key, achieved, possible)
             SELECT v.id, x.* FROM v, unnest($17::text[], $18::float8[], $19::float8[]) x),
       s AS (INSERT INTO inspection_item_score (inspection_id, item_key, achieved, possible, failed)
             SELECT v.id, x.* FROM v, unnest($20::text[], $21::float8[], $22::float8[], $23::bool[]) x),
       e AS (INSERT INTO evidence_file (file_id, record_type, record_id) SELECT DISTINCT f, 'inspection', v.id FROM v, unnest($24::uuid[]) f ON CONFLICT DO NOTHING)
       SELECT ${COLUMNS} FROM v i ${JOINS}`,
      [
        i.id,
        i.outletId,
        i.outletPath,
        i.templateId,
        i.inspectorId,
        i.scenario,
        s.visitDate,
        ...submittedColumns(s),
        s.idempotencyKey,
        i.createdBy,
        ...dims,
        ...items,
        [...new Set(fileIds)],
      ],
    )) as InspectionRow[];
    return row;
  }

  async idByIdempotencyKey(m: EntityManager, inspectorId: string, key: string): Promise<string | undefined> {
    const [row] = (await m.query(`SELECT id FROM inspection WHERE inspector_id = $1 AND idempotency_key = $2`, [inspectorId, key])) as { id: string }[];
    return row?.id;
  }

  async setStatus(m: EntityManager, id: string, status: InspectionStatus, extra: { returnReason?: string | null; reviewedBy?: string } = {}): Promise<void> {
    await m.query(
      `UPDATE inspection SET status = $2, version = version + 1,
              return_reason = CASE WHEN $3::boolean THEN $4 ELSE return_reason END,
              reviewed_by = coalesce($5, reviewed_by), reviewed_at = CASE WHEN $2 = 'reviewed' THEN now() ELSE reviewed_at END
        WHERE id = $1`,
      [id, status, extra.returnReason !== undefined, extra.returnReason ?? null, extra.reviewedBy ?? null],
    );
  }

  async saveAnswers(m: EntityManager, id: string, status: InspectionStatus, answers: StoredAnswer[], score: VisitScore): Promise<void> {
    await m.query(`UPDATE inspection SET status = $2, answers = $3, score = $4, total = $5, passed = $6, red_line_failed = $7, version = version + 1 WHERE id = $1`, [
      id,
      status,
      JSON.stringify(answers),
      JSON.stringify(score),
      score.total,
      score.passed,
      score.redLineFailed,
    ]);
  }

  /**
   * A planned visit submitted: answers, score, visit day and key, and its per-dimension and
   * per-item points (replacing those of an earlier submit that was returned) in one statement.
   */
  async submit(m: EntityManager, id: string, s: SubmittedVisit): Promise<void> {
    const { dims, items } = scoreArrays(s.score);
    // The upserts and the deletes touch different rows (keys in the new score vs the rest), so they may share a statement.
    await m.query(
      `WITH v AS (
         UPDATE inspection SET status = 'submitted', answers = $2, score = $3, total = $4, passed = $5, red_line_failed = $6, points_achieved = $7, points_possible = $8,
                visit_date = $9, idempotency_key = $10, submitted_at = now(), return_reason = NULL, version = version + 1
          WHERE id = $1 RETURNING id),
       dd AS (DELETE FROM inspection_dimension_score WHERE inspection_id = $1 AND NOT (dimension_key = ANY ($11::text[]))),
       d AS (INSERT INTO inspection_dimension_score (inspection_id, dimension_key, achieved, possible)
             SELECT v.id, x.* FROM v, unnest($11::text[], $12::float8[], $13::float8[]) x
             ON CONFLICT (inspection_id, dimension_key) DO UPDATE SET achieved = EXCLUDED.achieved, possible = EXCLUDED.possible),
       sd AS (DELETE FROM inspection_item_score WHERE inspection_id = $1 AND NOT (item_key = ANY ($14::text[]))),
       s AS (INSERT INTO inspection_item_score (inspection_id, item_key, achieved, possible, failed)
             SELECT v.id, x.* FROM v, unnest($14::text[], $15::float8[], $16::float8[], $17::bool[]) x
             ON CONFLICT (inspection_id, item_key) DO UPDATE SET achieved = EXCLUDED.achieved, possible = EXCLUDED.possible, failed = EXCLUDED.failed)
       SELECT count(*) FROM v`,
      [
        id,
        ...submittedColumns(s),
        s.visitDate,
        s.idempotencyKey,
        ...dims,
        ...items,
      ],
    );
  }

  async list(f: InspectionListFilter, range: [number, number], sort: [string, 'ASC' | 'DESC']): Promise<{ rows: InspectionRow[]; total: number }> {
    const where = [`i.outlet_path LIKE $1`];
    const params: unknown[] = [likeStartingWith(f.scope)];
    if (f.ids) where.push(`i.id = ANY($${params.push(f.ids)}::uuid[])`);
    if (f.statuses) where.push(`i.status = ANY($${params.push(f.statuses)}::text[])`);
    if (f.outletId) where.push(`i.outlet_id = $${params.push(f.outletId)}`);
    if (f.inspectorId) where.push(`i.inspector_id = $${params.push(f.inspectorId)}`);
    if (f.quarterFrom) where.push(`coalesce(i.visit_date, i.planned_date) BETWEEN $${params.push(f.quarterFrom)} AND $${params.push(f.quarterTo)}`);
    const w = `WHERE ${where.join(' AND ')}`;
    const [col, dir] = orderByOf(SORT, sort);
    const rows = (await this.ds.query(`${SELECT} ${w} ORDER BY ${col} ${dir} NULLS LAST, i.id ${dir} OFFSET ${range[0]} LIMIT ${range[1] - range[0] + 1}`, params)) as InspectionRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM inspection i ${w}`, params)) as { n: number }[];
    return { rows, total: n };
  }

  /** Routine visits per outlet planned in [first, last] (any status), for the plan generator. */
  async plannedCounts(first: string, last: string, outletIds: string[]): Promise<Map<string, number>> {
    const rows = (await this.ds.query(
      `SELECT outlet_id, count(*)::int AS n FROM inspection WHERE kind = 'routine' AND planned_date BETWEEN $1 AND $2 AND outlet_id = ANY($3::uuid[]) GROUP BY outlet_id`,
      [first, last, outletIds],
    )) as { outlet_id: string; n: number }[];
    return new Map(rows.map((r) => [r.outlet_id, r.n]));
  }
}
