import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mayDo, type Actor, type ListResult } from '@xb/contracts';
import { INSPECTIONS_EVENTS, TEMPLATE_LIST, TemplateBodyDto, type TemplateView } from '@xb/contracts/inspections';
import { appendEvent, asList, badRequest, conflict, listQueryOf, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { assertPermitted, isUuid } from '../common/access.js';
import { templateMaximum, templateProblems, type ChecklistTemplate } from '../scoring/template.js';
import { TemplatesRepository, type TemplateRow } from './templates.repository.js';

export function toTemplateView(r: TemplateRow, actor?: Actor): TemplateView {
  const draft = r.status === 'draft';
  const actions: string[] = [];
  if (actor && draft && mayDo(actor.roles, 'inspection-templates', 'edit')) actions.push('edit');
  if (actor && draft && mayDo(actor.roles, 'inspection-templates', 'publish')) actions.push('publish');
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    version: r.version,
    status: r.status,
    passMark: r.body.passMark,
    everyDimensionMustPass: r.body.everyDimensionMustPass === true,
    dimensions: r.body.dimensions,
    items: r.body.items,
    maximum: templateMaximum(r.body),
    publishedAt: r.published_at ? r.published_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    availableActions: actions,
  };
}

/** The body as the scoring reads it, checked by the scoring core (400 naming each bad field). */
function checkedBody(dto: TemplateBodyDto): ChecklistTemplate {
  const body: ChecklistTemplate = {
    key: dto.key,
    name: dto.name,
    passMark: dto.passMark,
    everyDimensionMustPass: dto.everyDimensionMustPass === true,
    dimensions: (dto.dimensions ?? []).map((d) => ({ key: d?.key, name: d?.name, weight: d?.weight, passMark: d?.passMark })),
    items: (dto.items ?? []).map((i) => ({
      key: i?.key,
      dimensionKey: i?.dimensionKey,
      text: i?.text,
      weight: i?.weight,
      answerType: i?.answerType,
      ...(i?.scaleMax !== undefined ? { scaleMax: i.scaleMax } : {}),
      ...(i?.passAt !== undefined ? { passAt: i.passAt } : {}),
      naAllowed: i?.naAllowed === true,
      redLine: i?.redLine === true,
      photoOnFail: i?.photoOnFail === true,
    })),
  };
  const problems = templateProblems(body);
  if (body.items.length === 0) problems.push({ field: 'items', message: 'must not be empty' });
  if (problems.length) throw badRequest('Validation failed', problems);
  return body;
}

/**
 * Versioned checklist templates 检查模板: a key has versions 1, 2 …; the newest may be a draft
 * (edited freely), published versions are frozen — visits keep the version they used, so a
 * new version never changes a submitted score.
 */
@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly templates: TemplatesRepository,
    private readonly relay: OutboxRelay,
  ) {}

  /** A new draft: version 1 of a new key, or the next version of an existing one. */
  async create(actor: Actor, data: unknown): Promise<TemplateView> {
    assertPermitted(actor, 'inspection-templates', 'create');
    const dto = await validateDto(TemplateBodyDto, data);
    const body = checkedBody(dto);
    const row = await this.ds.transaction(async (m) => {
      const { next, hasDraft } = await this.templates.nextVersion(m, dto.key);
      if (hasDraft) throw conflict(`Template ${dto.key} already has a draft version; edit or publish it first`);
      return this.templates.insert(m, { id: randomUUID(), key: dto.key, version: next, name: dto.name, body, createdBy: actor.id });
    });
    return toTemplateView(row, actor);
  }

  async update(actor: Actor, data: unknown): Promise<TemplateView> {
    assertPermitted(actor, 'inspection-templates', 'edit');
    const { id, ...rest } = (data ?? {}) as { id?: unknown };
    if (!isUuid(id)) throw badRequest('Validation failed', [{ field: 'id', message: 'id must be a UUID' }]);
    const dto = await validateDto(TemplateBodyDto, rest);
    const body = checkedBody(dto);
    const row = await this.ds.transaction(async (m) => {
      const current = await this.templates.get(id, m, true);
      if (!current) throw notFound('Template');
      if (current.status !== 'draft') throw conflict(`Version ${current.version} of ${current.key} is published and frozen; create a new version`);
      if (dto.key !== current.key) throw badRequest('Validation failed', [{ field: 'key', message: 'the key of a template cannot change' }]);
      return this.templates.updateDraft(m, id, dto.name, body);
    });
    return toTemplateView(row, actor);
  }

  async publish(actor: Actor, data: unknown): Promise<TemplateView> {
    assertPermitted(actor, 'inspection-templates', 'publish');
    const id = (data as { id?: unknown } | null)?.id;
    if (!isUuid(id)) throw badRequest('Validation failed', [{ field: 'id', message: 'id must be a UUID' }]);
    const row = await this.ds.transaction(async (m) => {
      const current = await this.templates.get(id, m, true);
      if (!current) throw notFound('Template');
      if (current.status !== 'draft') throw conflict(`Version ${current.version} of ${current.key} is already published`);
      const published = await this.templates.publish(m, id);
      await appendEvent(m, {
        name: INSPECTIONS_EVENTS.templatePublished,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'inspection-template',
        aggregateId: id,
        orgPath: '/',
        payload: { key: published.key, version: published.version, items: published.body.items.length },
      });
      return published;
    });
    this.relay.kick();
    return toTemplateView(row, actor);
  }

  async list(actor: Actor, query: unknown): Promise<ListResult<TemplateView>> {
    assertPermitted(actor, 'inspection-templates', 'list');
    const { filter: f, range, sort } = listQueryOf(query, TEMPLATE_LIST);
    const { rows, total } = await this.templates.list({ key: f.key, status: f.status, ids: asList(f.id) }, range, sort);
    return { items: rows.map((r) => toTemplateView(r, actor)), total };
  }

  async get(actor: Actor, data: unknown): Promise<TemplateView> {
    assertPermitted(actor, 'inspection-templates', 'show');
    const id = (data as { id?: unknown } | null)?.id;
    if (!isUuid(id)) throw badRequest('Validation failed', [{ field: 'id', message: 'id must be a UUID' }]);
    const row = await this.templates.get(id);
    if (!row) throw notFound('Template');
    return toTemplateView(row, actor);
  }
}
