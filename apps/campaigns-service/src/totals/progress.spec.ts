import { describe, expect, it } from '@jest/globals';
import { METRICS, type MetricValues } from '@xb/contracts/campaigns';
import { summarySentence, tenThousands } from '../reports/campaign-report.js';
import { progressOf, yearOnYear } from './progress.js';

const values = (over: Partial<MetricValues>): MetricValues => ({ ...(Object.fromEntries(METRICS.map((m) => [m, 0])) as MetricValues), ...over });

describe('campaign progress, year on year and the summary sentence', () => {
  it('gives progress against each target, null when the target is 0', () => {
    const p = progressOf(new Map([['sessions', 2000], ['outlets', 0]]), values({ sessions: 2181, outlets: 300 }));
    expect(p).toEqual([
      { metric: 'sessions', target: 2000, actual: 2181, percent: 109.1 },
      { metric: 'outlets', target: 0, actual: 300, percent: null },
    ]);
    expect(progressOf(undefined, values({}))).toEqual([]);
  });

  it('says "no comparison" (null) without a previous campaign or with 0 last year, never 0 % or infinity', () => {
    const now = values({ sessions: 2181, materials: 130050 });
    expect(yearOnYear(now, null).every((y) => y.previous === null && y.changePercent === null)).toBe(true);
    const byMetric = Object.fromEntries(yearOnYear(now, values({ sessions: 2000, materials: 0 })).map((y) => [y.metric, y]));
    expect(byMetric.sessions).toMatchObject({ current: 2181, previous: 2000, changePercent: 9.1 });
    expect(byMetric.materials).toMatchObject({ current: 130050, previous: 0, changePercent: null });
  });

  it('writes the seed sentence with people in units of 10,000', () => {
    expect(tenThousands(659_868)).toBe('66');
    expect(tenThousands(12_345)).toBe('1.2');
    const v = values({ outlets: 300, sessions: 2181, distinctStaff: 4873, materials: 130050, eposterOutlets: 299, peopleReached: 659_868 });
    expect(summarySentence('全行', v)).toBe('全行共300个网点参与，集中宣教2181次，累计4873名员工参与，发放宣传资料130050份，299个网点播放电子海报，受教育人数约66万人');
  });
});
