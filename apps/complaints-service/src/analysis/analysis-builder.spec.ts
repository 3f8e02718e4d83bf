import { describe, expect, it } from '@jest/globals';
import { ANALYSIS_DIMENSIONS } from '@xb/contracts';
import { demoTree, seedQuarter, unitVectors, type FactComplaint } from '../../test/fixtures/analysis-fixtures.js';
import { buildAnalysis, type AnalysisData } from './analysis-builder.js';
import { lastYearPeriod, monthsOf, period, previousPeriod } from './periods.js';

const DAY = 86_400_000;
const tree = demoTree();
const units = [...tree.values()];
const q3 = period('2025-07-01', '2025-09-30');
const inQ3 = (i: number) => new Date(Date.UTC(2025, 6, 1 + (i % 90), 3));
const now = new Date('2026-01-15T00:00:00Z');

function data(current: FactComplaint[], over: Partial<AnalysisData> = {}): AnalysisData {
  return {
    period: q3,
    previousPeriod: previousPeriod(q3.from, q3.to),
    lastYearPeriod: lastYearPeriod(q3.from, q3.to),
    rootPath: '/',
    root: { orgUnitId: null, orgUnitName: null },
    groupBy: ANALYSIS_DIMENSIONS,
    units,
    current: unitVectors(current, tree),
    previous: [],
    lastYear: [],
    monthly: [],
    monthlyLastYear: [],
    overdueOpen: new Map(),
    months: monthsOf(q3.from, q3.to),
    now,
    ...over,
  };
}

