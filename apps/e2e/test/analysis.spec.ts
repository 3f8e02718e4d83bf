import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { paths } from '@xb/api-client';
import ExcelJS from 'exceljs';
import { loadSeedQuarter, type SeedQuarterLoad } from '../src/fixtures/seed-quarter.js';
import { api, startStack, type Stack } from '../src/stack.js';
import { checkAnswer, typedApi } from '../src/typed-api.js';

/**
 * Complaint analysis 投诉分析 and the quarterly report 通报 through the gateway, on the
 * seed summary's quarter: 102 complaints, 81 via 12345, 17 via 96677, 4 via 12363, 45 at
 * 总行营业部 (44.12%) …, with 90 the quarter before and 85 the same quarter last year.
 */
const YEAR = 2025;
const QUARTER = 3;
const Q = { from: '2025-07-01', to: '2025-09-30' };

describe('complaint analysis and the quarterly report through the gateway', () => {
  let stack: Stack;
  let admin: string;
  let seed: SeedQuarterLoad;

  /** The analysis through the generated client: `data` is typed by the OpenAPI document and checked against it. */
  const analysis = async (token: string, query: paths['/api/complaints/analysis']['get']['parameters']['query']) => {
    const { data, error, response } = await typedApi(stack.baseUrl, token).GET('/api/complaints/analysis', { params: { query } });
    return { status: response.status, data, error };
  };
  const report = (token: string, params: Record<string, string>) =>
    api(stack.baseUrl, token)
      .get(`/api/complaints/reports/quarterly?${new URLSearchParams(params)}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    stack = await startStack({ name: 'analysis' });
    admin = await stack.login('admin');
    seed = await loadSeedQuarter(stack.baseUrl, admin, { year: YEAR, quarter: QUARTER, previousQuarter: 90, lastYearQuarter: 85 });
    // The workflow's outcome for the 17 social-security complaints: closed in 3 days, customers satisfied.
    const social = seed.ids.filter((_, i) => seed.bodies[i].businessCategory === 'social_security_card');
    await stack.sql(
      'complaints',
      `UPDATE complaint SET status = 'closed', resolved_at = received_at + interval '3 days', replied_at = received_at + interval '3 days',
              closed_at = received_at + interval '5 days', satisfaction = 'satisfied' WHERE id = ANY($1::uuid[])`,
      [social],
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('reproduces the seed summary’s figures in the analysis', async () => {
    const res = await analysis(admin, Q);
    expect(res.status).toBe(200);
    const a = res.data!;
    expect(a.total).toBe(102);
    const channel = Object.fromEntries(a.byChannel!.map((l) => [l.key, { count: l.count, share: l.share }]));
    expect(channel.hotline_12345).toEqual({ count: 81, share: 79.41 });
    expect(channel.own_hotline).toEqual({ count: 17, share: 16.67 });
    expect(channel.hotline_12363).toEqual({ count: 4, share: 3.92 });
    expect(a.transferred).toEqual({ hotline12345: 81, hotline12363: 4, regulatorTransfer: 0, total: 85, share: 83.33 });

    const unit = (code: string) => a.byOrgUnit!.find((l) => l.code === code)!;
    const own = (code: string) => [unit(code).own, unit(code).ownShare];
    expect(own('HO-BIZ')).toEqual([45, 44.12]);
    expect(own('SB-AJ')).toEqual([11, 10.78]);
    expect(own('SB-SH')).toEqual([6, 5.88]);
    expect(own('SB-PX')).toEqual([3, 2.94]);
    expect(own('SB-DY')).toEqual([3, 2.94]);
    expect(own('BR-ZY')).toEqual([2, 1.96]);
    expect(own('SB-LZ')).toEqual([1, 0.98]);
    expect(own('BR-MY')).toEqual([1, 0.98]);
    expect(own('HO-TEL')).toEqual([9, 8.82]);
    // Branches and sub-branches 72 + telephone centre 9 = the summary's 81 at branches; 21 at other head-office departments.
    expect(['HO-BIZ', 'SB-AJ', 'SB-SH', 'SB-PX', 'SB-DY', 'BR-ZY', 'SB-LZ', 'BR-MY', 'HO-TEL'].reduce((n, c) => n + unit(c).own, 0)).toBe(81);
    expect(unit('HO')).toMatchObject({ own: 0, total: 102, level: 0 });
    expect(unit('BR-ZY')).toMatchObject({ total: 14, totalShare: 13.73 });
    expect(unit('BR-MY')).toMatchObject({ total: 13 });
    expect(unit('SB-DY')).toMatchObject({ name: '大英支行', parentId: seed.units['BR-MY'] });

    expect(a.byBusinessCategory!.find((l) => l.key === 'social_security_card')).toMatchObject({ count: 17, share: 16.67 });
    expect(a.previous).toEqual({ current: 102, previous: 90, delta: 12, percent: 13.33 });
    expect(a.lastYear).toEqual({ current: 102, previous: 85, delta: 17, percent: 20 });
    // 按时反馈: the 17 were decided AND their customers informed on day 3 (replied_at), within the limit.
    expect(a.timeliness).toEqual({ resolved: 17, informed: 17, onTime: 17, rate: 100 });
    expect(a.satisfaction).toMatchObject({ followedUp: 17, satisfied: 17, rate: 100 });
    expect(a.averageHandlingDays).toBe(3);
    // The other 85 are still open and long past due.
    expect(a.closureBuckets).toMatchObject({ within15: 17, overdue: 85, overdueOpen: 85, openWithinLimit: 0 });
    expect(a.trend.map((t) => t.month)).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(a.trend.reduce((n, t) => n + t.count, 0)).toBe(102);
    expect(a.trend.reduce((n, t) => n + t.lastYear, 0)).toBe(85);
    // The typed client checked this answer against the document; a wrong shape would have failed it.
    expect(() => checkAnswer('/api/complaints/analysis', 'get', 200, { ...a, total: 'many' })).toThrow('/total must be number');
    expect(() => checkAnswer('/api/complaints/analysis', 'get', 200, { ...a, period: undefined })).toThrow("must have required property 'period'");
  });

  it('writes the quarter into an Excel workbook with the same figures', async () => {
    const res = await report(admin, { year: String(YEAR), quarter: String(QUARTER), format: 'xlsx' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="complaints-quarterly-2025-Q3.xlsx"; filename*=UTF-8''${encodeURIComponent('全行客户投诉情况通报-2025年第3季度.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通报', '汇总', '按机构', '按渠道', '按业务类别', '按投诉原因', '反馈时效', '同比环比', '月度趋势']);
    const row = (sheet: string, label: string) =>
      (wb.getWorksheet(sheet)!.getSheetValues() as unknown[][]).find((r) => typeof r?.[1] === 'string' && (r[1] as string).trim() === label)?.slice(1);
    expect(row('汇总', '投诉总量（起）')).toEqual(['投诉总量（起）', 102]);
    expect(row('汇总', '12345转办（起）')).toEqual(['12345转办（起）', 81]);
    expect(row('汇总', '同比（%）')).toEqual(['同比（%）', 20]);
    expect(row('按渠道', '政府服务热线12345转办')!.slice(2, 4)).toEqual([81, 79.41]);
    expect(row('按渠道', '本行客服热线（96677）')!.slice(2, 4)).toEqual([17, 16.67]);
    expect(row('按渠道', '人民银行12363热线转办')!.slice(2, 4)).toEqual([4, 3.92]);
    expect(row('按机构', '总行营业部')!.slice(1, 5)).toEqual(['HO-BIZ', '部门', 45, 44.12]);
    expect(row('按机构', '大英支行')!.slice(3, 5)).toEqual([3, 2.94]);
    expect(row('按机构', '96677电话银行中心')!.slice(3, 5)).toEqual([9, 8.82]);
    expect(row('按业务类别', '社保卡')!.slice(2, 4)).toEqual([17, 16.67]);
    expect(row('反馈时效', '15日内反馈')).toEqual(['15日内反馈', 17, 16.67]);
    expect(row('同比环比', '投诉总量')).toEqual(['投诉总量', 102, 90, 12, 13.33, 85, 17, 20]);
    const prose = (wb.getWorksheet('通报')!.getSheetValues() as unknown[][]).map((r) => String(r?.[1] ?? '')).join('\n');
    expect(prose).toContain('本季度共受理投诉102起');
  });

  it('prints the quarter as an HTML page in the words of the seed summaries', async () => {
    const res = await report(admin, { year: String(YEAR), quarter: String(QUARTER), format: 'html' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="complaints-quarterly-2025-Q3.html"/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = (res.body as Buffer).toString('utf8');
    expect(html).toContain('全行2025年第3季度客户投诉情况通报');
    expect(html).toContain('本季度共受理投诉102起，较上季度增加12起（+13.33%），较上年同期增加17起（+20.00%）。');
    expect(html).toContain('其中，政府服务热线12345转办81起（占79.41%），客户服务热线96677投诉17起（占16.67%），12363投诉4起（占3.92%）。');
    expect(html).toContain('总行营业部45起，占比44.12%');
    expect(html).toContain('安居支行11起，占比10.78%');
    expect(html).toContain('大英支行3起，占比2.94%');
    expect(html).toContain('投诉量最多的机构为总行营业部，共45起');
    expect(html).toContain('社保卡17起（16.67%）');
    expect(html).toContain('按时反馈（15日内作出处理决定并告知客户，经延期的在延长时限内）17起，按时反馈率100.00%');
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).not.toMatch(/<script|<link|<img/i);
  });

  it('keeps a handler at 资阳分行 to its subtree, in the analysis and in the report', async () => {
    const handler = await stack.login('handler');
    const res = await analysis(handler, Q);
    expect(res.status).toBe(200);
    const a = res.data!;
    expect(a.total).toBe(14);
    expect(a.scope).toMatchObject({ orgUnitId: seed.units['BR-ZY'], orgUnitName: '资阳分行' });
    expect(a.byOrgUnit!.map((l) => [l.code, l.own, l.ownShare])).toEqual([
      ['BR-ZY', 2, 14.29],
      ['SB-AJ', 11, 78.57],
      ['SB-LZ', 1, 7.14],
    ]);
    expect(a.byChannel!.find((l) => l.key === 'hotline_12363')!.count).toBe(2);
    expect((await analysis(handler, { ...Q, orgUnitId: seed.units['SB-AJ'] })).data!.total).toBe(11);
    expect((await analysis(handler, { ...Q, orgUnitId: seed.units['HO'] })).status).toBe(403);
    expect((await analysis(handler, { ...Q, orgUnitId: seed.units['SB-SH'] })).status).toBe(403);

    const page = await report(handler, { year: String(YEAR), quarter: String(QUARTER), format: 'html' });
    const html = (page.body as Buffer).toString('utf8');
    expect(html).toContain('资阳分行2025年第3季度客户投诉情况通报');
    expect(html).toContain('本季度共受理投诉14起');
    expect(html).not.toContain('总行营业部');
    // An admin may narrow to a branch.
    expect((await analysis(admin, { ...Q, orgUnitId: seed.units['BR-MY'] })).data!.total).toBe(13);
    // The auditor reads the whole bank.
    expect((await analysis(await stack.login('auditor'), Q)).data!.total).toBe(102);
  });

  it('refuses roles without access (403) and bad parameters (400 naming the field)', async () => {
    const trainer = await stack.login('trainer');
    expect((await analysis(trainer, Q)).status).toBe(403);
    expect((await report(trainer, { year: '2025', quarter: '3' })).status).toBe(403);
    expect((await api(stack.baseUrl).get('/api/complaints/analysis?from=2025-07-01&to=2025-09-30')).status).toBe(401);

    const fields = async (params: Record<string, string>) => {
      // Deliberately ill-typed input: the gateway must refuse what the document does not allow.
      const res = await analysis(admin, params as Parameters<typeof analysis>[1]);
      expect(res.status).toBe(400);
      return [...new Set((res.error!.details ?? []).map((d) => d.field))].sort();
    };
    expect(await fields({ from: 'yesterday', to: '2025-09-30' })).toEqual(['from']);
    expect(await fields({ to: '2025-09-30' })).toEqual(['from']);
    expect(await fields({ from: '2025-02-30', to: '2025-03-31' })).toEqual(['from']);
    expect(await fields({ from: '2025-09-30', to: '2025-07-01' })).toEqual(['to']);
    expect(await fields({ from: '2019-01-01', to: '2025-01-01' })).toEqual(['to']);
    expect(await fields({ ...Q, groupBy: 'channel,weather' })).toEqual(['groupBy']);
    expect(await fields({ ...Q, orgUnitId: 'HO' })).toEqual(['orgUnitId']);
    expect((await analysis(admin, { ...Q, orgUnitId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const grouped = await analysis(admin, { ...Q, groupBy: 'channel,orgUnit' });
    expect(grouped.data!.groupBy).toEqual(['orgUnit', 'channel']);
    expect(grouped.data!.byCause).toBeUndefined();

    const reportFields = async (params: Record<string, string>) => {
      const res = await report(admin, params);
      expect(res.status).toBe(400);
      return [...new Set((JSON.parse((res.body as Buffer).toString('utf8')).details as { field: string }[]).map((d) => d.field))].sort();
    };
    expect(await reportFields({ year: '2025', quarter: '5' })).toEqual(['quarter']);
    expect(await reportFields({ year: 'last', quarter: '3', format: 'pdf' })).toEqual(['format', 'year']);
  });
});
