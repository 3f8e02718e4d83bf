/**
 * Seeds the demo data: org tree and users straight into the gateway database (idempotent
 * upserts by code and username), then ~50 complaints through the complaints service over
 * NATS with idempotency keys, so running it twice creates nothing new.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import * as argon2 from 'argon2';
import { COMPLAINT_PATTERNS, type Actor, type ComplaintView, type CreateComplaintCommand, type RpcEnvelope } from '@xb/contracts';
import { createLogger, migrate } from '@xb/service-kit';
import { firstValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { loadGatewayConfig } from '../config/gateway.config.js';
import { gatewayDataSourceOptions } from '../database/data-source.js';
import { OrgUnitEntity } from '../org-units/org-unit.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { DEMO_UNITS, DEMO_USERS, demoComplaints } from './demo-data.js';

const config = loadGatewayConfig();
const logger = createLogger('seed', config.LOG_LEVEL);
const password = process.env.DEMO_PASSWORD || 'Demo@2026';
const complaintCount = Number(process.env.DEMO_COMPLAINTS ?? 50);

await migrate(gatewayDataSourceOptions(config.DATABASE_URL), logger);
const ds = await new DataSource(gatewayDataSourceOptions(config.DATABASE_URL)).initialize();
const units = new Map<string, OrgUnitEntity>();
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
      }
      units.set(u.code, unit);
    }
    const users = m.getRepository(UserEntity);
    const hash = await argon2.hash(password, { type: argon2.argon2id });
    for (const u of DEMO_USERS) {
      if (await users.existsBy({ username: u.username })) continue;
      await users.insert({ id: randomUUID(), username: u.username, displayName: u.displayName, passwordHash: hash, orgUnitId: units.get(u.unit)!.id, roles: u.roles, active: true });
    }
  });
  logger.info({ units: units.size, users: DEMO_USERS.length }, 'org tree and users seeded');

  if (complaintCount > 0) {
    const admin = (await ds.getRepository(UserEntity).findOneByOrFail({ username: 'admin' }))!;
    const adminUnit = units.get('HO-CPO')!;
    const actor: Actor = { id: admin.id, username: admin.username, roles: admin.roles, orgUnitId: adminUnit.id, orgPath: adminUnit.path, atHeadOffice: true };
    const client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [config.NATS_URL] } });
    await client.connect();
    let created = 0;
    try {
      for (const c of demoComplaints(complaintCount)) {
        const unit = units.get(c.unit)!;
        const { key, unit: _u, ...fields } = c;
        const envelope: RpcEnvelope<CreateComplaintCommand> = {
          actor,
          idempotencyKey: key,
          data: { ...fields, orgUnitId: unit.id, orgPath: unit.path, orgUnitName: unit.name },
        };
        await firstValueFrom(client.send<ComplaintView>(COMPLAINT_PATTERNS.create, envelope).pipe(timeout(15000)));
        created++;
      }
    } finally {
      await client.close();
    }
    logger.info({ complaints: created }, 'demo complaints seeded (idempotent)');
  }
} finally {
  await ds.destroy();
}
