import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { audienceSql } from '../common/sql.js';
import { parseMarkLine } from '../statistics/mark-line.js';

export interface AudienceUser {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgPath: string;
}

/** The read side of results: the mark matrix for item analysis, audiences, names. */
@Injectable()
export class ResultsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The marks of these attempts as a matrix: one column per question (ordered by id), one
   * row per attempt, null where the attempt did not draw the question. Sent compactly (one
   * text per attempt) so 20,000 × 100 marks cross the wire in well under a second.
   */
  async markMatrix(attemptIds: string[]): Promise<{ questionIds: string[]; maxMarks: number[]; rows: Map<string, (number | null)[]> }> {
    if (!attemptIds.length) return { questionIds: [], maxMarks: [], rows: new Map() };
    const cols = (await this.ds.query(
      `SELECT question_id, max(points)::float8 AS points FROM attempt_item WHERE attempt_id = ANY($1::uuid[]) AND outcome IS DISTINCT FROM 'void' GROUP BY question_id ORDER BY question_id`,
      [attemptIds],
    )) as { question_id: string; points: number }[];
    // The marks are read in two halves on two connections at once (from 50 attempts, so the service tests take this path): building the
    // lines is CPU-bound in PostgreSQL (2,000,000 items of 20,000 attempts: 1.5 s in one, 0.9 s in two). Each half groups its attempts
    // in a hash table of about 13 MB per 10,000 attempts of 100 items; with the default work_mem (4 MB) it spilled to disk in 33
    // batches, so the transaction allows 64 MB (0.9 s → 0.7 s for the two halves of 20,000 × 100).
    const halves = attemptIds.length >= 50 ? [attemptIds.slice(0, attemptIds.length >> 1), attemptIds.slice(attemptIds.length >> 1)] : [attemptIds];
    const lines = (
      await Promise.all(
        halves.map((ids) =>
          this.ds.transaction(async (m) => {
            await m.query(`SET LOCAL work_mem = '64MB'`);
            return (await m.query(
              `WITH cols AS (SELECT question_id, (row_number() OVER (ORDER BY question_id) - 1)::int AS col FROM unnest($2::uuid[]) AS question_id)
               SELECT i.attempt_id AS id, string_agg(c.col || ':' || COALESCE(i.score, 0), ',') AS marks
                 FROM attempt_item i JOIN cols c ON c.question_id = i.question_id
                WHERE i.attempt_id = ANY($1::uuid[]) GROUP BY i.attempt_id`,
              [ids, cols.map((c) => c.question_id)],
            )) as { id: string; marks: string }[];
          }),
        ),
      )
    ).flat();
    const rows = new Map<string, (number | null)[]>();
    for (const line of lines) rows.set(line.id, parseMarkLine(line.marks, cols.length));
    return { questionIds: cols.map((c) => c.question_id), maxMarks: cols.map((c) => c.points), rows };
  }

  /** Stems of questions (their current versions). */
  async stems(ids: string[]): Promise<Map<string, string>> {
    const rows = (await this.ds.query(`SELECT id, stem FROM question WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; stem: string }[];
    return new Map(rows.map((r) => [r.id, r.stem]));
  }

  /** Active users in an audience (units with subtrees, roles; empty = all) within a scope. */
  async audience(unitIds: string[], roles: string[], scope: string): Promise<AudienceUser[]> {
    return (await this.ds.query(
      `SELECT p.id, p.username, p.display_name AS "displayName", p.org_unit_id AS "orgUnitId", u.path AS "orgPath"
         ${audienceSql('$1::uuid[]', '$2::text[]', '$3')}`,
      [unitIds, roles, scope],
    )) as AudienceUser[];
  }

  async units(scope: string): Promise<{ id: string; name: string; path: string; depth: number }[]> {
    return (await this.ds.query(`SELECT id, name, path, depth FROM directory_org_unit WHERE NOT deleted AND path LIKE $1 || '%' ORDER BY path`, [scope])) as {
      id: string;
      name: string;
      path: string;
      depth: number;
    }[];
  }

  async names(userIds: string[]): Promise<Map<string, string>> {
    const rows = (await this.ds.query(`SELECT id, display_name FROM directory_user WHERE id = ANY($1::uuid[])`, [userIds])) as { id: string; display_name: string }[];
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async unitNames(ids: string[]): Promise<Map<string, string>> {
    const rows = (await this.ds.query(`SELECT id, name FROM directory_org_unit WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
