import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TEMPLATE } from './default-template.js';
import { ItemAnswer, roundHalfUp, rollUpVisits, scoreVisit } from './scoring.js';
import { ChecklistTemplate, ScoringInputError, TemplateItem, templateMaximum, templateProblems } from './template.js';

const pf = (key: string, dimensionKey: string, weight: number, extra: Partial<TemplateItem> = {}): TemplateItem => ({
  key,
  dimensionKey,
  text: key,
  weight,
  answerType: 'pass_fail',
  naAllowed: true,
  redLine: false,
  photoOnFail: false,
  ...extra,
});

/** Three dimensions weighted 50 / 30 / 20, pass marks 60 each and 80 overall. */
const template: ChecklistTemplate = {
  key: 't',
  name: 't',
  passMark: 80,
  dimensions: [
    { key: 'A', name: 'A', weight: 50, passMark: 60 },
    { key: 'B', name: 'B', weight: 30, passMark: 60 },
    { key: 'C', name: 'C', weight: 20, passMark: 60 },
  ],
  items: [
    pf('a1', 'A', 2),
    pf('a2', 'A', 2),
    pf('a3', 'A', 1),
    { ...pf('a4', 'A', 5), answerType: 'scale', scaleMax: 4, passAt: 3 },
    pf('b1', 'B', 1),
    pf('b2', 'B', 1),
    pf('c1', 'C', 1),
    pf('c2', 'C', 3),
  ],
};

const answer = (pairs: Record<string, ItemAnswer['value']>): ItemAnswer[] => Object.entries(pairs).map(([itemKey, value]) => ({ itemKey, value }));
const allPass = { a1: 'pass', a2: 'pass', a3: 'pass', a4: 4, b1: 'pass', b2: 'pass', c1: 'pass', c2: 'pass' } as const;

