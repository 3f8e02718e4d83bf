/**
 * Seeds the demo org tree and users straight into the gateway database (idempotent
 * upserts by code and username) and writes the directory (units and users, no secrets)
 * to DEMO_DIRECTORY_FILE, from which each service loads its own demo data.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as argon2 from 'argon2';
import { DIRECTORY_AGGREGATES } from '@xb/contracts';
import { appendEvent, createLogger, migrate } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { loadGatewayConfig } from '../config/gateway.config.js';
import { gatewayDataSourceOptions } from '../database/data-source.js';
import { DirectoryRepository } from '../directory/directory.repository.js';
import { OrgUnitEntity } from '../org-units/org-unit.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { DEMO_UNITS, DEMO_USERS } from './demo-data.js';

const config = loadGatewayConfig();
const logger = createLogger('seed', config.LOG_LEVEL);
const password = process.env.DEMO_PASSWORD || 'Demo@2026';

await migrate(gatewayDataSourceOptions(config.DATABASE_URL), logger);
const ds = await new DataSource(gatewayDataSourceOptions(config.DATABASE_URL)).initialize();
const units = new Map<string, OrgUnitEntity>();
const directory = new DirectoryRepository(ds);
try {
  await ds.transaction(async (m) => {
    const repo = m.getRepository(OrgUnitEntity);
    for (const u of DEMO_UNITS) {
      let unit = await repo.findOneBy({ code: u.code });
      if (!unit) {
        const parent = u.parent ? units.get(u.parent)! : undefined;
        const id = randomUUID();
        unit = repo.create({ id, code: u.code, name: u.name, type: u.type, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 });
        await repo.insert(unit);
        // Published by the running gateway's outbox relay, like any other directory change.
        const created = await directory.unit(m, id);
        await appendEvent(m, { name: 'org.unit.created', actor: null, aggregateType: DIRECTORY_AGGREGATES.unit, aggregateId: id, orgPath: created.path, payload: created });
      }
      units.set(u.code, unit);
    }
    const users = m.getRepository(UserEntity);
    const hash = await argon2.hash(password, { type: argon2.argon2id });
    for (const u of DEMO_USERS) {
      if (await users.existsBy({ username: u.username })) continue;
      const id = randomUUID();
      await users.insert({ id, username: u.username, displayName: u.displayName, passwordHash: hash, orgUnitId: units.get(u.unit)!.id, roles: u.roles, active: true });
      const created = await directory.user(m, id);
      await appendEvent(m, { name: 'auth.user.created', actor: null, aggregateType: DIRECTORY_AGGREGATES.user, aggregateId: id, orgPath: units.get(u.unit)!.path, payload: created });
    }
  });
  logger.info({ units: units.size, users: DEMO_USERS.length }, 'org tree and users seeded');

  const out = process.env.DEMO_DIRECTORY_FILE;
  if (out) {
    const byId = new Map([...units.values()].map((u) => [u.id, u]));
    const users = await ds.getRepository(UserEntity).find({ where: DEMO_USERS.map((u) => ({ username: u.username })) });
    const headOffice = (unitId: string) => {
      const unit = byId.get(unitId)!;
      return unit.type === 'head_office' || (unit.type === 'department' && byId.get(unit.parentId!)?.type === 'head_office');
    };
    const directory = {
      units: [...units.entries()].map(([code, u]) => ({ code, id: u.id, name: u.name, path: u.path })),
      users: users.map((u) => ({ username: u.username, id: u.id, roles: u.roles, orgUnitId: u.orgUnitId, orgPath: byId.get(u.orgUnitId)!.path, atHeadOffice: headOffice(u.orgUnitId) })),
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(directory, null, 2));
    logger.info({ file: out }, 'demo directory written for the services');
  }
} finally {
  await ds.destroy();
}
