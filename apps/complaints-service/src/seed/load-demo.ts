/**
 * Loads the demo complaints with their histories (`npm start` runs this after the gateway
 * seed). It boots the service's own module with a simulated clock and replays intake and
 * every workflow step through the real ComplaintIntakeService and the one workflow applier, so
 * the demo obeys every rule the service enforces. Idempotent: intake uses idempotency
 * keys, and a complaint that already moved on is not replayed again.
 *
 * Input: DEMO_DIRECTORY_FILE, the org units and users the gateway seed wrote.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { Actor, Role } from '@xb/contracts';
import { createLogger, DirectoryReplica, loadConfig, PinoNestLogger } from '@xb/service-kit';
import { AppModule } from '../app.module.js';
import { ComplaintIntakeService } from '../complaints/complaint-intake.service.js';
import { ComplaintWorkflowService } from '../complaints/workflow/complaint-workflow.service.js';
import { ComplaintsConfig } from '../config/complaints.config.js';
import type { Clock } from '../tokens.js';
import { demoComplaints } from './demo-complaints.js';

interface DemoDirectory {
  units: { code: string; id: string; name: string; path: string }[];
  users: { username: string; id: string; roles: Role[]; orgUnitId: string; orgPath: string; atHeadOffice: boolean }[];
}

class ManualClock implements Clock {
  private current = new Date();
  set(at: Date): void {
    this.current = at;
  }
  now(): Date {
    return new Date(this.current);
  }
}

const file = process.env.DEMO_DIRECTORY_FILE;
if (!file) throw new Error('DEMO_DIRECTORY_FILE must name the directory written by the gateway seed');
const directory = JSON.parse(readFileSync(file, 'utf8')) as DemoDirectory;
const count = Number(process.env.DEMO_COMPLAINTS ?? 50);
// The supervision timer belongs to the running service, not to this loader.
const config = loadConfig(ComplaintsConfig, { ...process.env, SUPERVISION_INTERVAL_MS: '0' });
const logger = createLogger('complaints-demo', config.LOG_LEVEL);
const clock = new ManualClock();

const actorOf = (u: DemoDirectory['users'][number]): Actor => ({ id: u.id, username: u.username, roles: u.roles, orgUnitId: u.orgUnitId, orgPath: u.orgPath, atHeadOffice: u.atHeadOffice });
const admin = directory.users.find((u) => u.username === 'admin');
if (!admin) throw new Error('the directory has no admin user');
const units = new Map(directory.units.map((u) => [u.code, u]));
const handlers = directory.users.filter((u) => u.roles.includes('handler'));
/** The handler responsible for a unit: the one whose unit is the deepest ancestor of it (or the unit itself). */
const handlerFor = (path: string) => handlers.filter((h) => path.startsWith(h.orgPath)).sort((a, b) => b.orgPath.length - a.orgPath.length)[0];

const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, logger, clock }), { logger: new PinoNestLogger(logger) });
// The units and users the seed just wrote, before intake reads them from the replica (their events may still be on the way).
await app.get(DirectoryReplica).loadSnapshot();
const intake = app.get(ComplaintIntakeService);
const workflow = app.get(ComplaintWorkflowService);
let created = 0;
let steps = 0;
try {
  for (const c of demoComplaints(count, new Date())) {
    const unit = units.get(c.unitCode);
    if (!unit) throw new Error(`demo unit ${c.unitCode} is missing from the directory`);
    clock.set(new Date(new Date(c.fields.receivedAt).getTime() + 60_000));
    const view = await intake.create(actorOf(admin), { ...c.fields, orgUnitId: unit.id }, c.key);
    created++;
    if (view.status !== 'received' || view.version > 1) continue; // replayed on an earlier run
    const handler = handlerFor(unit.path);
    if (!handler) continue;
    const handlerUnit = directory.units.find((u) => u.id === handler.orgUnitId)!;
    for (const step of c.steps) {
      clock.set(step.at);
      const by = step.by === 'admin' ? actorOf(admin) : actorOf(handler);
      const data =
        step.action === 'assign'
          ? { id: view.id, orgUnitId: handlerUnit.id, handlerId: handler.id }
          : { id: view.id, ...step.data };
      await workflow.apply(step.action, by, data);
      steps++;
    }
  }
  logger.info({ complaints: created, steps }, 'demo complaints and their histories loaded');
} finally {
  await app.close();
}
