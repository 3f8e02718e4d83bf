import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@xb/contracts';
import type { ApprovalRequirement, AttachmentDto, DocumentKind, PlanBusinessType, PlanStructureDto, PolicyDocumentSortField, PolicyVersionSortField, VersionStatus } from '@xb/contracts/policies';
import { likeContaining, orderByOf } from '@xb/service-kit';
import type { DataSource, EntityManager } from 'typeorm';

export interface DocumentRow {
  id: string;
  code: string;
  title: string;
  kind: DocumentKind;
  owner_unit_id: string;
  owner_unit_name: string | null;
  owner_path: string | null;
  business_line: string | null;
  review_cycle_months: number;
  requires_ack: boolean;
  ack_within_days: number;
  audience_unit_ids: string[];
  audience_paths: string[];
  audience_roles: Role[];
  approval_rule: ApprovalRequirement[];
  plan_business_type: PlanBusinessType | null;
  drill_cycle_months: number | null;
  current_version_id: string | null;
  current_version_number: number | null;
  latest_status: VersionStatus | null;
  last_reviewed_at: Date | null;
  review_due_at: Date | null;
  review_overdue_notified_for: Date | null;
  created_by: string;
  created_at: Date;
}

export interface VersionRow {
  id: string;
  document_id: string;
  number: number;
  status: VersionStatus;
  content: string;
  change_summary: string;
  material: boolean;
  attachments: AttachmentDto[];
  plan: PlanStructureDto | null;
  content_hash: string;
  author_id: string;
  author_name: string;
  created_at: Date;
  submitted_at: Date | null;
  approved_at: Date | null;
  effective_from: Date | null;
  effective_to: Date | null;
  ack_basis_id: string | null;
}

export interface ReviewRow {
  id: string;
  version_id: string;
  reviewer_id: string;
  reviewer_name: string;
  role: Role;
  verdict: 'approve' | 'request_changes' | 'finding';
  content_hash: string;
  article: string | null;
  comment: string | null;
  at: Date;
}

/** Documents with what the register shows: owner name/path, audience paths (live from the replica), current and newest version, review due date. */
const DOCUMENT_SELECT = `
  SELECT d.*, ou.name AS owner_unit_name, ou.path AS owner_path,
         COALESCE((SELECT array_agg(a.path) FROM directory_org_unit a WHERE a.id = ANY(d.audience_unit_ids) AND NOT a.deleted), '{}') AS audience_paths,
         cv.number AS current_version_number,
         (SELECT lv.status FROM policy_version lv WHERE lv.document_id = d.id ORDER BY lv.number DESC LIMIT 1) AS latest_status,
         CASE WHEN d.current_version_id IS NULL THEN NULL
              ELSE COALESCE(d.last_reviewed_at, d.created_at) + make_interval(months => d.review_cycle_months) END AS review_due_at
    FROM policy_document d
    LEFT JOIN directory_org_unit ou ON ou.id = d.owner_unit_id
    LEFT JOIN policy_version cv ON cv.id = d.current_version_id`;

const DOCUMENT_SORTS: Record<PolicyDocumentSortField | 'id', string> = {
  id: 'id',
  code: 'code',
  title: 'title',
  kind: 'kind',
  createdAt: 'created_at',
  reviewDueAt: 'review_due_at',
};
const VERSION_SORTS: Record<PolicyVersionSortField | 'id', string> = { id: 'v.id', number: 'v.number', createdAt: 'v.created_at', status: 'v.status' };

export interface DocumentCriteria {
  kind?: string[];
  ownerUnitId?: string;
  status?: string[];
  reviewDue?: boolean;
  q?: string;
  ids?: string[];
  /** Readers who are not overseers: only documents with a published version whose audience holds them. */
  audience?: { orgPath: string; roles: Role[] };
}

/** The audience test in SQL: `$path` within one of the document's audience units, and a role in its audience roles (none: everyone). */
const inAudienceSql = (doc: string, pathParam: string, rolesParam: string) =>
  `(EXISTS (SELECT 1 FROM directory_org_unit a WHERE a.id = ANY(${doc}.audience_unit_ids) AND NOT a.deleted AND ${pathParam} LIKE a.path || '%')
    AND (cardinality(${doc}.audience_roles) = 0 OR ${doc}.audience_roles && ${rolesParam}::text[]))`;

