import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@xb/contracts';
import type { AckCancellationReason, AckRateLine, AcknowledgementTask, AckRates, CancelledAcknowledgement } from '@xb/contracts/policies';
import type { DirectoryPathChange } from '@xb/service-kit';
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

/**
 * The live audience members of document `$1` who have not acknowledged basis `$2`, as
 * cancellation rows (version `$3`, reason `$4`); `extra` narrows them further.
 */
const CANCEL_UNREAD = (extra = '') => `
  INSERT INTO policy_ack_cancellation (document_id, version_id, basis_id, user_id, username, display_name, org_unit_id, reason)
  SELECT DISTINCT ON (p.id) d.id, $3::uuid, $2::uuid, p.id, p.username, p.display_name, p.org_unit_id, $4
    FROM policy_document d
    JOIN directory_org_unit a ON a.id = ANY(d.audience_unit_ids) AND NOT a.deleted
    JOIN directory_org_unit u ON NOT u.deleted AND u.path LIKE a.path || '%'
    JOIN directory_user p ON p.org_unit_id = u.id AND NOT p.deleted AND p.active
   WHERE d.id = $1 AND (cardinality(d.audience_roles) = 0 OR p.roles && d.audience_roles)
     AND NOT EXISTS (SELECT 1 FROM policy_ack k WHERE k.basis_id = $2 AND k.user_id = p.id)${extra}`;

/**
 * After a unit moved (in the replica's transaction, paths already rewritten): users under
 * the new path who were in a document's audience with the old paths and are no longer, and
 * had not read its version in force. `old(x)` maps a path back to before the move.
 */
const CANCEL_MOVED = `
  WITH moved AS (
    SELECT p.id, p.username, p.display_name, p.org_unit_id, p.roles, u.path,
           CASE WHEN u.path LIKE $2 || '%' THEN $1 || substr(u.path, length($2) + 1) ELSE u.path END AS old_path
      FROM directory_user p JOIN directory_org_unit u ON u.id = p.org_unit_id AND NOT u.deleted
     WHERE u.path LIKE $2 || '%' AND p.active AND NOT p.deleted)
  INSERT INTO policy_ack_cancellation (document_id, version_id, basis_id, user_id, username, display_name, org_unit_id, reason)
  SELECT d.id, v.id, v.ack_basis_id, mv.id, mv.username, mv.display_name, mv.org_unit_id, 'left_audience'
    FROM moved mv
    JOIN policy_document d ON d.requires_ack AND (cardinality(d.audience_roles) = 0 OR mv.roles && d.audience_roles)
    JOIN policy_version v ON v.id = d.current_version_id AND v.status = 'published'
   WHERE EXISTS (SELECT 1 FROM directory_org_unit a WHERE a.id = ANY(d.audience_unit_ids) AND NOT a.deleted
                    AND mv.old_path LIKE (CASE WHEN a.path LIKE $2 || '%' THEN $1 || substr(a.path, length($2) + 1) ELSE a.path END) || '%')
     AND NOT EXISTS (SELECT 1 FROM directory_org_unit a WHERE a.id = ANY(d.audience_unit_ids) AND NOT a.deleted AND mv.path LIKE a.path || '%')
     AND NOT EXISTS (SELECT 1 FROM policy_ack k WHERE k.basis_id = v.ack_basis_id AND k.user_id = mv.id)`;

/** The replica's hook: a unit move that takes people out of an audience cancels their open tasks, with a record. */
export async function cancelTasksOfMovedUnit(m: EntityManager, change: DirectoryPathChange): Promise<void> {
  await m.query(CANCEL_MOVED, [change.oldPath, change.newPath]);
}

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

  /**
   * Cancels, with a record, the open tasks of everyone in the document's audience who has not
   * acknowledged `basisId` (reason `superseded`, `retired` or `not_required`); in the caller's
   * transaction, before the change that ends the task.
   */
  async cancelUnread(m: EntityManager, documentId: string, versionId: string, basisId: string, reason: AckCancellationReason): Promise<void> {
    await m.query(CANCEL_UNREAD(), [documentId, basisId, versionId, reason]);
  }

  /** Before the document's audience becomes (`units`, `roles`): cancels the open tasks of those it leaves out. */
  async cancelLeavers(m: EntityManager, documentId: string, versionId: string, basisId: string, units: string[], roles: string[]): Promise<void> {
    await m.query(CANCEL_UNREAD(' AND NOT policy_in_audience($5::uuid[], $6::text[], p.org_unit_id, p.roles, true)'), [documentId, basisId, versionId, 'left_audience', units, roles]);
  }

  /** The cancelled tasks of a version, newest first (the first `limit`) and how many in all. */
  async cancellations(versionId: string, limit = 500): Promise<{ total: number; items: CancelledAcknowledgement[] }> {
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM policy_ack_cancellation WHERE version_id = $1`, [versionId])) as { total: number }[];
    const rows = (await this.ds.query(
      `SELECT c.id, c.version_id AS "versionId", c.user_id AS "userId", c.username, c.display_name AS "displayName", c.org_unit_id AS "orgUnitId", u.name AS "orgUnitName", c.reason, c.at
         FROM policy_ack_cancellation c LEFT JOIN directory_org_unit u ON u.id = c.org_unit_id
        WHERE c.version_id = $1 ORDER BY c.at DESC, c.username LIMIT $2`,
      [versionId, limit],
    )) as (Omit<CancelledAcknowledgement, 'at'> & { at: Date })[];
    return { total, items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
  }
}
