import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, ListResult } from '@xb/contracts';
import {
  CreatePolicyDocumentDto,
  CreatePolicyVersionDto,
  FindingDto,
  POLICIES_EVENTS,
  POLICY_DOCUMENT_LIST,
  POLICY_VERSION_LIST,
  ReviewedNoChangeDto,
  ReviewVersionDto,
  UpdatePolicyDocumentDto,
  UpdatePolicyVersionDto,
  type PolicyDiffView,
  type PolicyDocumentView,
  type PolicyVersionView,
  type ReviewBoardLine,
  type VersionHistoryEntry,
} from '@xb/contracts/policies';
import { appendEvent, asList, badRequest, conflict, forbidden, listQueryOf, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { IsDateString, IsOptional, IsUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { diffPolicyVersions } from '../diff/article-diff.js';
import { AcknowledgementsRepository } from './acknowledgements.repository.js';
import { assertPermitted, isOverseer } from './policy-access.js';
import { PoliciesRepository, type DocumentRow, type VersionRow } from './policies.repository.js';
import { availableVersionActions, fullySignedOff, inAudience, requirementFor, signOffProgress, versionHash } from './version-rules.js';

export class IdInput {
  @IsUUID()
  id: string;
}
export class DiffInput extends IdInput {
  @IsUUID()
  against: string;
}
export class InForceInput extends IdInput {
  @IsDateString()
  at: string;
}
export class PublishInput extends IdInput {
  /** Publish at this instant (the scheduler passes the effective date); default now. */
  @IsOptional()
  @IsDateString()
  at?: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Documents and their immutable versions: the state machine, review and sign-off, publication, diff, in-force. */
@Injectable()
export class PoliciesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: PoliciesRepository,
    private readonly acks: AcknowledgementsRepository,
    private readonly relay: OutboxRelay,
  ) {}

  // ---- documents ----

  async createDocument(actor: Actor, data: unknown): Promise<PolicyDocumentView> {
    assertPermitted(actor, 'policy-documents', 'create');
    const dto = await validateDto(CreatePolicyDocumentDto, data);
    const owner = await this.repo.unit(dto.ownerUnitId);
    if (!owner) throw badRequest('Validation failed', [{ field: 'ownerUnitId', message: 'unknown org unit' }]);
    for (const id of dto.audienceUnitIds) {
      if (!(await this.repo.unit(id))) throw badRequest('Validation failed', [{ field: 'audienceUnitIds', message: `unknown org unit ${id}` }]);
    }
    if (dto.kind === 'emergency_plan' && !dto.planBusinessType) throw badRequest('Validation failed', [{ field: 'planBusinessType', message: 'an emergency plan names its business type' }]);
    const id = randomUUID();
    await this.ds.transaction(async (m) => {
      if ((await m.query(`SELECT 1 FROM policy_document WHERE code = $1`, [dto.code])).length) throw conflict(`A document with code ${dto.code} exists`);
      await this.repo.insertDocument(m, {
        id,
        code: dto.code,
        title: dto.title,
        kind: dto.kind,
        owner_unit_id: dto.ownerUnitId,
        business_line: dto.businessLine ?? null,
        review_cycle_months: dto.reviewCycleMonths,
        requires_ack: dto.requiresAcknowledgement,
        ack_within_days: dto.acknowledgeWithinDays ?? 14,
        audience_unit_ids: dto.audienceUnitIds,
        audience_roles: dto.audienceRoles ?? [],
        approval_rule: dto.approvalRule.map((r) => ({ role: r.role, count: r.count, ...(r.ownerDepartment ? { ownerDepartment: true } : {}) })),
        plan_business_type: dto.planBusinessType ?? null,
        drill_cycle_months: dto.kind === 'emergency_plan' ? (dto.drillCycleMonths ?? 12) : null,
        created_by: actor.id,
      });
    });
    return this.documentView((await this.repo.document(id))!);
  }

  async updateDocument(actor: Actor, data: unknown): Promise<PolicyDocumentView> {
    assertPermitted(actor, 'policy-documents', 'edit');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(UpdatePolicyDocumentDto, { ...(data as object), id: undefined });
    const before = await this.repo.document(id);
    if (!before) throw notFound('Document');
    for (const u of dto.audienceUnitIds ?? []) {
      if (!(await this.repo.unit(u))) throw badRequest('Validation failed', [{ field: 'audienceUnitIds', message: `unknown org unit ${u}` }]);
    }
    const set: Record<string, unknown> = {};
    if (dto.title !== undefined) set.title = dto.title;
    if (dto.businessLine !== undefined) set.business_line = dto.businessLine;
    if (dto.reviewCycleMonths !== undefined) set.review_cycle_months = dto.reviewCycleMonths;
    if (dto.requiresAcknowledgement !== undefined) set.requires_ack = dto.requiresAcknowledgement;
    if (dto.audienceUnitIds !== undefined) set.audience_unit_ids = dto.audienceUnitIds;
    if (dto.audienceRoles !== undefined) set.audience_roles = dto.audienceRoles;
    if (dto.approvalRule !== undefined) set.approval_rule = JSON.stringify(dto.approvalRule);
    await this.ds.transaction(async (m) => {
      // Open tasks this change ends are cancelled with a record: all of them when the document
      // stops asking for acknowledgement, those of the people a narrower audience leaves out.
      await this.repo.lockDocument(m, id);
      const doc = (await this.repo.document(id, m))!;
      const current = doc.current_version_id ? await this.repo.version(doc.current_version_id, m) : undefined;
      if (doc.requires_ack && current?.status === 'published' && current.ack_basis_id) {
        if (dto.requiresAcknowledgement === false) await this.acks.cancelUnread(m, id, current.id, current.ack_basis_id, 'not_required');
        else if (dto.audienceUnitIds !== undefined || dto.audienceRoles !== undefined)
          await this.acks.cancelLeavers(m, id, current.id, current.ack_basis_id, dto.audienceUnitIds ?? doc.audience_unit_ids, dto.audienceRoles ?? doc.audience_roles);
      }
      await this.repo.updateDocument(m, id, set);
    });
    return this.documentView((await this.repo.document(id))!);
  }

  async getDocument(actor: Actor, data: unknown): Promise<PolicyDocumentView> {
    assertPermitted(actor, 'policy-documents', 'show');
    const { id } = await validateDto(IdInput, data);
    const doc = await this.repo.document(id);
    if (!doc || !this.mayRead(actor, doc)) throw notFound('Document');
    return this.documentView(doc);
  }

  async listDocuments(actor: Actor, query: unknown): Promise<ListResult<PolicyDocumentView>> {
    assertPermitted(actor, 'policy-documents', 'list');
    const { filter: f, range, sort } = listQueryOf(query, POLICY_DOCUMENT_LIST);
    const page = await this.repo.listDocuments(
      {
        kind: asList(f.kind),
        ownerUnitId: f.ownerUnitId,
        status: asList(f.status),
        reviewDue: f.reviewDue,
        q: f.q?.trim() || undefined,
        ids: asList(f.id),
        audience: isOverseer(actor) ? undefined : { orgPath: actor.orgPath, roles: actor.roles },
      },
      range,
      sort,
    );
    return { items: page.items.map((d) => this.documentView(d)), total: page.total };
  }

  async inForce(actor: Actor, data: unknown): Promise<PolicyVersionView | null> {
    assertPermitted(actor, 'policy-documents', 'show');
    const { id, at } = await validateDto(InForceInput, data);
    const doc = await this.repo.document(id);
    if (!doc || !this.mayRead(actor, doc)) throw notFound('Document');
    const v = await this.repo.inForce(id, new Date(at));
    if (!v) return null;
    if (!isOverseer(actor) && v.status !== 'published') return null;
    return this.versionView(actor, v, doc);
  }

  async reviewedNoChange(actor: Actor, data: unknown): Promise<PolicyDocumentView> {
    assertPermitted(actor, 'policy-documents', 'review');
    const { id } = await validateDto(IdInput, data);
    const { note } = await validateDto(ReviewedNoChangeDto, data);
    const doc = await this.repo.document(id);
    if (!doc) throw notFound('Document');
    if (!doc.current_version_id) throw conflict('Only a document in force is reviewed');
    const name = await this.repo.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      await this.repo.insertReviewRecord(m, { id: randomUUID(), documentId: id, reviewerId: actor.id, reviewerName: name, note });
      await this.repo.updateDocument(m, id, { last_reviewed_at: new Date() });
    });
    return this.documentView((await this.repo.document(id))!);
  }

  async reviewBoard(actor: Actor, data: unknown): Promise<ReviewBoardLine[]> {
    assertPermitted(actor, 'policy-review-board', 'list');
    const ownerUnitId = (data as { ownerUnitId?: unknown } | null)?.ownerUnitId;
    const unit = typeof ownerUnitId === 'string' && ownerUnitId ? (await validateDto(IdInput, { id: ownerUnitId })).id : undefined;
    const rows = await this.repo.reviewBoard(30, unit);
    const now = Date.now();
    return rows.map((d) => ({
      documentId: d.id,
      code: d.code,
      title: d.title,
      kind: d.kind,
      ownerUnitId: d.owner_unit_id,
      ownerUnitName: d.owner_unit_name,
      lastReviewedAt: iso(d.last_reviewed_at),
      reviewDueAt: d.review_due_at!.toISOString(),
      overdue: d.review_due_at!.getTime() < now,
      daysLeft: Math.floor((d.review_due_at!.getTime() - now) / 86_400_000),
    }));
  }

  // ---- versions ----

  async createVersion(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'create');
    const dto = await validateDto(CreatePolicyVersionDto, data);
    const doc = await this.repo.document(dto.documentId);
    if (!doc) throw badRequest('Validation failed', [{ field: 'documentId', message: 'unknown document' }]);
    if (doc.kind === 'emergency_plan' && !dto.plan) throw badRequest('Validation failed', [{ field: 'plan', message: 'an emergency plan version carries its structure' }]);
    const id = randomUUID();
    const attachments = dto.attachments ?? [];
    const plan = dto.plan ?? null;
    const name = await this.repo.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      await this.repo.lockDocument(m, doc.id);
      const open = (await m.query(`SELECT number, status FROM policy_version WHERE document_id = $1 AND status IN ('draft', 'in_review', 'approved')`, [doc.id])) as { number: number; status: string }[];
      if (open.length) throw conflict(`Version ${open[0].number} of this document is still ${open[0].status}`);
      await this.repo.insertVersion(m, {
        id,
        document_id: doc.id,
        content: dto.content,
        change_summary: dto.changeSummary,
        material: dto.material,
        attachments,
        plan,
        content_hash: versionHash(dto.content, attachments, plan),
        author_id: actor.id,
        author_name: name,
        effective_from: dto.effectiveFrom ? new Date(dto.effectiveFrom) : null,
      });
      const v = (await this.repo.version(id, m))!;
      await this.repo.history(m, id, 'created', name, v.content_hash);
    });
    return this.getVersionView(actor, id);
  }

  /** Only a draft is written to; after submit a version is immutable (409). */
  async updateVersion(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'edit');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(UpdatePolicyVersionDto, { ...(data as object), id: undefined });
    await this.ds.transaction(async (m) => {
      const v = await this.repo.version(id, m, true);
      if (!v) throw notFound('Version');
      if (v.status !== 'draft') throw conflict(`Version ${v.number} is ${v.status}: it can no longer change (make a new version)`);
      const content = dto.content ?? v.content;
      const attachments = dto.attachments ?? v.attachments;
      const plan = dto.plan ?? v.plan;
      await this.repo.updateVersion(m, id, {
        content,
        change_summary: dto.changeSummary ?? v.change_summary,
        material: dto.material ?? v.material,
        attachments: JSON.stringify(attachments),
        plan: plan ? JSON.stringify(plan) : null,
        effective_from: dto.effectiveFrom ? new Date(dto.effectiveFrom) : v.effective_from,
        content_hash: versionHash(content, attachments, plan),
      });
    });
    return this.getVersionView(actor, id);
  }

  async submit(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'submit');
    const { id } = await validateDto(IdInput, data);
    const name = await this.repo.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      const v = await this.repo.version(id, m, true);
      if (!v) throw notFound('Version');
      if (v.status !== 'draft') throw conflict(`Version ${v.number} is ${v.status}, not a draft`);
      await this.repo.updateVersion(m, id, { status: 'in_review', submitted_at: new Date() });
      await this.repo.history(m, id, 'submitted', name, v.content_hash);
    });
    return this.getVersionView(actor, id);
  }

  /**
   * A reviewer's verdict on a version in review, naming the hash they read: a different hash
   * (an older draft) is 409; the author is 403; approving fills one requirement of the
   * document's rule, and the last one needed approves the version. "Request changes" returns
   * it (the author makes a new version).
   */
  async review(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'sign-off');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(ReviewVersionDto, { ...(data as object), id: undefined });
    const name = await this.repo.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      const v = await this.repo.version(id, m, true);
      if (!v) throw notFound('Version');
      if (v.author_id === actor.id) throw forbidden('The author cannot review their own version');
      if (v.status !== 'in_review') throw conflict(`Version ${v.number} is ${v.status}, not in review`);
      if (dto.contentHash !== v.content_hash) throw conflict(`The sign-off names hash ${dto.contentHash.slice(0, 12)}…, but version ${v.number} is ${v.content_hash.slice(0, 12)}…`);
      const doc = (await this.repo.document(v.document_id, m))!;
      const reviews = await this.repo.reviews(id, m);
      if (reviews.some((r) => r.reviewer_id === actor.id && r.verdict !== 'finding')) throw conflict('You have already given your verdict on this version');
      const lines = signOffProgress(doc.approval_rule, this.givenOf(doc, reviews));
      const base = { id: randomUUID(), version_id: id, reviewer_id: actor.id, reviewer_name: name, content_hash: v.content_hash, article: dto.article ?? null, comment: dto.comment ?? null };
      if (dto.verdict === 'request_changes') {
        await this.repo.insertReview(m, { ...base, role: actor.roles.find((r) => r === 'admin' || r === 'auditor')!, verdict: 'request_changes' });
        await this.repo.updateVersion(m, id, { status: 'returned' });
        return;
      }
      const seat = requirementFor(actor, doc.owner_path, lines);
      if (!seat) throw conflict('No sign-off your role can give is still needed on this version');
      await this.repo.insertReview(m, { ...base, role: seat.role, verdict: 'approve' });
      const after = signOffProgress(doc.approval_rule, this.givenOf(doc, await this.repo.reviews(id, m)));
      if (fullySignedOff(after)) {
        await this.repo.updateVersion(m, id, { status: 'approved', approved_at: new Date() });
        await this.repo.history(m, id, 'approved', null, v.content_hash);
      }
    });
    return this.getVersionView(actor, id);
  }

  async finding(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'finding');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(FindingDto, { ...(data as object), id: undefined });
    const v = await this.repo.version(id);
    if (!v) throw notFound('Version');
    if (!['published', 'superseded', 'retired'].includes(v.status)) throw conflict('Findings are attached to versions that were in force');
    const name = await this.repo.nameOf(actor.id, actor.username);
    await this.ds.transaction((m) =>
      this.repo.insertReview(m, { id: randomUUID(), version_id: id, reviewer_id: actor.id, reviewer_name: name, role: 'auditor', verdict: 'finding', content_hash: v.content_hash, article: dto.article ?? null, comment: dto.text }),
    );
    return this.getVersionView(actor, id);
  }

  /**
   * Publishes an approved version: in one transaction, with the document row locked, the
   * published one (if any) becomes superseded at the same instant, so a document never has
   * zero or two published versions; a partial unique index backs that up. A version approved
   * with a future effective date is published by the scheduler on that date.
   */
  async publish(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'publish');
    const { id, at } = await validateDto(PublishInput, data);
    await this.publishNow(id, at ? new Date(at) : new Date(), await this.repo.nameOf(actor.id, actor.username), actor);
    return this.getVersionView(actor, id);
  }

  async publishNow(id: string, at: Date, actorName: string, actor?: Actor): Promise<void> {
    await this.ds.transaction(async (m) => {
      const first = await this.repo.version(id, m);
      if (!first) throw notFound('Version');
      await this.repo.lockDocument(m, first.document_id);
      const v = (await this.repo.version(id, m, true))!;
      if (v.status !== 'approved') throw conflict(`Version ${v.number} is ${v.status}, not approved`);
      if (v.effective_from && v.effective_from.getTime() > at.getTime()) throw conflict(`Version ${v.number} takes effect on ${v.effective_from.toISOString()}; it is published then`);
      const effective = v.effective_from ?? at;
      const previous = await this.repo.lastEffective(m, v.document_id);
      const current = await this.repo.publishedVersion(m, v.document_id);
      const basis = v.material || !previous?.ack_basis_id ? v.id : previous.ack_basis_id;
      if (current) {
        // A material successor asks again: the tasks still open for the one it replaces end here, with a record.
        const doc = (await this.repo.document(v.document_id, m))!;
        if (doc.requires_ack && current.ack_basis_id && current.ack_basis_id !== basis) await this.acks.cancelUnread(m, v.document_id, current.id, current.ack_basis_id, 'superseded');
        await this.repo.updateVersion(m, current.id, { status: 'superseded', effective_to: effective });
        await this.repo.history(m, current.id, 'superseded', actorName, current.content_hash, `by version ${v.number}`, at);
      }
      await this.repo.updateVersion(m, id, { status: 'published', effective_from: effective, ack_basis_id: basis });
      await this.repo.history(m, id, 'published', actorName, v.content_hash, null, at);
      await this.repo.updateDocument(m, v.document_id, { current_version_id: id, last_reviewed_at: effective });
      await this.event(m, POLICIES_EVENTS.versionPublished, v, actor, { documentId: v.document_id, number: v.number, contentHash: v.content_hash, material: v.material, supersedes: current?.id ?? null });
    });
    this.relay.kick();
  }

  async retire(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'retire');
    const { id } = await validateDto(IdInput, data);
    const name = await this.repo.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      const first = await this.repo.version(id, m);
      if (!first) throw notFound('Version');
      await this.repo.lockDocument(m, first.document_id);
      const v = (await this.repo.version(id, m, true))!;
      if (v.status !== 'published') throw conflict(`Version ${v.number} is ${v.status}, not published`);
      const doc = (await this.repo.document(v.document_id, m))!;
      if (doc.requires_ack && v.ack_basis_id) await this.acks.cancelUnread(m, v.document_id, v.id, v.ack_basis_id, 'retired');
      await this.repo.updateVersion(m, id, { status: 'retired', effective_to: new Date() });
      await this.repo.history(m, id, 'retired', name, v.content_hash);
      await this.repo.updateDocument(m, v.document_id, { current_version_id: null });
      await this.event(m, POLICIES_EVENTS.versionRetired, v, actor, { documentId: v.document_id, number: v.number });
    });
    this.relay.kick();
    return this.getVersionView(actor, id);
  }

  async getVersion(actor: Actor, data: unknown): Promise<PolicyVersionView> {
    assertPermitted(actor, 'policy-versions', 'show');
    const { id } = await validateDto(IdInput, data);
    return this.getVersionView(actor, id);
  }

  async listVersions(actor: Actor, query: unknown): Promise<ListResult<PolicyVersionView>> {
    assertPermitted(actor, 'policy-versions', 'list');
    const { filter: f, range, sort } = listQueryOf(query, POLICY_VERSION_LIST);
    const page = await this.repo.listVersions(
      { documentId: f.documentId, status: asList(f.status), ids: asList(f.id), audience: isOverseer(actor) ? undefined : { orgPath: actor.orgPath, roles: actor.roles } },
      range,
      sort,
    );
    const docs = new Map<string, DocumentRow>();
    const items: PolicyVersionView[] = [];
    for (const v of page.items) {
      if (!docs.has(v.document_id)) docs.set(v.document_id, (await this.repo.document(v.document_id))!);
      // The list leaves the content out (the page fetches one version at a time).
      items.push({ ...(await this.versionView(actor, v, docs.get(v.document_id)!)), content: '' });
    }
    return { items, total: page.total };
  }

  async history(actor: Actor, data: unknown): Promise<VersionHistoryEntry[]> {
    await this.getVersion(actor, data);
    const { id } = await validateDto(IdInput, data);
    return (await this.repo.historyOf(id)).map((h) => ({
      at: h.at.toISOString(),
      kind: h.kind as VersionHistoryEntry['kind'],
      actorName: h.actor_name,
      contentHash: h.content_hash,
      article: h.article,
      comment: h.comment,
    }));
  }

  /** Article-then-character diff of two versions of the same document (the older on the left). */
  async diff(actor: Actor, data: unknown): Promise<PolicyDiffView> {
    assertPermitted(actor, 'policy-versions', 'diff');
    const { id, against } = await validateDto(DiffInput, data);
    // Both read at once; the error reported is still the one of `against` first, as when read in turn.
    const read = await Promise.allSettled([this.readable(actor, against), this.readable(actor, id)]);
    const [a, b] = read.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    });
    if (a.document_id !== b.document_id) throw badRequest('Validation failed', [{ field: 'against', message: 'against must be a version of the same document' }]);
    const [left, right] = a.number <= b.number ? [a, b] : [b, a];
    return {
      left: { id: left.id, number: left.number, contentHash: left.content_hash },
      right: { id: right.id, number: right.number, contentHash: right.content_hash },
      diff: diffPolicyVersions(left.content, right.content),
    };
  }

  // ---- helpers ----

  private async readable(actor: Actor, id: string): Promise<VersionRow> {
    const v = await this.repo.version(id);
    if (!v) throw notFound('Version');
    if (!isOverseer(actor)) {
      const doc = await this.repo.document(v.document_id);
      if (v.status !== 'published' || !doc || !this.inAudience(actor, doc)) throw notFound('Version');
    }
    return v;
  }

  private async getVersionView(actor: Actor, id: string): Promise<PolicyVersionView> {
    const v = await this.readable(actor, id);
    return this.versionView(actor, v, (await this.repo.document(v.document_id))!);
  }

  private inAudience(actor: Actor, doc: DocumentRow): boolean {
    return inAudience(actor.orgPath, actor.roles, doc.audience_paths, doc.audience_roles);
  }

  private mayRead(actor: Actor, doc: DocumentRow): boolean {
    return isOverseer(actor) || (!!doc.current_version_id && this.inAudience(actor, doc));
  }

  private givenOf(doc: DocumentRow, reviews: { reviewer_id: string; role: string; verdict: string }[]) {
    const deptSeat = new Set(doc.approval_rule.filter((r) => r.ownerDepartment).map((r) => r.role));
    // A sign-off records the role it was given for; whether it filled the department seat is
    // recomputed in order (first ones fill the department seat up to its count).
    const taken = new Map<string, number>();
    return reviews
      .filter((r) => r.verdict === 'approve')
      .map((r) => {
        const role = r.role as DocumentRow['audience_roles'][number];
        const need = doc.approval_rule.find((q) => q.role === role && q.ownerDepartment)?.count ?? 0;
        const used = taken.get(role) ?? 0;
        const dept = deptSeat.has(role) && used < need;
        taken.set(role, used + 1);
        return { reviewerId: r.reviewer_id, role, ownerDepartment: dept };
      });
  }

  private async versionView(actor: Actor, v: VersionRow, doc: DocumentRow): Promise<PolicyVersionView> {
    const reviews = await this.repo.reviews(v.id);
    const lines = signOffProgress(doc.approval_rule, this.givenOf(doc, reviews));
    const audience = this.inAudience(actor, doc);
    const acknowledged = v.status === 'published' && v.ack_basis_id ? await this.acks.acknowledged(v.ack_basis_id, actor.id) : false;
    return {
      id: v.id,
      documentId: v.document_id,
      documentCode: doc.code,
      documentTitle: doc.title,
      kind: doc.kind,
      number: v.number,
      status: v.status,
      content: v.content,
      changeSummary: v.change_summary,
      material: v.material,
      attachments: v.attachments,
      contentHash: v.content_hash,
      plan: v.plan,
      authorId: v.author_id,
      authorName: v.author_name,
      createdAt: v.created_at.toISOString(),
      submittedAt: iso(v.submitted_at),
      approvedAt: iso(v.approved_at),
      effectiveFrom: iso(v.effective_from),
      effectiveTo: iso(v.effective_to),
      signOffs: lines,
      acknowledged,
      availableActions: availableVersionActions(actor, {
        status: v.status,
        authorId: v.author_id,
        requiresAck: doc.requires_ack,
        inAudience: audience,
        acknowledged,
        reviewed: reviews.some((r) => r.reviewer_id === actor.id && r.verdict !== 'finding'),
        canFillRequirement: !!requirementFor(actor, doc.owner_path, lines),
      }),
    };
  }

  documentView(d: DocumentRow): PolicyDocumentView {
    return {
      id: d.id,
      code: d.code,
      title: d.title,
      kind: d.kind,
      ownerUnitId: d.owner_unit_id,
      ownerUnitName: d.owner_unit_name,
      businessLine: d.business_line,
      reviewCycleMonths: d.review_cycle_months,
      requiresAcknowledgement: d.requires_ack,
      acknowledgeWithinDays: d.ack_within_days,
      audienceUnitIds: d.audience_unit_ids,
      audienceRoles: d.audience_roles,
      approvalRule: d.approval_rule,
      planBusinessType: d.plan_business_type,
      drillCycleMonths: d.drill_cycle_months,
      currentVersionId: d.current_version_id,
      currentVersionNumber: d.current_version_number,
      latestStatus: d.latest_status,
      lastReviewedAt: iso(d.last_reviewed_at),
      reviewDueAt: iso(d.review_due_at),
      reviewOverdue: !!d.review_due_at && d.review_due_at.getTime() < Date.now(),
      createdAt: d.created_at.toISOString(),
    };
  }

  private async event(m: EntityManager, name: string, v: VersionRow, actor: Actor | undefined, payload: Record<string, unknown>): Promise<void> {
    await appendEvent(m, {
      name,
      actor: actor ? { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId } : null,
      aggregateType: 'policy-version',
      aggregateId: v.id,
      orgPath: '/',
      payload,
    });
  }
}