/** All SQL of documents, versions, reviews and history. */
@Injectable()
export class PoliciesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private q(m?: EntityManager) {
    return m ?? this.ds.manager;
  }

  async insertDocument(m: EntityManager, d: Omit<DocumentRow, 'owner_unit_name' | 'owner_path' | 'audience_paths' | 'current_version_id' | 'current_version_number' | 'latest_status' | 'last_reviewed_at' | 'review_due_at' | 'review_overdue_notified_for' | 'created_at'>): Promise<void> {
    await m.query(
      `INSERT INTO policy_document (id, code, title, kind, owner_unit_id, business_line, review_cycle_months, requires_ack, ack_within_days, audience_unit_ids, audience_roles, approval_rule, plan_business_type, drill_cycle_months, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [d.id, d.code, d.title, d.kind, d.owner_unit_id, d.business_line, d.review_cycle_months, d.requires_ack, d.ack_within_days, d.audience_unit_ids, d.audience_roles, JSON.stringify(d.approval_rule), d.plan_business_type, d.drill_cycle_months, d.created_by],
    );
  }

  async updateDocument(m: EntityManager, id: string, set: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(set);
    if (!cols.length) return;
    await m.query(`UPDATE policy_document SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...cols.map((c) => set[c])]);
  }

  async document(id: string, m?: EntityManager): Promise<DocumentRow | undefined> {
    const [row] = (await this.q(m).query(`${DOCUMENT_SELECT} WHERE d.id = $1`, [id])) as DocumentRow[];
    return row;
  }

  /** Locks the document row: every publish, retire and new version of one document runs one at a time. */
  async lockDocument(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT 1 FROM policy_document WHERE id = $1 FOR UPDATE`, [id]);
  }

  async listDocuments(k: DocumentCriteria, [start, end]: [number, number], sort: [string, 'ASC' | 'DESC']): Promise<{ items: DocumentRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (k.kind?.length) where.push(`kind = ANY(${p(k.kind)}::text[])`);
    if (k.ownerUnitId) where.push(`owner_unit_id = ${p(k.ownerUnitId)}`);
    if (k.status?.length) where.push(`latest_status = ANY(${p(k.status)}::text[])`);
    if (k.reviewDue) where.push(`review_due_at < now() + interval '30 days'`);
    if (k.q) where.push(`(code ILIKE ${p(likeContaining(k.q))} OR title ILIKE $${params.length})`);
    if (k.ids?.length) where.push(`id = ANY(${p(k.ids)}::uuid[])`);
    if (k.audience) where.push(`current_version_id IS NOT NULL AND ${inAudienceSql('x', p(k.audience.orgPath), p(k.audience.roles))}`);
    const [col, dir] = orderByOf(DOCUMENT_SORTS, sort);
    const base = `SELECT * FROM (${DOCUMENT_SELECT}) x ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const items = (await this.ds.query(`${base} ORDER BY ${col} ${dir} NULLS LAST, id ${dir} OFFSET ${start} LIMIT ${end - start + 1}`, params)) as DocumentRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM (${base}) c`, params)) as { n: number }[];
    return { items, total: n };
  }

  async insertVersion(m: EntityManager, v: Pick<VersionRow, 'id' | 'document_id' | 'content' | 'change_summary' | 'material' | 'attachments' | 'plan' | 'content_hash' | 'author_id' | 'author_name' | 'effective_from'>): Promise<void> {
    await m.query(
      `INSERT INTO policy_version (id, document_id, number, status, content, change_summary, material, attachments, plan, content_hash, author_id, author_name, effective_from)
       VALUES ($1, $2, (SELECT COALESCE(max(number), 0) + 1 FROM policy_version WHERE document_id = $2), 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [v.id, v.document_id, v.content, v.change_summary, v.material, JSON.stringify(v.attachments), v.plan ? JSON.stringify(v.plan) : null, v.content_hash, v.author_id, v.author_name, v.effective_from],
    );
  }

  async version(id: string, m?: EntityManager, lock = false): Promise<VersionRow | undefined> {
    const [row] = (await this.q(m).query(`SELECT * FROM policy_version WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as VersionRow[];
    return row;
  }

  async updateVersion(m: EntityManager, id: string, set: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(set);
    await m.query(`UPDATE policy_version SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...cols.map((c) => set[c])]);
  }

  async publishedVersion(m: EntityManager, documentId: string): Promise<VersionRow | undefined> {
    const [row] = (await m.query(`SELECT * FROM policy_version WHERE document_id = $1 AND status = 'published' FOR UPDATE`, [documentId])) as VersionRow[];
    return row;
  }

  /** The newest version that was ever in force (published, superseded or retired). */
  async lastEffective(m: EntityManager, documentId: string): Promise<VersionRow | undefined> {
    const [row] = (await m.query(`SELECT * FROM policy_version WHERE document_id = $1 AND effective_from IS NOT NULL AND status IN ('published', 'superseded', 'retired') ORDER BY effective_from DESC LIMIT 1`, [documentId])) as VersionRow[];
    return row;
  }

  async listVersions(
    k: { documentId?: string; status?: string[]; ids?: string[]; audience?: { orgPath: string; roles: Role[] } },
    [start, end]: [number, number],
    sort: [string, 'ASC' | 'DESC'],
  ): Promise<{ items: (VersionRow & { document_code: string; document_title: string; kind: DocumentKind })[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (k.documentId) where.push(`v.document_id = ${p(k.documentId)}`);
    if (k.status?.length) where.push(`v.status = ANY(${p(k.status)}::text[])`);
    if (k.ids?.length) where.push(`v.id = ANY(${p(k.ids)}::uuid[])`);
    if (k.audience) where.push(`v.status = 'published' AND ${inAudienceSql('d', p(k.audience.orgPath), p(k.audience.roles))}`);
    const from = `FROM policy_version v JOIN policy_document d ON d.id = v.document_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [col, dir] = orderByOf(VERSION_SORTS, sort);
    const items = (await this.ds.query(
      `SELECT v.*, d.code AS document_code, d.title AS document_title, d.kind ${from} ORDER BY ${col} ${dir}, v.id ${dir} OFFSET ${start} LIMIT ${end - start + 1}`,
      params,
    )) as (VersionRow & { document_code: string; document_title: string; kind: DocumentKind })[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n ${from}`, params)) as { n: number }[];
    return { items, total: n };
  }

  /** The version in force at `at`: took effect at or before it and not yet replaced or retired. */
  async inForce(documentId: string, at: Date): Promise<VersionRow | undefined> {
    const [row] = (await this.ds.query(
      `SELECT * FROM policy_version WHERE document_id = $1 AND status IN ('published', 'superseded', 'retired')
          AND effective_from <= $2 AND (effective_to IS NULL OR effective_to > $2)
        ORDER BY effective_from DESC LIMIT 1`,
      [documentId, at],
    )) as VersionRow[];
    return row;
  }

  async reviews(versionId: string, m?: EntityManager): Promise<ReviewRow[]> {
    return (await this.q(m).query(`SELECT * FROM policy_review WHERE version_id = $1 ORDER BY at, id`, [versionId])) as ReviewRow[];
  }

  async insertReview(m: EntityManager, r: Omit<ReviewRow, 'at'> & { at?: Date }): Promise<void> {
    await m.query(
      `INSERT INTO policy_review (id, version_id, reviewer_id, reviewer_name, role, verdict, content_hash, article, comment, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, clock_timestamp()))`,
      [r.id, r.version_id, r.reviewer_id, r.reviewer_name, r.role, r.verdict, r.content_hash, r.article, r.comment, r.at ?? null],
    );
  }

  async history(m: EntityManager, versionId: string, kind: string, actorName: string | null, hash: string | null, comment: string | null = null, at?: Date): Promise<void> {
    await m.query(`INSERT INTO policy_version_history (version_id, kind, actor_name, content_hash, comment, at) VALUES ($1, $2, $3, $4, $5, COALESCE($6, clock_timestamp()))`, [
      versionId,
      kind,
      actorName,
      hash,
      comment,
      at ?? null,
    ]);
  }

  async historyOf(versionId: string): Promise<{ at: Date; kind: string; actor_name: string | null; content_hash: string | null; article: string | null; comment: string | null }[]> {
    return this.ds.query(
      `SELECT at, kind, actor_name, content_hash, NULL::text AS article, comment FROM policy_version_history WHERE version_id = $1
       UNION ALL
       SELECT at, verdict, reviewer_name, content_hash, article, comment FROM policy_review WHERE version_id = $1
       ORDER BY at`,
      [versionId],
    );
  }

  /** The acting user's display name from the replica (the username when the replica does not know it yet). */
  async nameOf(userId: string, fallback: string): Promise<string> {
    const [row] = (await this.ds.query(`SELECT display_name FROM directory_user WHERE id = $1`, [userId])) as { display_name: string }[];
    return row?.display_name ?? fallback;
  }

  async unit(id: string): Promise<{ id: string; path: string; name: string } | undefined> {
    const [row] = (await this.ds.query(`SELECT id, path, name FROM directory_org_unit WHERE id = $1 AND NOT deleted`, [id])) as { id: string; path: string; name: string }[];
    return row;
  }

  async insertReviewRecord(m: EntityManager, r: { id: string; documentId: string; reviewerId: string; reviewerName: string; note: string }): Promise<void> {
    await m.query(`INSERT INTO policy_review_record (id, document_id, reviewer_id, reviewer_name, note) VALUES ($1, $2, $3, $4, $5)`, [r.id, r.documentId, r.reviewerId, r.reviewerName, r.note]);
  }

  /** Documents in force whose review falls due within `days` (or is overdue), soonest first. */
  async reviewBoard(days: number, ownerUnitId?: string): Promise<DocumentRow[]> {
    return (await this.ds.query(
      `SELECT * FROM (${DOCUMENT_SELECT}) x WHERE review_due_at IS NOT NULL AND review_due_at < now() + make_interval(days => $1) AND ($2::uuid IS NULL OR owner_unit_id = $2) ORDER BY review_due_at, id`,
      [days, ownerUnitId ?? null],
    )) as DocumentRow[];
  }

  /** Approved versions whose effective date has come: the scheduler publishes them. */
  async dueForPublication(): Promise<{ id: string }[]> {
    return this.ds.query(`SELECT id FROM policy_version WHERE status = 'approved' AND effective_from IS NOT NULL AND effective_from <= now() ORDER BY effective_from`);
  }

  /** Overdue reviews not yet announced for their current due date. */
  async overdueNotAnnounced(): Promise<DocumentRow[]> {
    return (await this.ds.query(
      `SELECT * FROM (${DOCUMENT_SELECT}) x WHERE review_due_at < now() AND (review_overdue_notified_for IS NULL OR review_overdue_notified_for <> review_due_at) ORDER BY review_due_at LIMIT 100`,
    )) as DocumentRow[];
  }
}
