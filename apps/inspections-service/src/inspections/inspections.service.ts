import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isWithinPath, mayDo, type Actor, type ListResult } from '@xb/contracts';
import {
  CreateInspectionDto,
  INSPECTION_ACTIONS,
  INSPECTION_LIST,
  INSPECTIONS_EVENTS,
  LogVisitDto,
  PlanQuarterDto,
  ReviewInspectionDto,
  SaveAnswersDto,
  SubmitInspectionDto,
  type InspectionAction,
  type InspectionView,
  type PlanResult,
} from '@xb/contracts/inspections';
import { appendEvent, asList, badRequest, conflict, DirectoryQueries, forbidden, listQueryOf, notFound, OutboxRelay, SERVICE_CONFIG, validateDto, type ReplicaOrgUnit } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { assertPermitted, inspectionScope, isUuid, seesUnreviewed } from '../common/access.js';
import { addDays, bankDay, isCalendarDay, quarterBounds, quarterOf } from '../common/dates.js';
import type { InspectionsConfig } from '../config/inspections.config.js';
import { RectificationsRepository } from '../rectifications/rectifications.repository.js';
import { scoreVisit, type VisitScore } from '../scoring/scoring.js';
import { ScoringInputError } from '../scoring/template.js';
import { TemplatesRepository } from '../templates/templates.repository.js';
import { canLeave, INSPECTION_WORKFLOW } from './inspection-workflow.js';
import { addToRollup } from '../analysis/rollup.js';
import { recordEvidence } from '../files/evidence-files.js';
import { InspectionsRepository, type InspectionRow, type StoredAnswer } from './inspections.repository.js';

const invalid = (field: string, message: string) => badRequest('Validation failed', [{ field, message }]);

/** Answers as sent: each checked for shape here, each value against its item by the scoring core. */
function storedAnswers(raw: unknown): StoredAnswer[] {
  if (!Array.isArray(raw)) throw invalid('answers', 'answers must be an array');
  return raw.map((a, i) => {
    const at = `answers[${i}]`;
    if (typeof a !== 'object' || a === null) throw invalid(at, 'must be an object');
    const { itemKey, value, note, fileIds } = a as Record<string, unknown>;
    if (typeof itemKey !== 'string' || !itemKey) throw invalid(`${at}.itemKey`, 'must be a non-empty string');
    if (!(value === 'pass' || value === 'fail' || value === 'na' || typeof value === 'number')) throw invalid(`${at}.value`, "must be 'pass', 'fail', 'na' or a number");
    if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 1000)) throw invalid(`${at}.note`, 'must be text of at most 1000 characters');
    if (fileIds !== undefined && (!Array.isArray(fileIds) || fileIds.length > 20 || !fileIds.every(isUuid))) throw invalid(`${at}.fileIds`, 'must be at most 20 file ids (UUIDs)');
    return { itemKey, value, note: (note as string | undefined) ?? null, fileIds: (fileIds as string[] | undefined) ?? [] };
  });
}

function scored(template: Parameters<typeof scoreVisit>[0], answers: StoredAnswer[]): VisitScore {
  try {
    return scoreVisit(
      template,
      answers.map((a) => ({ itemKey: a.itemKey, value: a.value, photos: a.fileIds.length })),
    );
  } catch (err) {
    if (err instanceof ScoringInputError) throw badRequest('Validation failed', err.problems);
    throw err;
  }
}

/**
 * Inspections 暗访检查: planned → in_progress → submitted → reviewed, or returned to the
 * inspector. Scores with the template version the visit keeps; a submit carries an
 * idempotency key so a retried upload never makes a second visit; accepting a visit opens a
 * rectification 整改 for every failed item.
 */
