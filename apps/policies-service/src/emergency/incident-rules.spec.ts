import { describe, expect, it } from '@jest/globals';
import type { PlanStructureDto } from '@xb/contracts/policies';
import { checklistOf, deadlinesOf, openMandatorySteps, recomputeDeadlines } from './incident-rules.js';

const plan: PlanStructureDto = {
  businessType: 'information_system',
  scenario: '核心系统中断',
  levels: [
    { level: 1, name: 'I级', triggers: '全行业务中断超过 2 小时' },
    { level: 3, name: 'III级', triggers: '单个网点中断' },
  ],
  team: [{ role: '组长', name: '王行长', contact: '13800000000' }],
  steps: [
    { order: 2, title: '启动备用系统', ownerRole: '科技部', minutesAllowed: 60, mandatory: true },
    { order: 1, title: '安抚客户', ownerRole: '网点负责人', minutesAllowed: 15, mandatory: false },
  ],
  reporting: [
    { level: 3, to: '总行', withinMinutes: 240 },
    { level: 3, to: '分行', withinMinutes: 120 },
    { level: 1, to: '总行', withinMinutes: 60 },
    { level: 1, to: '监管', withinMinutes: 24 * 60 },
  ],
};
const t0 = new Date('2026-03-01T08:00:00Z');

describe('incident rules', () => {
  it('freezes the steps in order with due times from activation', () => {
    const steps = checklistOf(plan, t0);
    expect(steps.map((s) => [s.order, s.dueAt, s.status])).toEqual([
      [1, '2026-03-01T08:15:00.000Z', 'open'],
      [2, '2026-03-01T09:00:00.000Z', 'open'],
    ]);
  });

  it('raising the level recomputes deadlines from activation; the earlier deadline wins', () => {
    const level3 = deadlinesOf(plan, 3, t0);
    expect(level3.map((d) => [d.to, d.dueAt])).toEqual([
      ['总行', '2026-03-01T12:00:00.000Z'],
      ['分行', '2026-03-01T10:00:00.000Z'],
    ]);
    const raised = recomputeDeadlines(level3, plan, 1, t0);
    expect(raised.map((d) => [d.to, d.dueAt, d.level])).toEqual([
      ['总行', '2026-03-01T09:00:00.000Z', 1],
      ['分行', '2026-03-01T10:00:00.000Z', 3],
      ['监管', '2026-03-02T08:00:00.000Z', 1],
    ]);
    // Lowering again never pushes a deadline later.
    expect(recomputeDeadlines(raised, plan, 3, t0)).toEqual(raised);
  });

  it('names the open mandatory steps', () => {
    const steps = checklistOf(plan, t0);
    expect(openMandatorySteps(steps).map((s) => s.order)).toEqual([2]);
    steps[1].status = 'done';
    expect(openMandatorySteps(steps)).toEqual([]);
  });
});
