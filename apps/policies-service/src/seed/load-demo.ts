/**
 * Loads the demo policies (`npm start` runs this after the gateway seed): the documents the
 * seeds name, each version taken through submit, review and sign-off and publication by the
 * service's own rules, acknowledgements by some of the demo staff (others still to read), one
 * conducted drill and one closed incident, and one revision waiting for the auditor's sign-off. Idempotent: a document whose code exists is skipped.
 *
 * Input: DEMO_DIRECTORY_FILE, the org units and users the gateway seed wrote.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Actor, Role } from '@xb/contracts';
import type { PolicyDocumentView, PolicyVersionView } from '@xb/contracts/policies';
import { createLogger, DirectoryReplica, loadConfig, PinoNestLogger } from '@xb/service-kit';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { PoliciesConfig } from '../config/policies.config.js';
import { EmergencyService } from '../emergency/emergency.service.js';
import { AcknowledgementsRepository } from '../policies/acknowledgements.repository.js';
import { PoliciesService } from '../policies/policies.service.js';
import { DEMO_POLICIES } from './demo-policies.js';

interface DemoDirectory {
  units: { code: string; id: string; name: string; path: string }[];
  users: { username: string; id: string; roles: Role[]; orgUnitId: string; orgPath: string; atHeadOffice: boolean }[];
}

const file = process.env.DEMO_DIRECTORY_FILE;
if (!file) throw new Error('DEMO_DIRECTORY_FILE must name the directory written by the gateway seed');
const directory = JSON.parse(readFileSync(file, 'utf8')) as DemoDirectory;
const config = loadConfig(PoliciesConfig, process.env);
const logger = createLogger('policies-demo', config.LOG_LEVEL);
const user = (username: string): Actor => {
  const u = directory.users.find((x) => x.username === username);
  if (!u) throw new Error(`the directory has no user ${username}`);
  return { id: u.id, username: u.username, roles: u.roles, orgUnitId: u.orgUnitId, orgPath: u.orgPath, atHeadOffice: u.atHeadOffice };
};
const unit = (code: string) => {
  const u = directory.units.find((x) => x.code === code);
  if (!u) throw new Error(`the directory has no unit ${code}`);
  return u.id;
};
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, logger }), { logger: new PinoNestLogger(logger) });
await app.get(DirectoryReplica).loadSnapshot();
const policies = app.get(PoliciesService);
const emergency = app.get(EmergencyService);
const acks = app.get(AcknowledgementsRepository);
const ds = app.get<DataSource>(getDataSourceToken());
const admin = user('admin');
const auditor = user('auditor');
let created = 0;
try {
  for (const demo of DEMO_POLICIES.slice(0, Number(process.env.DEMO_POLICIES ?? DEMO_POLICIES.length))) {
    if ((await ds.query(`SELECT 1 FROM policy_document WHERE code = $1`, [demo.doc.code])).length) continue;
    const { ownerUnit, audienceUnits, ...fields } = demo.doc;
    // 消保办 has one admin in the demo, who drafts; the compliance sign-off is the auditor's.
    const doc = await policies.createDocument(admin, { ...fields, ownerUnitId: unit(ownerUnit), audienceUnitIds: audienceUnits.map(unit), approvalRule: [{ role: 'auditor', count: 1 }] }) as PolicyDocumentView;
    let current: PolicyVersionView | undefined;
    for (const v of demo.versions) {
      const at = daysAgo(v.effectiveDaysAgo);
      const draft = await policies.createVersion(admin, { documentId: doc.id, content: v.content, changeSummary: v.changeSummary, material: v.material, effectiveFrom: at.toISOString(), plan: v.plan });
      await policies.submit(admin, { id: draft.id });
      await policies.review(auditor, { id: draft.id, verdict: 'approve', contentHash: draft.contentHash, comment: '经合规审查，同意发布。' });
      await policies.publishNow(draft.id, at, '王消保(管理员)', admin);
      current = draft;
    }
    const [basis] = (await ds.query(`SELECT ack_basis_id, effective_from FROM policy_version WHERE id = $1`, [current!.id])) as { ack_basis_id: string; effective_from: Date }[];
    for (const [i, username] of demo.acknowledgedBy.entries()) {
      const reader = user(username);
      await ds.transaction((m) =>
        acks.record(m, { id: randomUUID(), documentId: doc.id, versionId: current!.id, basisId: basis.ack_basis_id, userId: reader.id, contentHash: current!.contentHash, at: new Date(basis.effective_from.getTime() + (i + 1) * 86_400_000), late: false }),
      );
    }
    if (demo.inReview) {
      const r = demo.inReview;
      const revision = await policies.createVersion(admin, {
        documentId: doc.id,
        content: r.content,
        changeSummary: r.changeSummary,
        material: r.material,
        effectiveFrom: new Date(Date.now() + r.effectiveInDays * 86_400_000).toISOString(),
      });
      await policies.submit(admin, { id: revision.id });
    }
    if (demo.drill) {
      const d = demo.drill;
      const drill = await emergency.createDrill(admin, { versionId: current!.id, plannedFor: daysAgo(d.daysAgo + 14).toISOString(), scenario: d.scenario });
      await emergency.conductDrill(admin, {
        id: drill.id,
        conductedAt: daysAgo(d.daysAgo).toISOString(),
        participants: d.participants,
        stepTimes: current!.plan!.steps.map((s) => ({ order: s.order, minutes: Math.round(s.minutesAllowed * (s.order === 2 ? 1.4 : 0.8)) })),
        findings: d.findings.map((f) => ({ finding: f.finding, action: f.action, owner: f.owner, due: daysAgo(d.daysAgo - f.dueInDays).toISOString() })),
      });
    }
    if (demo.incident) {
      const x = demo.incident;
      const inc = await emergency.activate(admin, { documentId: doc.id, level: x.level, title: x.title, activatedAt: daysAgo(x.daysAgo).toISOString() });
      if (x.raisedTo) await emergency.changeLevel(admin, { id: inc.id, level: x.raisedTo, reason: '客户投诉增多，媒体开始关注' });
      for (const s of inc.steps) await emergency.markStep(admin, { id: inc.id, order: s.order, status: 'done' });
      await emergency.close(admin, { id: inc.id, review: x.review, followUps: [{ action: '与第三方约定升级窗口提前报备', owner: '信息科技部', due: daysAgo(x.daysAgo - 30).toISOString().slice(0, 10) }] });
    }
    created++;
  }
  logger.info({ created }, 'demo policies loaded');
} finally {
  await app.close();
}