@Injectable()
export class InspectionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly inspections: InspectionsRepository,
    private readonly templates: TemplatesRepository,
    private readonly rectifications: RectificationsRepository,
    private readonly directory: DirectoryQueries,
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_CONFIG) private readonly config: InspectionsConfig,
  ) {}

  // ---- reading ----

  view(r: InspectionRow, actor: Actor, today = bankDay()): InspectionView {
    const anonymous = !seesUnreviewed(actor);
    let timeliness: InspectionView['timeliness'] = 'on_time';
    if ((r.status === 'planned' || r.status === 'in_progress') && r.planned_date < today) {
      timeliness = today > quarterBounds(quarterOf(r.planned_date)).last ? 'missed' : 'late';
    }
    return {
      id: r.id,
      outletId: r.outlet_id,
      outletName: r.outlet_name,
      outletPath: r.outlet_path,
      templateId: r.template_id,
      templateVersion: r.template_version,
      templateName: r.template_name,
      inspectorId: anonymous ? null : r.inspector_id,
      inspectorName: anonymous ? null : r.inspector_name,
      scenario: r.scenario,
      kind: r.kind,
      reinspectionOf: r.reinspection_of,
      itemKeys: r.item_keys,
      plannedDate: r.planned_date,
      visitDate: r.visit_date,
      quarter: r.visit_date ? quarterOf(r.visit_date) : null,
      status: r.status,
      timeliness,
      total: r.total === null ? null : Number(r.total),
      passed: r.passed,
      redLineFailed: r.red_line_failed,
      score: r.score,
      answers: r.answers,
      returnReason: r.return_reason,
      submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
      reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
      version: r.version,
      availableActions: INSPECTION_ACTIONS.filter((a) => this.allowed(actor, r, a)),
    };
  }

  private allowed(actor: Actor, r: InspectionRow, action: InspectionAction): boolean {
    if (!canLeave(action, r.status)) return false;
    if (!isWithinPath(r.outlet_path, inspectionScope(actor))) return false;
    if (INSPECTION_WORKFLOW[action].by === 'reviewer') return mayDo(actor.roles, 'inspections', 'review') && r.inspector_id !== actor.id;
    if (action === 'reinspect') return mayDo(actor.roles, 'inspections', 'reinspect');
    // Filling in a visit is the assigned inspector's (or an admin's) job.
    return mayDo(actor.roles, 'inspections', 'create') && (r.inspector_id === actor.id || actor.roles.includes('admin'));
  }

  private async visible(actor: Actor, id: unknown, m?: EntityManager, lock = false): Promise<InspectionRow> {
    if (!isUuid(id)) throw invalid('id', 'id must be a UUID');
    const row = await this.inspections.get(id, m, lock);
    // Outside scope, or not reviewed yet for the outlet's own staff: as if it did not exist.
    if (!row || !isWithinPath(row.outlet_path, inspectionScope(actor)) || (!seesUnreviewed(actor) && row.status !== 'reviewed')) throw notFound('Inspection');
    return row;
  }

  private assertAction(actor: Actor, r: InspectionRow, action: InspectionAction): void {
    if (!canLeave(action, r.status)) throw conflict(`Cannot ${action} an inspection that is ${r.status}`);
    if (!this.allowed(actor, r, action)) {
      if (INSPECTION_WORKFLOW[action].by === 'reviewer' && r.inspector_id === actor.id) throw forbidden('You may not review a visit you inspected yourself');
      throw forbidden(`You may not ${action} this inspection`);
    }
  }

  async get(actor: Actor, data: unknown): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'show');
    return this.view(await this.visible(actor, (data as { id?: unknown } | null)?.id), actor);
  }

  async list(actor: Actor, query: unknown): Promise<ListResult<InspectionView>> {
    assertPermitted(actor, 'inspections', 'list');
    const { filter: f, range, sort } = listQueryOf(query, INSPECTION_LIST);
    let statuses = asList(f.status);
    if (!seesUnreviewed(actor)) statuses = (statuses ?? ['reviewed']).filter((s) => s === 'reviewed');
    const bounds = f.quarter ? quarterBounds(f.quarter) : undefined;
    const { rows, total } = await this.inspections.list(
      {
        scope: inspectionScope(actor),
        ids: asList(f.id),
        statuses,
        outletId: f.outletId,
        quarterFrom: bounds?.first,
        quarterTo: bounds?.last,
        inspectorId: f.mine ? actor.id : undefined,
      },
      range,
      sort,
    );
    const today = bankDay();
    return { items: rows.map((r) => this.view(r, actor, today)), total };
  }

  // ---- planning ----

  /** An outlet in the actor's scope, from the directory replica; 400 naming `field` otherwise. */
  private async outletInScope(actor: Actor, outletId: string, field = 'outletId'): Promise<{ id: string; path: string; name: string }> {
    return this.outletCheck(actor, await this.directory.unitOrFetch(outletId), field);
  }

  private outletCheck(actor: Actor, unit: ReplicaOrgUnit | undefined, field = 'outletId'): { id: string; path: string; name: string } {
    if (!unit || unit.type !== 'outlet') throw invalid(field, `${field} must be an org unit of type outlet`);
    if (!isWithinPath(unit.path, inspectionScope(actor))) throw invalid(field, `${field} must be an outlet in your scope`);
    return { id: unit.id, path: unit.path, name: unit.name };
  }

  private async publishedTemplate(templateId: string, m?: EntityManager) {
    const t = await this.templates.get(templateId, m);
    if (!t || t.status !== 'published') throw invalid('templateId', 'templateId must be a published template version');
    return t;
  }

  private async inspectorOf(actor: Actor, inspectorId: string | undefined): Promise<string> {
    if (!inspectorId || inspectorId === actor.id) {
      if (!actor.roles.includes('inspector') && !actor.roles.includes('admin')) throw invalid('inspectorId', 'inspectorId must be an inspector');
      return actor.id;
    }
    const user = await this.directory.userOrFetch(inspectorId);
    if (!user || !user.active || !user.roles.includes('inspector')) throw invalid('inspectorId', 'inspectorId must be an active user with the inspector role');
    return user.id;
  }

  async create(actor: Actor, data: unknown): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'create');
    const dto = await validateDto(CreateInspectionDto, data);
    if (!isCalendarDay(dto.plannedDate)) throw invalid('plannedDate', 'plannedDate must be a calendar day');
    const outlet = await this.outletInScope(actor, dto.outletId);
    await this.publishedTemplate(dto.templateId);
    const inspectorId = await this.inspectorOf(actor, dto.inspectorId);
    const id = randomUUID();
    await this.ds.transaction((m) =>
      this.inspections.insert(m, {
        id,
        outletId: outlet.id,
        outletPath: outlet.path,
        templateId: dto.templateId,
        inspectorId,
        scenario: dto.scenario,
        kind: 'routine',
        reinspectionOf: null,
        itemKeys: [],
        plannedDate: dto.plannedDate,
        createdBy: actor.id,
      }),
    );
    return this.view((await this.inspections.get(id))!, actor);
  }

  /**
   * The quarterly plan 季度检查计划: each outlet in scope (or under `unitId`) gets visits up to N
   * in the quarter (those already planned count), the missing ones spread evenly over the
   * quarter's days left (from today on in the current quarter; a past quarter is a 400).
   * `dryRun` only proposes.
   */
  async plan(actor: Actor, data: unknown): Promise<PlanResult> {
    assertPermitted(actor, 'inspections', 'plan');
    const dto = await validateDto(PlanQuarterDto, data);
    await this.publishedTemplate(dto.templateId);
    const inspectorId = await this.inspectorOf(actor, dto.inspectorId);
    const n = dto.visitsPerOutlet ?? this.config.INSPECTION_VISITS_PER_QUARTER;
    const { first, last } = quarterBounds(dto.quarter);
    const today = bankDay();
    if (last < today) throw invalid('quarter', 'quarter must not lie in the past');
    // The visits still missing are spread over the days left: from today on in the current quarter.
    const start = first < today ? today : first;
    const days = Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000) + 1;
    let within = inspectionScope(actor);
    if (dto.unitId) {
      const unit = await this.directory.unitOrFetch(dto.unitId);
      if (!unit || !isWithinPath(unit.path, within)) throw invalid('unitId', 'unitId must be an org unit in your scope');
      within = unit.path;
    }
    const outlets = (await this.directory.unitsWithin(within)).filter((u) => u.type === 'outlet');
    const counts = await this.inspections.plannedCounts(first, last, outlets.map((o) => o.id));
    const proposed: PlanResult['proposed'] = [];
    for (const o of outlets) {
      const missing = n - (counts.get(o.id) ?? 0);
      for (let j = 0; j < missing; j++) proposed.push({ outletId: o.id, outletName: o.name, plannedDate: addDays(start, Math.floor(((j + 0.5) * days) / missing)) });
    }
    if (!dto.dryRun && proposed.length) {
      const paths = new Map(outlets.map((o) => [o.id, o.path]));
      await this.ds.transaction((m) =>
        this.inspections.insertMany(
          m,
          proposed.map((p) => ({
            id: randomUUID(),
            outletId: p.outletId,
            outletPath: paths.get(p.outletId)!,
            templateId: dto.templateId,
            inspectorId,
            scenario: '季度暗访',
            kind: 'routine' as const,
            reinspectionOf: null,
            itemKeys: [],
            plannedDate: p.plannedDate,
            createdBy: actor.id,
          })),
        ),
      );
    }
    const alreadyPlanned = [...counts.values()].reduce((a, b) => a + b, 0);
    return { quarter: dto.quarter, unitId: dto.unitId ?? null, visitsPerOutlet: n, outlets: outlets.length, alreadyPlanned, proposed, created: dto.dryRun ? 0 : proposed.length };
  }

  // ---- the visit ----

  async start(actor: Actor, data: unknown): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'create');
    const id = (data as { id?: unknown } | null)?.id;
    await this.ds.transaction(async (m) => {
      const r = await this.visible(actor, id, m, true);
      this.assertAction(actor, r, 'start');
      await this.inspections.setStatus(m, r.id, 'in_progress');
    });
    return this.view((await this.inspections.get(id as string))!, actor);
  }

  /** Saves answers so far (the running score is computed with unanswered items left out). */
  async saveAnswers(actor: Actor, data: unknown): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'create');
    const { id, ...rest } = (data ?? {}) as { id?: unknown };
    const dto = await validateDto(SaveAnswersDto, rest);
    const answers = storedAnswers(dto.answers);
    await this.ds.transaction(async (m) => {
      const r = await this.visible(actor, id, m, true);
      this.assertAction(actor, r, 'save');
      const template = (await this.templates.get(r.template_id, m))!;
      await this.inspections.saveAnswers(m, r.id, r.status === 'returned' ? 'returned' : 'in_progress', answers, scored(template.body, answers));
      await recordEvidence(m, 'inspection', r.id, answers.flatMap((a) => a.fileIds));
    });
    return this.view((await this.inspections.get(id as string))!, actor);
  }

  /**
   * Submits a visit. The idempotency key makes a retry harmless: the same key on the same
   * visit answers the visit as it is; a key already used by another visit is a conflict.
   */
  async submit(actor: Actor, data: unknown, envelopeKey?: string): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'create');
    const { id, ...rest } = (data ?? {}) as { id?: unknown };
    const dto = await validateDto(SubmitInspectionDto, { idempotencyKey: envelopeKey, ...rest });
    await this.ds.transaction(async (m) => {
      const r = await this.visible(actor, id, m, true);
      if (r.idempotency_key === dto.idempotencyKey && r.inspector_id === actor.id && !canLeave('submit', r.status)) return; // a retry
      await this.submitLocked(m, actor, r, dto);
    });
    this.relay.kick();
    return this.view((await this.inspections.get(id as string))!, actor);
  }

  private async submitLocked(m: EntityManager, actor: Actor, r: InspectionRow, dto: SubmitInspectionDto): Promise<void> {
    this.assertAction(actor, r, 'submit');
    const other = await this.inspections.idByIdempotencyKey(m, r.inspector_id, dto.idempotencyKey);
    if (other && other !== r.id) throw conflict('This idempotency key was already used for another visit');
    const template = (await this.templates.get(r.template_id, m))!;
    const { answers, score } = this.checkedSubmission(template.body, dto, r.kind === 'reinspection' ? r.item_keys : null);
    await this.inspections.submit(m, r.id, { answers, score, visitDate: dto.visitDate, idempotencyKey: dto.idempotencyKey });
    await recordEvidence(m, 'inspection', r.id, answers.flatMap((a) => a.fileIds));
    await appendEvent(m, this.submittedEvent(actor, r.id, r.outlet_id, r.outlet_path, r.template_version, score, dto.visitDate));
  }

  /**
   * The rules of a submit that need no database: the visit day, each answer's shape and value,
   * every item answered (a re-inspection: the items it re-checks), photos on failed photo items.
   */
  private checkedSubmission(template: Parameters<typeof scoreVisit>[0], dto: SubmitInspectionDto, reinspected: string[] | null): { answers: StoredAnswer[]; score: VisitScore } {
    if (!isCalendarDay(dto.visitDate)) throw invalid('visitDate', 'visitDate must be a calendar day');
    if (dto.visitDate > bankDay()) throw invalid('visitDate', 'visitDate may not lie in the future');
    const answers = storedAnswers(dto.answers);
    const score = scored(template, answers);
    // A re-inspection checks only the items still failing; a routine visit answers every item (N/A where allowed).
    const required = reinspected ? score.unansweredItems.filter((k) => reinspected.includes(k)) : score.unansweredItems;
    if (required.length) throw invalid('answers', `unanswered items: ${required.join(', ')}`);
    if (score.missingPhotos.length) throw invalid('answers', `failed items need a photo: ${score.missingPhotos.join(', ')}`);
    return { answers, score };
  }

  private submittedEvent(actor: Actor, id: string, outletId: string, outletPath: string, templateVersion: number, score: VisitScore, visitDate: string) {
    return {
      name: INSPECTIONS_EVENTS.inspectionSubmitted,
      actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
      aggregateType: 'inspection',
      aggregateId: id,
      orgPath: outletPath,
      payload: { outletId, total: score.total, passed: score.passed, redLineFailed: score.redLineFailed, visitDate, templateVersion },
    };
  }

  /**
   * An unplanned visit logged and submitted in one call — the upload an offline inspector
   * retries. The key finds the first upload; two retries racing meet at the unique index.
   * Round trips: the three reads it needs at once (an earlier upload with this key, the outlet,
   * the template version), then a transaction of one statement writing the visit with its
   * points and files and answering it, plus the outbox event. Scoring and every check that
   * needs no database run before the transaction opens.
   */
  async log(actor: Actor, data: unknown, envelopeKey?: string): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'log');
    const dto = await validateDto(LogVisitDto, { idempotencyKey: envelopeKey, ...((data ?? {}) as object) });
    const [existing, unit, template] = await Promise.all([
      this.inspections.idByIdempotencyKey(this.ds.manager, actor.id, dto.idempotencyKey),
      this.directory.unitOrFetch(dto.outletId),
      this.templates.get(dto.templateId),
    ]);
    if (existing) return this.view((await this.inspections.get(existing))!, actor);
    const outlet = this.outletCheck(actor, unit);
    if (!template || template.status !== 'published') throw invalid('templateId', 'templateId must be a published template version');
    if (!actor.roles.includes('inspector') && !actor.roles.includes('admin')) throw forbidden('Only an inspector logs a visit');
    const { answers, score } = this.checkedSubmission(template.body, dto, null);
    const id = randomUUID();
    const row = await this.ds.transaction(async (m) => {
      const stored = await this.inspections.insertSubmitted(
        m,
        { id, outletId: outlet.id, outletPath: outlet.path, templateId: template.id, inspectorId: actor.id, scenario: dto.scenario, createdBy: actor.id },
        { answers, score, visitDate: dto.visitDate, idempotencyKey: dto.idempotencyKey },
        answers.flatMap((a) => a.fileIds),
      );
      if (stored) await appendEvent(m, this.submittedEvent(actor, id, outlet.id, outlet.path, template.version, score, dto.visitDate));
      return stored;
    });
    if (!row) {
      // A retry raced the first upload with the same key and lost at the unique index: answer the first.
      const again = await this.inspections.idByIdempotencyKey(this.ds.manager, actor.id, dto.idempotencyKey);
      if (!again) throw conflict('This idempotency key is being used by another upload; retry');
      return this.view((await this.inspections.get(again))!, actor);
    }
    this.relay.kick();
    return this.view(row, actor);
  }

  // ---- review ----

  /** 审核: accept (opens a rectification per failed item) or return to the inspector with a reason. */
  async review(actor: Actor, data: unknown): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'review');
    const { id, ...rest } = (data ?? {}) as { id?: unknown };
    const dto = await validateDto(ReviewInspectionDto, rest);
    if (dto.decision === 'return' && !dto.reason?.trim()) throw invalid('reason', 'reason is required when returning a visit');
    const today = bankDay();
    await this.ds.transaction(async (m) => {
      const r = await this.visible(actor, id, m, true);
      this.assertAction(actor, r, dto.decision === 'accept' ? 'accept' : 'return');
      if (dto.decision === 'return') {
        await this.inspections.setStatus(m, r.id, 'returned', { returnReason: dto.reason!.trim() });
        return;
      }
      const score = r.score!;
      const template = (await this.templates.get(r.template_id, m))!;
      const items = new Map(template.body.items.map((i) => [i.key, i]));
      const failed = score.items.filter((i) => i.failed);
      for (const key of Object.keys(dto.owners ?? {})) if (!failed.some((f) => f.key === key)) throw invalid(`owners.${key}`, 'not a failed item of this visit');
      for (const key of Object.keys(dto.deadlines ?? {})) if (!failed.some((f) => f.key === key)) throw invalid(`deadlines.${key}`, 'not a failed item of this visit');
      await this.inspections.setStatus(m, r.id, 'reviewed', { reviewedBy: actor.id });
      const opened: { id: string; itemKey: string; ownerUnitId: string; ownerPath: string; deadline: string; redLine: boolean; reopens: string | null }[] = [];
      for (const f of failed) {
        let owner = { id: r.outlet_id, path: r.outlet_path };
        const chosen = dto.owners?.[f.key];
        if (chosen !== undefined) {
          const unit = isUuid(chosen) ? await this.directory.unit(chosen, { manager: m }) : undefined;
          if (!unit || !isWithinPath(unit.path, inspectionScope(actor))) throw invalid(`owners.${f.key}`, 'must be an org unit in your scope');
          owner = { id: unit.id, path: unit.path };
        }
        const asked = dto.deadlines?.[f.key];
        let deadline = addDays(today, f.redLine ? this.config.RED_LINE_FIX_DAYS : this.config.FIX_DAYS);
        const immediate = asked === 'immediate';
        if (immediate) deadline = today;
        else if (asked !== undefined) {
          if (typeof asked !== 'string' || !isCalendarDay(asked) || asked < today) throw invalid(`deadlines.${f.key}`, "must be 'immediate' or a day from today on (YYYY-MM-DD)");
          deadline = asked;
        }
        const item = items.get(f.key)!;
        const rid = randomUUID();
        const { reopens } = await this.rectifications.open(m, {
          id: rid,
          inspectionId: r.id,
          outletId: r.outlet_id,
          itemKey: f.key,
          itemText: item.text,
          dimensionKey: item.dimensionKey,
          redLine: item.redLine,
          ownerUnitId: owner.id,
          ownerPath: owner.path,
          deadline,
          immediate,
        });
        opened.push({ id: rid, itemKey: f.key, ownerUnitId: owner.id, ownerPath: owner.path, deadline, redLine: item.redLine, reopens });
      }
      // After the rectifications: the roll-up counts the ones this visit opened.
      await addToRollup(m, r.id);
      const who = { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId };
      await appendEvent(m, {
        name: INSPECTIONS_EVENTS.inspectionReviewed,
        actor: who,
        aggregateType: 'inspection',
        aggregateId: r.id,
        orgPath: r.outlet_path,
        payload: { outletId: r.outlet_id, total: score.total, passed: score.passed, redLineFailed: score.redLineFailed, findings: failed.length, visitDate: r.visit_date },
      });
      for (const o of opened) {
        await appendEvent(m, {
          name: INSPECTIONS_EVENTS.rectificationOpened,
          actor: who,
          aggregateType: 'rectification',
          aggregateId: o.id,
          orgPath: o.ownerPath,
          payload: { inspectionId: r.id, outletId: r.outlet_id, itemKey: o.itemKey, ownerUnitId: o.ownerUnitId, deadline: o.deadline, redLine: o.redLine, reopens: o.reopens },
        });
      }
    });
    this.relay.kick();
    return this.view((await this.inspections.get(id as string))!, actor);
  }

  /** Plans a re-inspection 复查 of a reviewed visit's items whose rectification is not verified yet. */
  async reinspect(actor: Actor, data: unknown): Promise<InspectionView> {
    assertPermitted(actor, 'inspections', 'reinspect');
    const { id, plannedDate } = (data ?? {}) as { id?: unknown; plannedDate?: unknown };
    const day = plannedDate === undefined ? bankDay() : plannedDate;
    if (typeof day !== 'string' || !isCalendarDay(day)) throw invalid('plannedDate', 'plannedDate must be YYYY-MM-DD');
    const r = await this.visible(actor, id);
    this.assertAction(actor, r, 'reinspect');
    const items = await this.rectifications.stillFailing(r.id);
    if (!items.length) throw conflict('Every finding of this visit is verified; nothing to re-inspect');
    const newId = randomUUID();
    await this.ds.transaction((m) =>
      this.inspections.insert(m, {
        id: newId,
        outletId: r.outlet_id,
        outletPath: r.outlet_path,
        templateId: r.template_id,
        inspectorId: actor.roles.includes('inspector') ? actor.id : r.inspector_id,
        scenario: r.scenario,
        kind: 'reinspection',
        reinspectionOf: r.id,
        itemKeys: items,
        plannedDate: day,
        createdBy: actor.id,
      }),
    );
    return this.view((await this.inspections.get(newId))!, actor);
  }
}