describe('building the analysis from roll-up sums', () => {
  const seed = seedQuarter(inQ3);

  it('reproduces the seed quarter: totals, channels and shares', () => {
    const a = buildAnalysis(data(seed));
    expect(a.total).toBe(102);
    const channel = Object.fromEntries(a.byChannel!.map((l) => [l.key, [l.count, l.share]]));
    expect(channel.hotline_12345).toEqual([81, 79.41]);
    expect(channel.own_hotline).toEqual([17, 16.67]);
    expect(channel.hotline_12363).toEqual([4, 3.92]);
    expect(channel.counter).toEqual([0, 0]);
    expect(a.transferred).toEqual({ hotline12345: 81, hotline12363: 4, regulatorTransfer: 0, total: 85, share: 83.33 });
    expect(a.byBusinessCategory!.find((l) => l.key === 'social_security_card')).toMatchObject({ count: 17, share: 16.67, code: 'B0201', label: '社保卡' });
  });

  it('rolls units up the tree: own and subtree counts with their shares', () => {
    const a = buildAnalysis(data(seed));
    const line = (code: string) => a.byOrgUnit!.find((l) => l.code === code)!;
    expect(line('HO')).toMatchObject({ own: 0, total: 102, totalShare: 100, level: 0, parentId: null });
    expect(line('HO-BIZ')).toMatchObject({ own: 45, total: 45, ownShare: 44.12, level: 1, parentId: tree.get('HO')!.id });
    expect(line('BR-ZY')).toMatchObject({ own: 2, total: 14, ownShare: 1.96, totalShare: 13.73 });
    expect(line('BR-MY')).toMatchObject({ own: 1, total: 13 });
    expect(line('SB-AJ')).toMatchObject({ own: 11, ownShare: 10.78, level: 2, parentId: tree.get('BR-ZY')!.id });
    expect(line('HO-TEL')).toMatchObject({ own: 9, ownShare: 8.82 });
    // Depth first, bigger subtrees first: 总行 → 总行营业部 (45) → 个人金融部 (17) → 资阳分行 (14) → …
    expect(a.byOrgUnit!.slice(0, 4).map((l) => l.code)).toEqual(['HO', 'HO-BIZ', 'HO-RET', 'BR-ZY']);
    expect(a.byOrgUnit!.find((l) => l.code === 'OT-X')).toBeUndefined();
  });

  it('compares with the previous quarter and last year, overall and per line', () => {
    const previous = unitVectors(seedQuarter((i) => new Date(Date.UTC(2025, 3, 1 + (i % 90)))).slice(0, 3), tree);
    const lastYear = unitVectors(
      Array.from({ length: 85 }, (_, i) => ({ unit: i < 40 ? 'HO-BIZ' : 'SB-AJ', channel: 'hotline_12345', businessCategory: 'loan', cause: 'fees', receivedAt: new Date(Date.UTC(2024, 7, 1)) })),
      tree,
    );
    const a = buildAnalysis(data(seed, { previous, lastYear }));
    expect(a.lastYear).toEqual({ current: 102, previous: 85, delta: 17, percent: 20 });
    expect(a.byChannel!.find((l) => l.key === 'hotline_12345')!.lastYear).toEqual({ current: 81, previous: 85, delta: -4, percent: -4.71 });
    expect(a.byOrgUnit!.find((l) => l.code === 'HO-BIZ')!.lastYear).toMatchObject({ current: 45, previous: 40, percent: 12.5 });
    expect(a.previous.previous).toBe(previous.reduce((n, r) => n + r.v[0], 0));
  });

  it('computes timeliness, satisfaction, handling days and closure buckets (the clock stops when the customer is informed)', () => {
    const r = new Date('2025-08-01T02:00:00Z');
    const d = (days: number) => new Date(r.getTime() + days * DAY);
    const base = { unit: 'SB-AJ', channel: 'counter', businessCategory: 'loan', cause: 'fees', receivedAt: r };
    const facts: FactComplaint[] = [
      { ...base, status: 'closed', resolvedAt: d(3), informedAt: d(3), satisfaction: 'satisfied' },
      { ...base, status: 'closed', resolvedAt: d(9), informedAt: d(10), satisfaction: 'basically_satisfied' },
      { ...base, status: 'replied', resolvedAt: d(20), informedAt: d(20), dueAt: d(30) },
      { ...base, status: 'closed', resolvedAt: d(17), informedAt: d(17), satisfaction: 'dissatisfied' },
      { ...base, status: 'in_progress' },
      { ...base, status: 'received' },
      { ...base, status: 'rejected' },
    ];
    const sbAj = tree.get('SB-AJ')!.id;
    const a = buildAnalysis(data(facts, { overdueOpen: new Map([[sbAj, 1]]) }));
    expect(a.timeliness).toEqual({ resolved: 4, informed: 4, onTime: 3, rate: 75 });
    expect(a.satisfaction).toEqual({ followedUp: 3, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, rate: 66.67 });
    expect(a.averageHandlingDays).toBe(12.5);
    expect(a.closureBuckets).toEqual({
      within15: 2,
      within16to30: 1,
      within31to60: 0,
      over60: 0,
      overdue: 2,
      overdueResolved: 1,
      overdueOpen: 1,
      openWithinLimit: 1,
      notResolved: 1,
    });
    expect(a.byOrgUnit!.find((l) => l.code === 'SB-AJ')).toMatchObject({ resolved: 4, informed: 4, onTime: 3, timelinessRate: 75, overdueOpen: 1 });
  });

  it('counts a case decided on day 14 but told on day 20 as late, and a decided-but-not-told one as open', () => {
    const r = new Date('2025-08-01T02:00:00Z');
    const d = (days: number) => new Date(r.getTime() + days * DAY);
    const base = { unit: 'SB-AJ', channel: 'counter', businessCategory: 'loan', cause: 'fees', receivedAt: r };
    const facts: FactComplaint[] = [
      { ...base, status: 'replied', resolvedAt: d(14), informedAt: d(20) },
      { ...base, status: 'closed', resolvedAt: d(5), informedAt: d(6), satisfaction: 'satisfied' },
      // Decided on day 10, customer not yet informed, now (2026) long past due.
      { ...base, status: 'resolved', resolvedAt: d(10) },
    ];
    const sbAj = tree.get('SB-AJ')!.id;
    const a = buildAnalysis(data(facts, { overdueOpen: new Map([[sbAj, 1]]) }));
    // Under the old rule (clock stopped at 办结) this was { resolved: 3, onTime: 3, rate: 100 }.
    expect(a.timeliness).toEqual({ resolved: 3, informed: 2, onTime: 1, rate: 50 });
    expect(a.averageHandlingDays).toBe(13);
    expect(a.closureBuckets).toMatchObject({ within15: 1, overdueResolved: 1, overdueOpen: 1, openWithinLimit: 0, overdue: 2, notResolved: 0 });
    expect(a.byOrgUnit!.find((l) => l.code === 'SB-AJ')).toMatchObject({ resolved: 3, informed: 2, onTime: 1, timelinessRate: 50, overdueOpen: 1 });
  });

  it('gives only the asked breakdowns and a full monthly series', () => {
    const a = buildAnalysis(
      data(seed, {
        groupBy: ['channel'],
        monthly: [{ month: '2025-08', n: 40, resolved: 3 }],
        monthlyLastYear: [{ month: '2024-07', n: 7 }],
      }),
    );
    expect(a.byChannel).toBeDefined();
    expect(a.byOrgUnit).toBeUndefined();
    expect(a.byCause).toBeUndefined();
    expect(a.trend).toEqual([
      { month: '2025-07', count: 0, lastYear: 7, resolved: 0 },
      { month: '2025-08', count: 40, lastYear: 0, resolved: 3 },
      { month: '2025-09', count: 0, lastYear: 0, resolved: 0 },
    ]);
  });

  it('analyses a subtree: levels start at its root, units outside are ignored', () => {
    const zy = tree.get('BR-ZY')!;
    const inside = seed.filter((c) => ['BR-ZY', 'SB-AJ', 'SB-LZ'].includes(c.unit));
    const a = buildAnalysis(data(inside, { rootPath: zy.path, root: { orgUnitId: zy.id, orgUnitName: zy.name }, units: units.filter((u) => u.path.startsWith(zy.path)) }));
    expect(a.total).toBe(14);
    expect(a.byOrgUnit!.map((l) => [l.code, l.own, l.total, l.level])).toEqual([
      ['BR-ZY', 2, 14, 0],
      ['SB-AJ', 11, 11, 1],
      ['SB-LZ', 1, 1, 1],
    ]);
    expect(a.scope).toEqual({ orgPath: zy.path, orgUnitId: zy.id, orgUnitName: '资阳分行' });
  });

  it('labels units the tree does not know by the name stored with their complaints', () => {
    const a = buildAnalysis(data(seed.slice(0, 3), { units: [] }));
    expect(a.byOrgUnit!.map((l) => [l.name, l.code, l.own])).toEqual([['总行营业部', null, 3]]);
  });
});
