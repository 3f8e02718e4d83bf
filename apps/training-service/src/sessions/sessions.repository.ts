import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ListResult, SortOrder } from '@xb/contracts';
import type { SessionDto, SessionSortField } from '@xb/contracts/training';
import { likeContaining, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';

export interface SessionRow {
  id: string;
  title: string;
  trainer_id: string;
  trainer_name: string;
  org_unit_id: string;
  org_path: string;
  audience_unit_ids: string[];
  audience_roles: string[];
  starts_at: Date;
  ends_at: Date;
  venue: string | null;
  online: boolean;
  hours: string;
  check_in_code: string;
  created_at: Date;
  attendees: number;
}

const SELECT = `SELECT s.*, (SELECT count(*)::int FROM session_attendance a WHERE a.session_id = s.id) AS attendees FROM training_session s`;
const SORTS: Record<SessionSortField, string> = { id: 's.id', startsAt: 's.starts_at', title: 's.title' };

/** All SQL of training sessions, attendance and the hours ledger. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(m: EntityManager, s: { id: string; dto: SessionDto; trainer: { id: string; name: string }; unit: { id: string; path: string }; code: string; by: string }): Promise<void> {
    await m.query(
      `INSERT INTO training_session (id, title, trainer_id, trainer_name, org_unit_id, org_path, audience_unit_ids, audience_roles, starts_at, ends_at, venue, online, hours, check_in_code, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [s.id, s.dto.title, s.trainer.id, s.trainer.name, s.unit.id, s.unit.path, s.dto.audienceUnitIds, s.dto.audienceRoles, s.dto.startsAt, s.dto.endsAt, s.dto.venue ?? null, s.dto.online, s.dto.hours, s.code, s.by],
    );
  }

  async get(id: string): Promise<SessionRow | undefined> {
    const [row] = (await this.ds.query(`${SELECT} WHERE s.id = $1`, [id])) as SessionRow[];
    return row;
  }

  async list(scope: string, k: { q?: string; id?: string[] }, [start, end]: [number, number], sort: [string, SortOrder]): Promise<ListResult<SessionRow>> {
    const params: unknown[] = [scope];
    const where = [`s.org_path LIKE $1 || '%'`];
    if (k.q) {
      params.push(likeContaining(k.q));
      where.push(`s.title ILIKE $${params.length}`);
    }
    if (k.id?.length) {
      params.push(k.id);
      where.push(`s.id = ANY($${params.length}::uuid[])`);
    }
    const w = `WHERE ${where.join(' AND ')}`;
    const [column, direction] = orderByOf(SORTS, sort);
    const [items, [{ total }]] = await Promise.all([
      this.ds.query(`${SELECT} ${w} ORDER BY ${column} ${direction}, s.id ${direction} OFFSET ${start} LIMIT ${end - start + 1}`, params) as Promise<SessionRow[]>,
      this.ds.query(`SELECT count(*)::int AS total FROM training_session s ${w}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  /** Records attendance; a person already recorded for the session is left as is (hours credited once). Returns those newly recorded. */
  async attend(m: EntityManager, sessionId: string, people: { id: string; username: string; orgUnitId: string; orgPath: string }[], method: 'code' | 'trainer', hours: number, by: string): Promise<string[]> {
    const rows = (await m.query(
      `INSERT INTO session_attendance (session_id, user_id, username, org_unit_id, org_path, method, hours, recorded_by)
       SELECT $1, r.id, r.username, r.org_unit_id, r.org_path, $3, $4, $5 FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, username text, org_unit_id uuid, org_path text)
       ON CONFLICT (session_id, user_id) DO NOTHING RETURNING user_id`,
      [sessionId, JSON.stringify(people.map((p) => ({ id: p.id, username: p.username, org_unit_id: p.orgUnitId, org_path: p.orgPath }))), method, hours, by],
    )) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }

  async attendedBy(userId: string): Promise<Set<string>> {
    const rows = (await this.ds.query(`SELECT session_id FROM session_attendance WHERE user_id = $1`, [userId])) as { session_id: string }[];
    return new Set(rows.map((r) => r.session_id));
  }

  async all(): Promise<SessionRow[]> {
    return (await this.ds.query(`${SELECT} ORDER BY s.starts_at DESC`)) as SessionRow[];
  }

  /** Hours per person (or per unit, rolled up) of a year, for attendance within a scope. */
  async hours(scope: string, year: number, by: 'person' | 'unit'): Promise<{ id: string; name: string; orgUnitId?: string; sessions: number; hours: number }[]> {
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    if (by === 'person') {
      return (await this.ds.query(
        `SELECT a.user_id AS id, COALESCE(p.display_name, a.username) AS name, a.org_unit_id AS "orgUnitId", count(*)::int AS sessions, sum(a.hours)::float8 AS hours
           FROM session_attendance a JOIN training_session s ON s.id = a.session_id LEFT JOIN directory_user p ON p.id = a.user_id
          WHERE a.org_path LIKE $1 || '%' AND s.starts_at >= $2 AND s.starts_at < $3
          GROUP BY a.user_id, p.display_name, a.username, a.org_unit_id ORDER BY hours DESC, name`,
        [scope, from, to],
      )) as { id: string; name: string; orgUnitId: string; sessions: number; hours: number }[];
    }
    return (await this.ds.query(
      `SELECT u.id, u.name, count(a.*)::int AS sessions, COALESCE(sum(a.hours), 0)::float8 AS hours
         FROM directory_org_unit u
         LEFT JOIN session_attendance a ON a.org_path LIKE u.path || '%'
              AND EXISTS (SELECT 1 FROM training_session s WHERE s.id = a.session_id AND s.starts_at >= $2 AND s.starts_at < $3)
        WHERE NOT u.deleted AND u.path LIKE $1 || '%'
        GROUP BY u.id, u.name, u.path ORDER BY u.path`,
      [scope, from, to],
    )) as { id: string; name: string; sessions: number; hours: number }[];
  }

  async hoursOf(userId: string, year: number): Promise<number> {
    const [row] = (await this.ds.query(
      `SELECT COALESCE(sum(a.hours), 0)::float8 AS hours FROM session_attendance a JOIN training_session s ON s.id = a.session_id
        WHERE a.user_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3`,
      [userId, `${year}-01-01`, `${year + 1}-01-01`],
    )) as { hours: number }[];
    return row.hours;
  }
}
