import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@xb/contracts';
import type { AckRateLine, AcknowledgementTask, AckRates } from '@xb/contracts/policies';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Acknowledgement rates of a document in ONE set-based statement (`$1` document, `$2` the
 * current version's acknowledgement basis, `$3` how many unread to list):
 *  - `units`: the audience units, i.e. the live (not deleted) units in the subtree of one of
 *    the document's audience units (DISTINCT: overlapping audience units count a member once);
 *  - `m`: one narrow row per audience member (active user of such a unit holding one of the
 *    audience roles, or any role when none is named) with whether they acknowledged the basis.
 *    The basis's acknowledgements are read once and hash-joined: `OFFSET 0` keeps the planner
 *    from probing the (basis, user) index once per member, which it otherwise does because
 *    it guesses the LIKE-joined audience ~30x too small;
 *  - `leaf`: counts per member unit; `lines`: each leaf's counts added to every unit on its
 *    path (itself and each unit above it), so units are rolled up from ~100 leaf rows rather
 *    than from one row per member and ancestor.
 * Totals and the first unread come from the same member rows, so they always agree.
 */
const RATES = `
  WITH units AS MATERIALIZED (
         SELECT DISTINCT u.id, u.path
           FROM policy_document d
           JOIN directory_org_unit a ON a.id = ANY(d.audience_unit_ids) AND NOT a.deleted
           JOIN directory_org_unit u ON NOT u.deleted AND u.path LIKE a.path || '%'
          WHERE d.id = $1),
       m AS MATERIALIZED (
         SELECT p.id, p.org_unit_id, k.user_id IS NOT NULL AS acked, COALESCE(k.late, false) AS late
           FROM policy_document d, units
           JOIN directory_user p ON p.org_unit_id = units.id AND NOT p.deleted AND p.active
           LEFT JOIN (SELECT user_id, late FROM policy_ack WHERE basis_id = $2 OFFSET 0) k ON k.user_id = p.id
          WHERE d.id = $1 AND (cardinality(d.audience_roles) = 0 OR p.roles && d.audience_roles)),
       leaf AS (
         SELECT m.org_unit_id, count(*)::int AS n, count(*) FILTER (WHERE m.acked)::int AS a, count(*) FILTER (WHERE m.late)::int AS l
           FROM m GROUP BY m.org_unit_id),
       up AS (
         SELECT unnest(string_to_array(trim(both '/' from units.path), '/'))::uuid AS unit_id, leaf.n, leaf.a, leaf.l
           FROM leaf JOIN units ON units.id = leaf.org_unit_id),
       lines AS (
         SELECT u.id AS "orgUnitId", u.code, u.name, u.path, u.depth::int AS depth,
                sum(up.n)::int AS audience, sum(up.a)::int AS acknowledged, sum(up.l)::int AS late
           FROM up JOIN directory_org_unit u ON u.id = up.unit_id GROUP BY u.id)
  SELECT (SELECT COALESCE(sum(n), 0)::int FROM leaf) AS audience,
         (SELECT COALESCE(sum(a), 0)::int FROM leaf) AS acknowledged,
         (SELECT COALESCE(json_agg(lines ORDER BY lines.path), '[]') FROM lines) AS units,
         (SELECT COALESCE(json_agg(x), '[]') FROM (
            SELECT p.id AS "userId", p.username, p.display_name AS "displayName", p.org_unit_id AS "orgUnitId", u.name AS "orgUnitName"
              FROM m JOIN directory_user p ON p.id = m.id JOIN directory_org_unit u ON u.id = m.org_unit_id
             WHERE NOT m.acked ORDER BY u.path, p.username LIMIT $3) x) AS unread`;

/** All SQL of acknowledgements 阅知确认. */
@Injectable()
export class AcknowledgementsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Records the acknowledgement unless the user already has one for this basis; returns the one that stands and whether it is new. */
  async record(
    m: EntityManager,
    a: { id: string; documentId: string; versionId: string; basisId: string; userId: string; contentHash: string; at: Date; late: boolean },
  ): Promise<{ id: string; version_id: string; content_hash: string; at: Date; late: boolean; created: boolean }> {
    const inserted = (await m.query(
      `INSERT INTO policy_ack (id, document_id, version_id, basis_id, user_id, content_hash, at, late) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (basis_id, user_id) DO NOTHING RETURNING id, version_id, content_hash, at, late`,
      [a.id, a.documentId, a.versionId, a.basisId, a.userId, a.contentHash, a.at, a.late],
    )) as { id: string; version_id: string; content_hash: string; at: Date; late: boolean }[];
    if (inserted.length) return { ...inserted[0], created: true };
    const [existing] = (await m.query(`SELECT id, version_id, content_hash, at, late FROM policy_ack WHERE basis_id = $1 AND user_id = $2`, [a.basisId, a.userId])) as {
      id: string;
      version_id: string;
      content_hash: string;
      at: Date;
      late: boolean;
    }[];
    return { ...existing, created: false };
  }

  async acknowledged(basisId: string, userId: string): Promise<boolean> {
    const rows = (await this.ds.query(`SELECT 1 FROM policy_ack WHERE basis_id = $1 AND user_id = $2`, [basisId, userId])) as unknown[];
    return rows.length > 0;
  }

  /**
   * My reading list: the published version of every document that needs acknowledging, whose
   * audience holds me now, and that I have not acknowledged (this version or an earlier one
   * of the same basis). Joining the audience later asks only for the current version; leaving
   * it drops the task — both because the list is computed, never stored.
   */
  async tasks(userId: string, userOrgPath: string, roles: Role[]): Promise<AcknowledgementTask[]> {
    const rows = (await this.ds.query(
      `SELECT d.id AS "documentId", d.code AS "documentCode", d.title AS "documentTitle", v.id AS "versionId", v.number AS "versionNumber",
              v.content_hash AS "contentHash", v.effective_from AS "publishedAt",
              b.effective_from + make_interval(days => d.ack_within_days) AS "dueAt"
         FROM policy_document d
         JOIN policy_version v ON v.id = d.current_version_id AND v.status = 'published'
         JOIN policy_version b ON b.id = v.ack_basis_id
        WHERE d.requires_ack
          AND EXISTS (SELECT 1 FROM directory_org_unit a WHERE a.id = ANY(d.audience_unit_ids) AND NOT a.deleted AND $1 LIKE a.path || '%')
          AND (cardinality(d.audience_roles) = 0 OR d.audience_roles && $2::text[])
          AND NOT EXISTS (SELECT 1 FROM policy_ack k WHERE k.basis_id = v.ack_basis_id AND k.user_id = $3)
        ORDER BY "dueAt", d.code`,
      [userOrgPath, roles, userId],
    )) as (Omit<AcknowledgementTask, 'publishedAt' | 'dueAt' | 'overdue'> & { publishedAt: Date; dueAt: Date })[];
    const now = Date.now();
    return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString(), dueAt: r.dueAt.toISOString(), overdue: r.dueAt.getTime() < now }));
  }

  /**
   * Rates per org unit rolled up the tree, live: every audience member counts in their unit
   * and in each unit above it; acknowledged means an acknowledgement of the current version's
   * basis. Units outside the audience's tree (other than the ancestors of its units) do not
   * appear. One statement (see RATES); no basis yet means nobody has acknowledged.
   */
  async rates(documentId: string, basisId: string | null, unreadLimit = 500): Promise<Omit<AckRates, 'documentId' | 'versionId'>> {
    const [row] = (await this.ds.query(RATES, [documentId, basisId, unreadLimit])) as {
      audience: number;
      acknowledged: number;
      units: Omit<AckRateLine, 'rate'>[];
      unread: AckRates['unread'];
    }[];
    const rate = (a: number, n: number) => (n === 0 ? 1 : Math.round((a / n) * 10000) / 10000);
    return {
      audience: row.audience,
      acknowledged: row.acknowledged,
      rate: rate(row.acknowledged, row.audience),
      units: row.units.map((l) => ({ ...l, rate: rate(l.acknowledged, l.audience) })),
      unread: row.unread,
    };
  }
}
