import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { scopePathOf, type Actor } from '@xb/contracts';
import { CAMPAIGNS_EVENTS, CreateEntryDto, type EntryView } from '@xb/contracts/campaigns';
import { appendEvent, badRequest, forbidden, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { EntriesRepository } from './entries.repository.js';

/** The entry aggregate: checks input, role and scope again (the gateway is not the only guard), writes the row and its event in one transaction. */
@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly entries: EntriesRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async create(actor: Actor, data: unknown): Promise<EntryView> {
    if (!actor.roles.includes('admin')) throw forbidden();
    const dto = await validateDto(CreateEntryDto, data);
    if (!dto.orgPath.startsWith(scopePathOf(actor))) throw badRequest('Validation failed', [{ field: 'orgPath', message: 'orgPath must lie in your scope' }]);
    const entry = await this.ds.transaction(async (manager) => {
      const created = await this.entries.insert(manager, { id: randomUUID(), title: dto.title, orgUnitId: dto.orgUnitId, orgPath: dto.orgPath, createdBy: actor.id });
      await appendEvent(manager, {
        name: CAMPAIGNS_EVENTS.entryCreated,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'entry',
        aggregateId: created.id,
        orgPath: created.orgPath,
        payload: { title: created.title },
      });
      return created;
    });
    this.relay.kick();
    return entry;
  }

  async get(actor: Actor, data: unknown): Promise<EntryView> {
    const id = (data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw badRequest('Validation failed', [{ field: 'id', message: 'id must be a UUID' }]);
    const entry = await this.entries.findInScope(id, scopePathOf(actor));
    if (!entry) throw notFound('Entry');
    return entry;
  }
}
