/**
 * Loads the demo campaigns (`npm start` runs this after the gateway seed): the four series
 * for last year and this year (the literacy month renamed between them, so year on year
 * crosses a rename), with activities at the demo outlets and branches in every state —
 * through the real services, so the demo obeys every rule. Idempotent: a campaign that
 * exists is left as it is.
 *
 * Input: DEMO_DIRECTORY_FILE (org units and users the gateway seed wrote); DEMO_CAMPAIGNS,
 * activities per unit and campaign (default 3).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { Actor, Role } from '@xb/contracts';
import type { VenueType } from '@xb/contracts/campaigns';
import { createLogger, DirectoryReplica, loadConfig, PinoNestLogger } from '@xb/service-kit';
import { ActivitiesService } from '../activities/activities.service.js';
import { AppModule } from '../app.module.js';
import { CampaignsRepository } from '../campaigns/campaigns.repository.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { CampaignsConfig } from '../config/campaigns.config.js';

interface DemoDirectory {
  units: { code: string; id: string; name: string; path: string; type?: string }[];
  users: { username: string; id: string; roles: Role[]; orgUnitId: string; orgPath: string; atHeadOffice: boolean }[];
}

const file = process.env.DEMO_DIRECTORY_FILE;
if (!file) throw new Error('DEMO_DIRECTORY_FILE must name the directory written by the gateway seed');
const directory = JSON.parse(readFileSync(file, 'utf8')) as DemoDirectory;
const perUnit = Math.max(1, Number(process.env.DEMO_CAMPAIGNS ?? 3));
const config = loadConfig(CampaignsConfig, process.env);
const logger = createLogger('campaigns-demo', config.LOG_LEVEL);

const SERIES = [
  { key: 'consumer_rights_day', names: ['3·15 金融消费者权益日', '3·15 金融消费者权益保护教育宣传周'], theme: '权利·责任·风险', from: '03-01', to: '03-31' },
  { key: 'anti_fraud', names: ['防范电信网络诈骗宣传月', '防范电信网络诈骗宣传月'], theme: '守住钱袋子', from: '06-01', to: '06-30' },
  { key: 'knowledge_tour', names: ['普及金融知识万里行', '普及金融知识万里行'], theme: '普及金融知识 守住钱袋子', from: '07-01', to: '08-31' },
  { key: 'financial_literacy_month', names: ['金融知识普及月·金融知识进万家', '金融教育宣传月'], theme: '金融知识进万家 争做理性投资者', from: '09-01', to: '09-30' },
];
const VENUES: VenueType[] = ['outlet', 'community', 'school', 'rural', 'enterprise', 'business_district', 'online'];
const GROUPS = [['elderly'], ['students'], ['new_citizens'], ['rural_residents', 'elderly'], ['general_public'], ['disabled', 'elderly']];
const TOPICS = ['防范电信网络诈骗', '个人征信', '货币金融知识', '理性投资'];
const STATES = ['verified', 'verified', 'verified', 'verified', 'submitted', 'returned', 'draft'] as const;

const admin = directory.users.find((u) => u.username === 'admin');
if (!admin) throw new Error('the directory has no admin user');
const adminActor: Actor = { id: admin.id, username: admin.username, roles: admin.roles, orgUnitId: admin.orgUnitId, orgPath: admin.orgPath, atHeadOffice: admin.atHeadOffice };
const head = directory.units.find((u) => u.code === 'HO');
if (!head) throw new Error('the directory has no head office HO');
// Reporting units: the demo outlets and branches (and sub-branches).
const reporters = directory.units.filter((u) => /^(OT|BR|SB)-/.test(u.code));
const staff = directory.users.filter((u) => u.roles.includes('staff')).map((u) => u.id);

const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, logger }), { logger: new PinoNestLogger(logger) });
await app.get(DirectoryReplica).loadSnapshot();
const campaigns = app.get(CampaignsService);
const repo = app.get(CampaignsRepository);
const activities = app.get(ActivitiesService);
const thisYear = new Date().getFullYear();
let made = 0;
let reported = 0;
try {
  for (const [y, year] of [thisYear - 1, thisYear].entries()) {
    for (const s of SERIES) {
      if (await repo.findInSeries(s.key, year, head.id)) continue;
      const branches = directory.units.filter((u) => /^BR-/.test(u.code));
      const c = await campaigns.create(adminActor, {
        seriesKey: s.key,
        year,
        name: s.names[y],
        theme: s.theme,
        startDate: `${year}-${s.from}`,
        endDate: `${year}-${s.to}`,
        orgUnitId: head.id,
        topics: TOPICS,
        targets: [
          { metric: 'sessions', value: reporters.length * perUnit },
          { metric: 'peopleReached', value: reporters.length * perUnit * 150 },
          ...branches.map((b) => ({ orgUnitId: b.id, metric: 'sessions', value: Math.ceil((reporters.length * perUnit) / branches.length / 1.2) })),
        ],
      });
      made++;
      let k = 0;
      for (const unit of reporters) {
        const reporter: Actor = { id: staff[k % staff.length] ?? admin.id, username: `demo-${unit.code}`, roles: ['staff'], orgUnitId: unit.id, orgPath: unit.path, atHeadOffice: false };
        for (let i = 0; i < perUnit + (y === 1 ? 1 : 0); i++, k++) {
          const venueType = VENUES[(k + i) % VENUES.length];
          const people = venueType === 'online' ? 0 : 40 + ((k * 37) % 260);
          const day = 1 + ((k * 5) % 27);
          const month = s.from.slice(0, 2);
          let a = await activities.create(reporter, {
            campaignId: c.id,
            date: `${year}-${month}-${String(day).padStart(2, '0')}`,
            venueType,
            targetGroups: GROUPS[k % GROUPS.length],
            topics: [TOPICS[k % TOPICS.length]],
            sessions: 1 + (k % 3 === 0 ? 1 : 0),
            staffIds: people ? staff.slice(0, Math.min(staff.length, 1 + (k % 3))) : [],
            materials: 30 + ((k * 13) % 170),
            peopleReached: people,
            onlineViews: venueType === 'online' ? 500 + ((k * 91) % 3000) : 0,
            eposters: k % 4 === 0,
            description: `${unit.name}${s.names[y]}宣教活动`,
          });
          reported++;
          const state = STATES[k % STATES.length];
          if (state === 'draft') continue;
          a = await activities.act(reporter, { id: a.id, action: 'submit', version: a.version });
          if (state === 'verified') await activities.act(adminActor, { id: a.id, action: 'verify', version: a.version });
          if (state === 'returned') await activities.act(adminActor, { id: a.id, action: 'return', version: a.version, reason: '请补充活动照片和签到表' });
        }
      }
    }
  }
  logger.info({ campaigns: made, activities: reported }, 'demo campaigns loaded');
} finally {
  await app.close();
}
