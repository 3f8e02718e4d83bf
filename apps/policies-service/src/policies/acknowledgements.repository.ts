import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@xb/contracts';
import type { AckRateLine, AcknowledgementTask, AckRates } from '@xb/contracts/policies';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The audience of a document, live from the directory replica: active users whose unit lies
 * in the subtree of one of the audience units and who hold one of the audience roles (none
 * named: every role). `$1` is the document id.
 */
const AUDIENCE = `
  SELECT p.id, p.username, p.display_name, p.org_unit_id, u.path, u.name AS unit_name
    FROM policy_document d
    JOIN directory_org_unit a ON a.id = ANY(d.audience_unit_ids) AND NOT a.deleted
    JOIN directory_org_unit u ON NOT u.deleted AND u.path LIKE a.path || '%'
    JOIN directory_user p ON p.org_unit_id = u.id AND NOT p.deleted AND p.active
   WHERE d.id = $1 AND (cardinality(d.audience_roles) = 0 OR p.roles && d.audience_roles)`;

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
   * and in each unit above it (the unit ids of the member's path); acknowledged means an
   * acknowledgement of the current version's basis. Units outside the audience's tree do
   * not appear.
   */
  async rates(documentId: string, basisId: string | null, unreadLimit = 500): Promise<Omit<AckRates, 'documentId' | 'versionId'>> {
    const lines = (await this.ds.query(
      `WITH aud AS (${AUDIENCE}),
            m AS (SELECT aud.path, k.user_id IS NOT NULL AS acked, COALESCE(k.late, false) AS late
                    FROM aud LEFT JOIN policy_ack k ON k.basis_id = $2 AND k.user_id = aud.id),
            up AS (SELECT unnest(string_to_array(trim(both '/' from m.path), '/'))::uuid AS unit_id, m.acked, m.late FROM m)
       SELECT u.id AS "orgUnitId", u.code, u.name, u.path, u.depth::int AS depth,
              count(*)::int AS audience, count(*) FILTER (WHERE up.acked)::int AS acknowledged, count(*) FILTER (WHERE up.late)::int AS late
         FROM up JOIN directory_org_unit u ON u.id = up.unit_id
        GROUP BY u.id ORDER BY u.path`,
      [documentId, basisId],
    )) as Omit<AckRateLine, 'rate'>[];
    const unread = (await this.ds.query(
      `WITH aud AS (${AUDIENCE})
       SELECT aud.id AS "userId", aud.username, aud.display_name AS "displayName", aud.org_unit_id AS "orgUnitId", aud.unit_name AS "orgUnitName"
         FROM aud WHERE NOT EXISTS (SELECT 1 FROM policy_ack k WHERE k.basis_id = $2 AND k.user_id = aud.id)
        ORDER BY aud.path, aud.username LIMIT ${unreadLimit}`,
      [documentId, basisId],
    )) as AckRates['unread'];
    const [{ audience, acknowledged }] = (await this.ds.query(
      `WITH aud AS (${AUDIENCE})
       SELECT count(*)::int AS audience, count(k.user_id)::int AS acknowledged FROM aud LEFT JOIN policy_ack k ON k.basis_id = $2 AND k.user_id = aud.id`,
      [documentId, basisId],
    )) as { audience: number; acknowledged: number }[];
    const rate = (a: number, n: number) => (n === 0 ? 1 : Math.round((a / n) * 10000) / 10000);
    return { audience, acknowledged, rate: rate(acknowledged, audience), units: lines.map((l) => ({ ...l, rate: rate(l.acknowledged, l.audience) })), unread };
  }
}
