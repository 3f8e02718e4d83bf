import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, ListResult } from '@xb/contracts';
import {
  ActivateIncidentDto,
  CloseIncidentDto,
  ConductDrillDto,
  CreateDrillDto,
  DRILL_LIST,
  INCIDENT_LIST,
  IncidentLevelDto,
  IncidentStepDto,
  POLICIES_EVENTS,
  TimelineEntryDto,
  type DrillBoardLine,
  type DrillView,
  type FollowUpActionDto,
  type IncidentDeadline,
  type IncidentStep,
  type IncidentView,
  type PlanStructureDto,
} from '@xb/contracts/policies';
import { appendEvent, asList, badRequest, conflict, listQueryOf, notFound, orderByOf, OutboxRelay, validateDto } from '@xb/service-kit';
import { IsUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { assertPermitted } from '../policies/policy-access.js';
import { PoliciesRepository } from '../policies/policies.repository.js';
import { addMonths } from '../policies/version-rules.js';
import { checklistOf, deadlinesOf, openMandatorySteps, recomputeDeadlines } from './incident-rules.js';

class IdInput {
  @IsUUID()
  id: string;
}

interface IncidentRow {
  id: string;
  document_id: string;
  version_id: string;
  document_title: string;
  title: string;
  description: string | null;
  level: number;
  drill: boolean;
  status: 'active' | 'closed';
  activated_at: Date;
  closed_at: Date | null;
  plan: PlanStructureDto;
  steps: IncidentStep[];
  deadlines: IncidentDeadline[];
  closing_review: string | null;
  follow_ups: FollowUpActionDto[];
}

interface DrillRow {
  id: string;
  document_id: string;
  document_title: string;
  version_id: string;
  version_number: number;
  planned_for: Date;
  scenario: string;
  status: 'planned' | 'conducted';
  conducted_at: Date | null;
  participants: string[];
  step_times: DrillView['stepTimes'];
  findings: DrillView['findings'];
}

const INCIDENT_SORTS = { id: 'id', activatedAt: 'activated_at', level: 'level', status: 'status' };
const DRILL_SORTS = { id: 'd.id', plannedFor: 'd.planned_for', conductedAt: 'd.conducted_at' };

/**
 * Emergency plans at work: incidents 突发事件 activated from the published plan version (frozen
 * into the incident), their checklist, reporting deadlines and append-only timeline; drills
 * 演练 planned and conducted against a plan version, and the drill board.
 */
@Injectable()
export class EmergencyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly policies: PoliciesRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async activate(actor: Actor, data: unknown): Promise<IncidentView> {
    assertPermitted(actor, 'incidents', 'activate');
    const dto = await validateDto(ActivateIncidentDto, data);
    const doc = await this.policies.document(dto.documentId);
    if (!doc || doc.kind !== 'emergency_plan') throw badRequest('Validation failed', [{ field: 'documentId', message: 'documentId must name an emergency plan' }]);
    if (!doc.current_version_id) throw conflict('The plan has no published version');
    const v = (await this.policies.version(doc.current_version_id))!;
    const plan = v.plan!;
    if (!plan.levels.some((l) => l.level === dto.level)) throw badRequest('Validation failed', [{ field: 'level', message: `the plan has no level ${dto.level}` }]);
    const activatedAt = dto.activatedAt ? new Date(dto.activatedAt) : new Date();
    const id = randomUUID();
    const name = await this.policies.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO incident (id, document_id, version_id, document_title, title, description, level, drill, status, activated_at, plan, steps, deadlines, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, $11, $12, $13)`,
        [id, doc.id, v.id, doc.title, dto.title, dto.description ?? null, dto.level, !!dto.drill, activatedAt, JSON.stringify(plan), JSON.stringify(checklistOf(plan, activatedAt)), JSON.stringify(deadlinesOf(plan, dto.level, activatedAt)), actor.id],
      );
      await this.timeline(m, id, activatedAt, name, `启动应急预案《${doc.title}》第 ${v.number} 版，级别 ${dto.level}`);
      await this.event(m, POLICIES_EVENTS.incidentActivated, id, actor, { documentId: doc.id, versionId: v.id, level: dto.level, drill: !!dto.drill });
    });
    this.relay.kick();
    return this.getIncidentView(id);
  }

  async getIncident(actor: Actor, data: unknown): Promise<IncidentView> {
    assertPermitted(actor, 'incidents', 'show');
    const { id } = await validateDto(IdInput, data);
    return this.getIncidentView(id);
  }

  async listIncidents(actor: Actor, query: unknown): Promise<ListResult<IncidentView>> {
    assertPermitted(actor, 'incidents', 'list');
    const { filter: f, range, sort } = listQueryOf(query, INCIDENT_LIST);
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    if (f.status !== undefined) where.push(`status = ANY(${p(asList(f.status))}::text[])`);
    // Drills run on the same engine but stay out of incident lists and statistics unless asked for.
    where.push(`drill = ${p(f.drill ?? false)}`);
    if (f.documentId) where.push(`document_id = ${p(f.documentId)}`);
    if (f.id !== undefined) where.push(`id = ANY(${p(asList(f.id))}::uuid[])`);
    const [col, dir] = orderByOf(INCIDENT_SORTS, sort);
    const w = `WHERE ${where.join(' AND ')}`;
    const rows = (await this.ds.query(`SELECT * FROM incident ${w} ORDER BY ${col} ${dir}, id ${dir} OFFSET ${range[0]} LIMIT ${range[1] - range[0] + 1}`, params)) as IncidentRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM incident ${w}`, params)) as { n: number }[];
    return { items: rows.map((r) => this.incidentView(r, [])), total: n };
  }

  /** A level change: deadlines recomputed from the activation time, the earlier one winning. */
  async changeLevel(actor: Actor, data: unknown): Promise<IncidentView> {
    assertPermitted(actor, 'incidents', 'edit');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(IncidentLevelDto, { ...(data as object), id: undefined });
    const name = await this.policies.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      const inc = await this.lockActive(m, id);
      if (!inc.plan.levels.some((l) => l.level === dto.level)) throw badRequest('Validation failed', [{ field: 'level', message: `the plan has no level ${dto.level}` }]);
      if (inc.level === dto.level) return;
      const deadlines = recomputeDeadlines(inc.deadlines, inc.plan, dto.level, inc.activated_at);
      await m.query(`UPDATE incident SET level = $2, deadlines = $3 WHERE id = $1`, [id, dto.level, JSON.stringify(deadlines)]);
      await this.timeline(m, id, new Date(), name, `级别 ${inc.level} → ${dto.level}${dto.reason ? `：${dto.reason}` : ''}`);
    });
    return this.getIncidentView(id);
  }

  async markStep(actor: Actor, data: unknown): Promise<IncidentView> {
    assertPermitted(actor, 'incidents', 'edit');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(IncidentStepDto, { ...(data as object), id: undefined });
    const name = await this.policies.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      const inc = await this.lockActive(m, id);
      const step = inc.steps.find((s) => s.order === dto.order);
      if (!step) throw badRequest('Validation failed', [{ field: 'order', message: `no step ${dto.order}` }]);
      const now = new Date();
      Object.assign(step, dto.status === 'done' ? { status: 'done', doneAt: now.toISOString(), doneBy: name, note: dto.note ?? null } : { status: 'open', doneAt: null, doneBy: null, note: dto.note ?? null });
      await m.query(`UPDATE incident SET steps = $2 WHERE id = $1`, [id, JSON.stringify(inc.steps)]);
      await this.timeline(m, id, now, name, `步骤 ${step.order}「${step.title}」${dto.status === 'done' ? '完成' : '重新打开'}${dto.note ? `：${dto.note}` : ''}`);
    });
    return this.getIncidentView(id);
  }

  /** Appends to the timeline; a correction is a new entry naming the one it corrects. */
  async addTimeline(actor: Actor, data: unknown): Promise<IncidentView> {
    assertPermitted(actor, 'incidents', 'edit');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(TimelineEntryDto, { ...(data as object), id: undefined });
    const name = await this.policies.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      await this.lockActive(m, id);
      if (dto.corrects && !(await m.query(`SELECT 1 FROM incident_timeline WHERE id = $1 AND incident_id = $2`, [dto.corrects, id])).length) {
        throw badRequest('Validation failed', [{ field: 'corrects', message: 'no such entry on this incident' }]);
      }
      await this.timeline(m, id, dto.occurredAt ? new Date(dto.occurredAt) : new Date(), name, dto.text, dto.corrects ?? null);
    });
    return this.getIncidentView(id);
  }

  async close(actor: Actor, data: unknown): Promise<IncidentView> {
    assertPermitted(actor, 'incidents', 'close');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(CloseIncidentDto, { ...(data as object), id: undefined });
    const name = await this.policies.nameOf(actor.id, actor.username);
    await this.ds.transaction(async (m) => {
      const inc = await this.lockActive(m, id);
      const open = openMandatorySteps(inc.steps);
      if (open.length) throw conflict(`Mandatory steps are still open: ${open.map((s) => `${s.order} ${s.title}`).join('; ')}`);
      const now = new Date();
      await m.query(`UPDATE incident SET status = 'closed', closed_at = $2, closing_review = $3, follow_ups = $4 WHERE id = $1`, [id, now, dto.review, JSON.stringify(dto.followUps ?? [])]);
      await this.timeline(m, id, now, name, `关闭事件：${dto.review}`);
      await this.event(m, POLICIES_EVENTS.incidentClosed, id, actor, { drill: inc.drill, followUps: (dto.followUps ?? []).length });
    });
    this.relay.kick();
    return this.getIncidentView(id);
  }

  // ---- drills ----

  async createDrill(actor: Actor, data: unknown): Promise<DrillView> {
    assertPermitted(actor, 'drills', 'create');
    const dto = await validateDto(CreateDrillDto, data);
    const v = await this.policies.version(dto.versionId);
    const doc = v && (await this.policies.document(v.document_id));
    if (!v || !doc || doc.kind !== 'emergency_plan') throw badRequest('Validation failed', [{ field: 'versionId', message: 'versionId must name a version of an emergency plan' }]);
    if (!['published', 'superseded', 'approved'].includes(v.status)) throw conflict(`Version ${v.number} is ${v.status}: drills exercise approved or published plans`);
    const id = randomUUID();
    await this.ds.query(`INSERT INTO drill (id, document_id, version_id, planned_for, scenario, status, created_by) VALUES ($1, $2, $3, $4, $5, 'planned', $6)`, [
      id,
      doc.id,
      v.id,
      new Date(dto.plannedFor),
      dto.scenario,
      actor.id,
    ]);
    return this.drillView(id);
  }

  async conductDrill(actor: Actor, data: unknown): Promise<DrillView> {
    assertPermitted(actor, 'drills', 'edit');
    const { id } = await validateDto(IdInput, data);
    const dto = await validateDto(ConductDrillDto, { ...(data as object), id: undefined });
    await this.ds.transaction(async (m) => {
      const [d] = (await m.query(`SELECT status, document_id FROM drill WHERE id = $1 FOR UPDATE`, [id])) as { status: string; document_id: string }[];
      if (!d) throw notFound('Drill');
      if (d.status !== 'planned') throw conflict('The drill was already conducted');
      await m.query(`UPDATE drill SET status = 'conducted', conducted_at = $2, participants = $3, step_times = $4, findings = $5 WHERE id = $1`, [
        id,
        new Date(dto.conductedAt),
        dto.participants,
        JSON.stringify(dto.stepTimes ?? []),
        JSON.stringify(dto.findings ?? []),
      ]);
      await this.event(m, POLICIES_EVENTS.drillConducted, id, actor, { documentId: d.document_id, conductedAt: dto.conductedAt, findings: (dto.findings ?? []).length });
    });
    this.relay.kick();
    return this.drillView(id);
  }

  async getDrill(actor: Actor, data: unknown): Promise<DrillView> {
    assertPermitted(actor, 'drills', 'show');
    const { id } = await validateDto(IdInput, data);
    return this.drillView(id);
  }

  async listDrills(actor: Actor, query: unknown): Promise<ListResult<DrillView>> {
    assertPermitted(actor, 'drills', 'list');
    const { filter: f, range, sort } = listQueryOf(query, DRILL_LIST);
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    if (f.documentId) where.push(`d.document_id = ${p(f.documentId)}`);
    if (f.status) where.push(`d.status = ${p(f.status)}`);
    if (f.id !== undefined) where.push(`d.id = ANY(${p(asList(f.id))}::uuid[])`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [col, dir] = orderByOf(DRILL_SORTS, sort);
    const rows = (await this.ds.query(`${DRILL_SELECT} ${w} ORDER BY ${col} ${dir} NULLS LAST, d.id ${dir} OFFSET ${range[0]} LIMIT ${range[1] - range[0] + 1}`, params)) as DrillRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM drill d ${w}`, params)) as { n: number }[];
    return { items: rows.map(drillViewOf), total: n };
  }

  /** Every emergency plan in force: conducted drills per year, the last one, and whether the plan is overdue for its drill cycle. */
  async drillBoard(actor: Actor): Promise<DrillBoardLine[]> {
    assertPermitted(actor, 'drills', 'list');
    const rows = (await this.ds.query(
      `SELECT d.id, d.code, d.title, d.plan_business_type, COALESCE(d.drill_cycle_months, 12) AS cycle, v.effective_from,
              (SELECT max(conducted_at) FROM drill x WHERE x.document_id = d.id AND x.status = 'conducted') AS last,
              COALESCE((SELECT jsonb_object_agg(y, n) FROM (SELECT extract(year FROM conducted_at)::int::text AS y, count(*)::int AS n FROM drill x
                         WHERE x.document_id = d.id AND x.status = 'conducted' GROUP BY 1) s), '{}') AS per_year
         FROM policy_document d LEFT JOIN policy_version v ON v.id = d.current_version_id
        WHERE d.kind = 'emergency_plan' AND d.current_version_id IS NOT NULL ORDER BY d.code`,
    )) as { id: string; code: string; title: string; plan_business_type: DrillBoardLine['planBusinessType']; cycle: number; effective_from: Date; last: Date | null; per_year: Record<string, number> }[];
    const now = Date.now();
    return rows.map((r) => {
      const due = addMonths(r.last ?? r.effective_from, r.cycle);
      return {
        documentId: r.id,
        code: r.code,
        title: r.title,
        planBusinessType: r.plan_business_type,
        drillCycleMonths: r.cycle,
        perYear: r.per_year,
        lastDrilledAt: r.last ? r.last.toISOString() : null,
        drillDueAt: due.toISOString(),
        overdue: due.getTime() < now,
      };
    });
  }

  // ---- helpers ----

  private async lockActive(m: EntityManager, id: string): Promise<IncidentRow> {
    const [inc] = (await m.query(`SELECT * FROM incident WHERE id = $1 FOR UPDATE`, [id])) as IncidentRow[];
    if (!inc) throw notFound('Incident');
    if (inc.status !== 'active') throw conflict('The incident is closed');
    return inc;
  }

  private async timeline(m: EntityManager, incidentId: string, occurredAt: Date, actorName: string, text: string, corrects: string | null = null): Promise<void> {
    await m.query(`INSERT INTO incident_timeline (id, incident_id, occurred_at, actor_name, text, corrects) VALUES ($1, $2, $3, $4, $5, $6)`, [randomUUID(), incidentId, occurredAt, actorName, text, corrects]);
  }

  private async getIncidentView(id: string): Promise<IncidentView> {
    const [row] = (await this.ds.query(`SELECT * FROM incident WHERE id = $1`, [id])) as IncidentRow[];
    if (!row) throw notFound('Incident');
    const timeline = (await this.ds.query(`SELECT * FROM incident_timeline WHERE incident_id = $1 ORDER BY occurred_at, recorded_at`, [id])) as {
      id: string;
      occurred_at: Date;
      recorded_at: Date;
      actor_name: string;
      text: string;
      corrects: string | null;
    }[];
    return this.incidentView(
      row,
      timeline.map((t) => ({ id: t.id, occurredAt: t.occurred_at.toISOString(), recordedAt: t.recorded_at.toISOString(), actorName: t.actor_name, text: t.text, corrects: t.corrects })),
    );
  }

  private incidentView(r: IncidentRow, timeline: IncidentView['timeline']): IncidentView {
    return {
      id: r.id,
      documentId: r.document_id,
      versionId: r.version_id,
      documentTitle: r.document_title,
      title: r.title,
      description: r.description,
      level: r.level,
      drill: r.drill,
      status: r.status,
      activatedAt: r.activated_at.toISOString(),
      closedAt: r.closed_at ? r.closed_at.toISOString() : null,
      plan: r.plan,
      steps: r.steps,
      deadlines: r.deadlines,
      timeline,
      closingReview: r.closing_review,
      followUps: r.follow_ups,
      availableActions: r.status === 'active' ? ['level', 'step', 'timeline', ...(openMandatorySteps(r.steps).length ? [] : (['close'] as const))] : [],
    };
  }

  private async drillView(id: string): Promise<DrillView> {
    const [row] = (await this.ds.query(`${DRILL_SELECT} WHERE d.id = $1`, [id])) as DrillRow[];
    if (!row) throw notFound('Drill');
    return drillViewOf(row);
  }

  private async event(m: EntityManager, name: string, id: string, actor: Actor, payload: Record<string, unknown>): Promise<void> {
    await appendEvent(m, { name, actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId }, aggregateType: name.split('.')[1], aggregateId: id, orgPath: '/', payload });
  }
}

const DRILL_SELECT = `SELECT d.*, doc.title AS document_title, v.number AS version_number FROM drill d JOIN policy_document doc ON doc.id = d.document_id JOIN policy_version v ON v.id = d.version_id`;

const drillViewOf = (r: DrillRow): DrillView => ({
  id: r.id,
  documentId: r.document_id,
  documentTitle: r.document_title,
  versionId: r.version_id,
  versionNumber: r.version_number,
  plannedFor: r.planned_for.toISOString(),
  scenario: r.scenario,
  status: r.status,
  conductedAt: r.conducted_at ? r.conducted_at.toISOString() : null,
  participants: r.participants,
  stepTimes: r.step_times,
  findings: r.findings,
});