describe('scoreVisit (暗访评分)', () => {
  it('scores item × weight, a scale item as k/N of its weight, and totals by dimension weight', () => {
    // A: a1 pass 2/2, a2 fail 0/2, a3 pass 1/1, a4 = 2 of 4 → 5 × 0.5 = 2.5 of 5 → 5.5 / 10 = 55 %.
    // B: 1 of 2 = 50 %. C: c1 fail, c2 pass → 3 / 4 = 75 %.
    // Total = (50 × .55 + 30 × .5 + 20 × .75) / 100 = (27.5 + 15 + 15) / 100 = 57.5 %.
    const s = scoreVisit(template, answer({ a1: 'pass', a2: 'fail', a3: 'pass', a4: 2, b1: 'pass', b2: 'fail', c1: 'fail', c2: 'pass' }));
    expect(s.dimensions.map((d) => [d.key, d.achieved, d.possible, d.score, d.passed])).toEqual([
      ['A', 5.5, 10, 55, false],
      ['B', 1, 2, 50, false],
      ['C', 3, 4, 75, true],
    ]);
    expect(s.total).toBe(57.5);
    expect(s.points).toEqual({ achieved: 57.5, possible: 100 });
    expect(s.passed).toBe(false);
    // a4 = 2 is below its passAt 3: a finding, like the failed pass/fail items.
    expect(s.failedItems).toEqual(['a2', 'a4', 'b2', 'c1']);
    expect(s.complete).toBe(true);
  });

  it('leaves an N/A item out of both achieved and possible (never 0, never full marks)', () => {
    // A without a2: 2 + 1 + 5 of 5 + … → a1 pass 2, a3 fail 0, a4 4/4 5 → 7 / 8 = 87.5 %.
    const s = scoreVisit(template, answer({ ...allPass, a2: 'na', a3: 'fail' }));
    const a = s.dimensions[0];
    expect([a.achieved, a.possible, a.answeredItems, a.score]).toEqual([7, 8, 3, 87.5]);
    // Counted as 0 it would be 7 / 10 = 70; as full marks 9 / 10 = 90.
    expect(s.items.find((i) => i.key === 'a2')).toMatchObject({ state: 'na', achieved: 0, possible: 0, failed: false });
  });

  it('gives no score (null, not 0 or 100) when every item is N/A', () => {
    const s = scoreVisit(template, answer(Object.fromEntries(template.items.map((i) => [i.key, 'na']))));
    expect(s.total).toBeNull();
    expect(s.passed).toBeNull();
    expect(s.scorePassed).toBeNull();
    expect(s.dimensions.every((d) => d.score === null && d.passed === null)).toBe(true);
    expect(s.points).toEqual({ achieved: 0, possible: 0 });
  });

  it('re-scales the dimension weights over the dimensions that have an answered item', () => {
    // C all N/A; A 80 % (a1, a2 pass 4, a3 fail, a4 0/4 … chosen below), B 50 %.
    // A: a1 pass 2, a2 pass 2, a3 pass 1, a4 = 3 → 3.75 → 8.75 / 10 = 87.5 %.
    const s = scoreVisit(template, answer({ a1: 'pass', a2: 'pass', a3: 'pass', a4: 3, b1: 'pass', b2: 'fail', c1: 'na', c2: 'na' }));
    expect(s.dimensions[2]).toMatchObject({ key: 'C', score: null, passed: null, answeredItems: 0 });
    // (50 × .875 + 30 × .5) / (50 + 30) = (43.75 + 15) / 80 = 73.4375 → 73.44.
    // C as 0 would give 58.75 / 100 = 58.75; C as 100 would give 78.75.
    expect(s.total).toBe(73.44);
    expect(s.points).toEqual({ achieved: 58.75, possible: 80 });
  });

  it('lets an item of weight 0 fail (a finding) without moving the score', () => {
    const t: ChecklistTemplate = { ...template, items: [...template.items, pf('b0', 'B', 0)] };
    const withPass = scoreVisit(t, answer({ ...allPass, b0: 'pass' }));
    const withFail = scoreVisit(t, answer({ ...allPass, b0: 'fail' }));
    expect(withFail.total).toBe(100);
    expect(withFail.dimensions[1]).toEqual(withPass.dimensions[1]);
    expect(withFail.failedItems).toEqual(['b0']);
    expect(withFail.passed).toBe(true);
    // A dimension whose only answered item weighs 0 has no score either.
    const onlyZero = scoreVisit(t, answer({ ...allPass, b1: 'na', b2: 'na', b0: 'fail' }));
    expect(onlyZero.dimensions[1].score).toBeNull();
  });

  it('fails the visit on a red-line failure even with a 100 % total, and shows the total', () => {
    const t: ChecklistTemplate = { ...template, items: [...template.items, pf('red', 'A', 0, { redLine: true, photoOnFail: true })] };
    const s = scoreVisit(t, answer({ ...allPass, red: 'fail' }));
    expect(s.total).toBe(100);
    expect(s.scorePassed).toBe(true);
    expect(s.redLineFailed).toBe(true);
    expect(s.redLineFailures).toEqual(['red']);
    expect(s.passed).toBe(false);
    expect(s.items.find((i) => i.key === 'red')).toMatchObject({ failed: true, photoOnFail: true });
  });

  it('lists failed items that need a photo and have none', () => {
    const t: ChecklistTemplate = {
      ...template,
      items: [...template.items, pf('p1', 'A', 1, { photoOnFail: true }), pf('p2', 'A', 1, { photoOnFail: true }), pf('p3', 'A', 1, { photoOnFail: true })],
    };
    const s = scoreVisit(t, [...answer({ ...allPass, p1: 'fail', p3: 'pass' }), { itemKey: 'p2', value: 'fail', photos: 2 }]);
    expect(s.missingPhotos).toEqual(['p1']);
    expect(() => scoreVisit(t, [{ itemKey: 'p1', value: 'fail', photos: -1 }])).toThrow(/answers\[0\]\.photos/);
  });

  it('treats a red-line item answered N/A as no failure and leaves it out of the maximum', () => {
    const t: ChecklistTemplate = { ...template, items: [...template.items, pf('red', 'B', 3, { redLine: true })] };
    const s = scoreVisit(t, answer({ ...allPass, red: 'na' }));
    expect(s.redLineFailed).toBe(false);
    expect(s.passed).toBe(true);
    expect(s.dimensions[1]).toMatchObject({ achieved: 2, possible: 2, score: 100 });
  });

  it('rounds half-up to 2 decimals once, and judges pass marks on the rounded figure', () => {
    expect([roundHalfUp(28.125), roundHalfUp(1.005), roundHalfUp(0.285 * 100), roundHalfUp(200 / 3)]).toEqual([28.13, 1.01, 28.5, 66.67]);
    // B: 1 pass of weight 1, 1 fail of weight 2 → 33.333… → 33.33.
    const third = scoreVisit({ ...template, items: [pf('b1', 'B', 1), pf('b2', 'B', 2)] }, answer({ b1: 'pass', b2: 'fail' }));
    expect(third.dimensions[1].score).toBe(33.33);
    expect(third.total).toBe(33.33);
    // 9 of 32 = 28.125 % → 28.13 (half-up, not banker's 28.12).
    const ninth = scoreVisit({ ...template, items: [pf('x', 'A', 9), pf('y', 'A', 23)] }, answer({ x: 'pass', y: 'fail' }));
    expect(ninth.total).toBe(28.13);
    // 19,999 of 25,000 = 79.996 % → 80.00, which meets a pass mark of 80.
    const edge = scoreVisit({ ...template, items: [pf('x', 'A', 19999), pf('y', 'A', 5001)] }, answer({ x: 'pass', y: 'fail' }));
    expect(edge.total).toBe(80);
    expect(edge.scorePassed).toBe(true);
    expect(edge.passed).toBe(true);
    // The total comes from the unrounded dimension ratios: A 10.0044 % and B 10.0054 % at equal
    // weight → 10.0049 → 10.00; averaging the rounded 10.00 and 10.01 would give 10.01.
    const mix: ChecklistTemplate = {
      ...template,
      dimensions: [
        { key: 'A', name: 'A', weight: 1, passMark: 0 },
        { key: 'B', name: 'B', weight: 1, passMark: 0 },
      ],
      items: [pf('a1', 'A', 100044), pf('a2', 'A', 899956), pf('b1', 'B', 100054), pf('b2', 'B', 899946)],
    };
    const m = scoreVisit(mix, answer({ a1: 'pass', a2: 'fail', b1: 'pass', b2: 'fail' }));
    expect(m.dimensions.map((d) => d.score)).toEqual([10, 10.01]);
    expect(m.total).toBe(10);
  });

  it('fails a visit below a dimension pass mark only when the template says every dimension must pass', () => {
    // A 100 %, B 0 %, C 100 % → total 70 %; with pass mark 60 the total passes.
    const answers = answer({ ...allPass, b1: 'fail', b2: 'fail' });
    expect(scoreVisit({ ...template, passMark: 60 }, answers)).toMatchObject({ total: 70, passed: true });
    expect(scoreVisit({ ...template, passMark: 60, everyDimensionMustPass: true }, answers)).toMatchObject({ total: 70, passed: false });
  });

  it('lists unanswered items and scores the rest (the running score while a visit is filled in)', () => {
    const s = scoreVisit(template, answer({ a1: 'pass', b1: 'fail' }));
    expect(s.complete).toBe(false);
    expect(s.unansweredItems).toEqual(['a2', 'a3', 'a4', 'b2', 'c1', 'c2']);
    // A 100 % (weight 50), B 0 % (weight 30), C no score → 50 / 80 = 62.5.
    expect(s.total).toBe(62.5);
  });

  it('refuses invalid answers, naming every bad field', () => {
    const strict: ChecklistTemplate = { ...template, items: template.items.map((i) => (i.key === 'a1' ? { ...i, naAllowed: false } : i)) };
    let error: unknown;
    try {
      scoreVisit(strict, [
        { itemKey: 'a1', value: 'na' },
        { itemKey: 'a4', value: 5 },
        { itemKey: 'b1', value: 2 },
        { itemKey: 'b1', value: 'pass' },
        { itemKey: 'zz', value: 'pass' },
        { itemKey: 'c1', value: 1.5 },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScoringInputError);
    expect((error as ScoringInputError).problems.map((p) => p.field)).toEqual([
      'answers[0].value',
      'answers[1].value',
      'answers[2].value',
      'answers[3].itemKey',
      'answers[4].itemKey',
      'answers[5].value',
    ]);
  });
});

describe('rollUpVisits (roll-up over visits)', () => {
  it('reports the ratio of totals where it differs from the average of percentages', () => {
    // Visit 1 answers only b1 (pass) in B: 1/1 = 100 %. Visit 2 answers b1 fail, b2 fail, and B has weight-1 items only: 0/2 = 0 %.
    // Visit 3: B 1 of 2 = 50 %. Average of B percentages = (100 + 0 + 50) / 3 = 50; ratio = (1 + 0 + 1) / (1 + 2 + 2) = 40 %.
    const v1 = scoreVisit(template, answer({ ...allPass, b2: 'na' }));
    const v2 = scoreVisit(template, answer({ ...allPass, a1: 'fail', c1: 'na', c2: 'na', b1: 'fail', b2: 'fail' }));
    const v3 = scoreVisit(template, answer({ ...allPass, b2: 'fail' }));
    const r = rollUpVisits([v1, v2, v3]);
    const bPercents = [v1, v2, v3].map((v) => v.dimensions[1].score as number);
    expect(bPercents).toEqual([100, 0, 50]);
    expect(bPercents.reduce((a, b) => a + b) / 3).toBe(50);
    expect(r.dimensions.B).toEqual({ achieved: 2, possible: 5, score: 40 });
    // Totals: v1 100 % of 100 points, v2 (50 × 0.8 + 30 × 0) / 80 = 50 % of 80 points, v3 85 % of 100 points.
    expect([v1.total, v2.total, v3.total]).toEqual([100, 50, 85]);
    // Ratio (100 + 40 + 85) / (100 + 80 + 100) = 225 / 280 = 80.357… → 80.36; the average of totals would be 78.33.
    expect(r.total).toBe(80.36);
    expect(r).toMatchObject({ visits: 3, judged: 3, passed: 2, passRate: 66.67, redLineFailedVisits: 0 });
  });

  it('counts red-line failures and leaves unjudged visits out of the pass rate', () => {
    const t: ChecklistTemplate = { ...template, items: [...template.items, pf('red', 'A', 1, { redLine: true })] };
    const failed = scoreVisit(t, answer({ ...allPass, red: 'fail' }));
    const none = scoreVisit(t, answer(Object.fromEntries(t.items.map((i) => [i.key, 'na']))));
    const r = rollUpVisits([failed, none]);
    expect(r).toMatchObject({ visits: 2, judged: 1, passed: 0, passRate: 0, redLineFailedVisits: 1 });
    expect(rollUpVisits([])).toMatchObject({ visits: 0, total: null, passRate: null });
  });
});

describe('templates', () => {
  it('lists every problem of a bad template', () => {
    const bad: ChecklistTemplate = {
      key: 'bad',
      name: 'bad',
      passMark: 120,
      dimensions: [
        { key: 'A', name: 'A', weight: -1, passMark: 50 },
        { key: 'A', name: 'A2', weight: 1, passMark: 50 },
      ],
      items: [pf('x', 'Z', 1), { ...pf('y', 'A', 1), answerType: 'scale', scaleMax: 0 }, { ...pf('x', 'A', 1), answerType: 'scale', scaleMax: 4, passAt: 5 }],
    };
    expect(templateProblems(bad).map((p) => p.field)).toEqual([
      'passMark',
      'dimensions[0].weight',
      'dimensions[1].key',
      'items[0].dimensionKey',
      'items[1].scaleMax',
      'items[2].key',
      'items[2].passAt',
    ]);
    expect(() => scoreVisit(bad, [])).toThrow(ScoringInputError);
  });

  it('ships a valid default template with the six dimensions of the seed and real items', () => {
    expect(templateProblems(DEFAULT_TEMPLATE)).toEqual([]);
    expect(DEFAULT_TEMPLATE.dimensions.map((d) => d.name)).toEqual(['营业环境及设施', '员工职业形象', '大堂经理服务', '柜员服务', '客户经理服务', '保安服务']);
    for (const d of DEFAULT_TEMPLATE.dimensions) {
      expect(DEFAULT_TEMPLATE.items.filter((i) => i.dimensionKey === d.key).length).toBeGreaterThanOrEqual(5);
    }
    const texts = DEFAULT_TEMPLATE.items.map((i) => i.text).join('\n');
    for (const phrase of ['投诉电话', '价格', '唱收唱付', '风险提示', '双录', '适当性', '误导销售', '主动问候', '秩序']) expect(texts).toContain(phrase);
    expect(DEFAULT_TEMPLATE.items.filter((i) => i.redLine).length).toBeGreaterThanOrEqual(5);
    expect(DEFAULT_TEMPLATE.items.filter((i) => i.photoOnFail).length).toBeGreaterThanOrEqual(5);
    expect(DEFAULT_TEMPLATE.items.some((i) => i.answerType === 'scale')).toBe(true);
    expect(templateMaximum(DEFAULT_TEMPLATE).dimensions.teller).toBe(16);
    // A perfect visit scores 100 and passes.
    const perfect = scoreVisit(
      DEFAULT_TEMPLATE,
      DEFAULT_TEMPLATE.items.map((i) => ({ itemKey: i.key, value: i.answerType === 'scale' ? (i.scaleMax as number) : 'pass' })),
    );
    expect(perfect).toMatchObject({ total: 100, passed: true, complete: true });
  });
});
