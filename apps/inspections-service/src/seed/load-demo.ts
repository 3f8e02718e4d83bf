/**
 * Loads the inspections demo (`npm start` runs this after the gateway seed): the default
 * six-dimension template (published), two quarters of visits to the demo outlets — most
 * reviewed, some with red-line failures and N/A answers, a few submitted or returned for the
 * reviewer, a few planned — and rectifications in every state. Every step goes through the
 * service's own application services, so the demo obeys every rule. Idempotent: visits are
 * logged with fixed idempotency keys, and a visit already reviewed is not reviewed again.
 *
 * Two things are simulated: photo file ids are placeholders (no image is uploaded), and the
 * rectifications shown as overdue have their deadline moved into the past (as if opened
 * earlier), since a reviewer cannot set a deadline before today.
 *
 * Input: DEMO_DIRECTORY_FILE, the org units and users the gateway seed wrote; DEMO_INSPECTIONS,
 * visits per outlet and quarter (default 2).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { Actor, Role } from '@xb/contracts';
import { createLogger, DirectoryReplica, loadConfig, PinoNestLogger } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { addDays, bankDay, previousQuarter, quarterBounds, quarterOf } from '../common/dates.js';
import { InspectionsConfig } from '../config/inspections.config.js';
import { InspectionsService } from '../inspections/inspections.service.js';
import { RectificationsService } from '../rectifications/rectifications.service.js';
import { DEFAULT_TEMPLATE } from '../scoring/default-template.js';
import { TemplatesService } from '../templates/templates.service.js';

interface DemoDirectory {
  units: { code: string; id: string; name: string; path: string }[];
  users: { username: string; id: string; roles: Role[]; orgUnitId: string; orgPath: string; atHeadOffice: boolean }[];
}

const file = process.env.DEMO_DIRECTORY_FILE;
if (!file) throw new Error('DEMO_DIRECTORY_FILE must name the directory written by the gateway seed');
const directory = JSON.parse(readFileSync(file, 'utf8')) as DemoDirectory;
const perQuarter = Math.max(1, Math.min(6, Number(process.env.DEMO_INSPECTIONS ?? 2)));
const config = loadConfig(InspectionsConfig, { ...process.env, OVERDUE_INTERVAL_MS: '0' });
const logger = createLogger('inspections-demo', config.LOG_LEVEL);

const user = (name: string) => {
  const u = directory.users.find((x) => x.username === name);
  if (!u) throw new Error(`the directory has no ${name} user`);
  return { id: u.id, username: u.username, roles: u.roles, orgUnitId: u.orgUnitId, orgPath: u.orgPath, atHeadOffice: u.atHeadOffice } satisfies Actor;
};
const admin = user('admin');
const inspector = user('inspector');
const handlers = directory.users.filter((u) => u.roles.includes('handler')).map((u) => user(u.username));
const handlerFor = (path: string) => handlers.filter((h) => path.startsWith(h.orgPath)).sort((a, b) => b.orgPath.length - a.orgPath.length)[0] ?? admin;
const outlets = directory.units.filter((u) => u.code.startsWith('OT-'));

/** A deterministic number in [0, 1) per text: the same demo on every run. */
const chance = (text: string) => createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
const uuidOf = (text: string) => {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, logger }), { logger: new PinoNestLogger(logger) });
await app.get(DirectoryReplica).loadSnapshot();
const templates = app.get(TemplatesService);
const inspections = app.get(InspectionsService);
const rectifications = app.get(RectificationsService);
const ds = app.get(DataSource);
const counts = { visits: 0, reviewed: 0, rectifications: 0 };
try {
  let [template] = (await templates.list(admin, { filter: { key: DEFAULT_TEMPLATE.key, status: 'published' } })).items;
  if (!template) {
    let [draft] = (await templates.list(admin, { filter: { key: DEFAULT_TEMPLATE.key, status: 'draft' } })).items;
    draft ??= await templates.create(admin, DEFAULT_TEMPLATE);
    template = await templates.publish(admin, { id: draft.id });
  }
  const today = bankDay();
  const quarters = [previousQuarter(quarterOf(today)), quarterOf(today)];
  for (const quarter of quarters) {
    const { first, last } = quarterBounds(quarter);
    const end = last < today ? last : addDays(today, -1);
    const span = Math.max(1, (Date.parse(end) - Date.parse(first)) / 86_400_000);
    for (const outlet of outlets) {
      for (let n = 0; n < perQuarter; n++) {
        const key = `demo-${quarter}-${outlet.code}-${n}`;
        const visitDate = addDays(first, Math.floor(((n + chance(key)) / perQuarter) * span));
        if (visitDate > end) continue;
        // Mostly good service; some findings, rare red-line failures, N/A where it does not apply.
        const weak = chance(`${key}:weak`) < 0.3;
        const answers = DEFAULT_TEMPLATE.items.map((item) => {
          const r = chance(`${key}:${item.key}`);
          let value: 'pass' | 'fail' | 'na' | number = item.answerType === 'scale' ? (item.scaleMax as number) : 'pass';
          if (item.naAllowed && r < 0.15) value = 'na';
          else if (r > (item.redLine ? (weak ? 0.95 : 0.99) : weak ? 0.8 : 0.93)) value = item.answerType === 'scale' ? Math.floor(r * 10) % (item.passAt ?? 1) : 'fail';
          const failed = value === 'fail' || (typeof value === 'number' && value < (item.passAt ?? item.scaleMax ?? 0));
          return {
            itemKey: item.key,
            value,
            ...(failed ? { note: '暗访发现，详见照片', fileIds: item.photoOnFail ? [uuidOf(`${key}:${item.key}:photo`)] : [] } : {}),
          };
        });
        const visit = await inspections.log(inspector, { outletId: outlet.id, templateId: template.id, scenario: ['理财咨询', '开卡', '投诉', '存取款'][n % 4], idempotencyKey: key, visitDate, answers });
        counts.visits++;
        const newest = quarter === quarters[1] && n === perQuarter - 1;
        if (visit.status !== 'submitted') continue; // reviewed on an earlier run
        if (newest && chance(`${key}:leave`) < 0.35) continue; // left for the reviewer
        if (newest && chance(`${key}:return`) < 0.15) {
          await inspections.review(admin, { id: visit.id, decision: 'return', reason: '部分照片不清晰，请补充' });
          continue;
        }
        await inspections.review(admin, { id: visit.id, decision: 'accept' });
        counts.reviewed++;
        const opened = (await rectifications.list(admin, { filter: { inspectionId: visit.id }, range: [0, 99] })).items;
        counts.rectifications += opened.length;
        const owner = handlerFor(outlet.path);
        for (const r of opened) {
          const fate = chance(`${key}:${r.itemKey}:fate`);
          if (quarter === quarters[0]) {
            // Last quarter's findings: mostly verified (one in four after a rejected first fix), a few still waiting.
            if (fate < 0.85) {
              await rectifications.fix(owner, { id: r.id, note: '已按要求整改，附整改后照片' });
              if (fate < 0.2) {
                await rectifications.reject(inspector, { id: r.id, reason: '整改不到位，请重新整改' });
                await rectifications.fix(owner, { id: r.id, note: '已重新整改并复核' });
              }
              await rectifications.verify(inspector, { id: r.id });
            } else if (fate < 0.93) await rectifications.fix(owner, { id: r.id, note: '已整改，待验证' });
            else await ds.query(`UPDATE rectification SET deadline = $2, opened_at = opened_at - interval '60 days' WHERE id = $1`, [r.id, addDays(today, -20)]);
          } else if (fate < 0.3) await rectifications.fix(owner, { id: r.id, note: '已整改，待验证' });
          else if (fate < 0.45) await ds.query(`UPDATE rectification SET deadline = $2, opened_at = opened_at - interval '10 days' WHERE id = $1`, [r.id, addDays(today, -3)]);
        }
      }
    }
  }
  // Planned visits for the rest of this quarter, and the overdue pass once (escalations of the simulated overdue ones).
  const planned = await inspections.plan(admin, { quarter: quarterOf(today), templateId: template.id, visitsPerOutlet: perQuarter + 1, inspectorId: inspector.id });
  const overdue = await rectifications.runOnce();
  logger.info({ ...counts, planned: planned.created, escalated: overdue.escalated }, 'inspections demo loaded');
} finally {
  await app.close();
}
