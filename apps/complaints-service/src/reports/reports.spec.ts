import { describe, expect, it } from '@jest/globals';
import { ANALYSIS_DIMENSIONS } from '@xb/contracts';
import ExcelJS from 'exceljs';
import { demoTree, seedQuarter, unitVectors } from '../../test/fixtures/analysis-fixtures.js';
import { buildAnalysis } from '../analysis/analysis-builder.js';
import { lastYearPeriod, monthsOf, previousPeriod, quarterPeriod } from '../analysis/periods.js';
import { buildHtmlReport } from './html-report.js';
import { buildQuarterlyReport, reportFilename } from './quarterly-report.model.js';
import { buildXlsxReport } from './xlsx-report.js';

const tree = demoTree();
const q3 = quarterPeriod(2025, 3);
const seed = seedQuarter((i) => new Date(Date.UTC(2025, 6, 1 + (i % 90), 3)));
const lastYear = seedQuarter((i) => new Date(Date.UTC(2024, 6, 1 + (i % 90), 3))).slice(0, 85);
const analysis = buildAnalysis({
  period: q3,
  previousPeriod: previousPeriod(q3.from, q3.to),
  lastYearPeriod: lastYearPeriod(q3.from, q3.to),
  rootPath: '/',
  root: { orgUnitId: null, orgUnitName: null },
  groupBy: ANALYSIS_DIMENSIONS,
  units: [...tree.values()],
  current: unitVectors(seed, tree),
  previous: [],
  lastYear: unitVectors(lastYear, tree),
  monthly: [
    { month: '2025-07', n: 35, resolved: 0 },
    { month: '2025-08', n: 34, resolved: 0 },
    { month: '2025-09', n: 33, resolved: 0 },
  ],
  monthlyLastYear: [{ month: '2024-07', n: 85 }],
  overdueOpen: new Map(),
  months: monthsOf(q3.from, q3.to),
  now: new Date('2026-01-05T00:00:00Z'),
});
const report = buildQuarterlyReport(analysis, 2025, 3);

describe('the quarterly circulated report 通报', () => {
  it('tells the quarter in the words of the seed summaries', () => {
    expect(report.title).toBe('全行2025年第3季度客户投诉情况通报');
    expect(report.periodText).toBe('统计期间：2025年7月1日至2025年9月30日');
    const text = report.sections.flatMap((s) => s.paragraphs).join('\n');
    expect(text).toContain('本季度共受理投诉102起');
    expect(text).toContain('其中，政府服务热线12345转办81起（占79.41%），客户服务热线96677投诉17起（占16.67%），12363投诉4起（占3.92%）。');
    expect(text).toContain('较上年同期增加17起（+20.00%）');
    expect(text).toContain('总行营业部45起，占比44.12%；个人金融部17起，占比16.67%；安居支行11起，占比10.78%；96677电话银行中心9起，占比8.82%；射洪支行6起，占比5.88%');
    expect(text).toContain('大英支行3起，占比2.94%');
    expect(text).toContain('投诉量最多的机构为总行营业部，共45起，占全部投诉的44.12%');
    expect(text).toContain('社保卡17起（16.67%）');
    expect(report.sections.map((s) => s.heading)).toEqual(['一、总体情况', '二、机构分布', '三、业务类别及投诉原因', '四、办理时效', '五、回访满意度', '六、同比环比']);
    // Timeliness is 按时反馈: decided AND the customer informed within the limit (the clock stops at 反馈).
    expect(text).toContain('按时反馈（15日内作出处理决定并告知客户，经延期的在延长时限内）0起，按时反馈率—');
    expect(text).toContain('逾期未反馈');
    expect(text).not.toContain('按时办结');
    expect(report.topUnits.map((u) => u.name).slice(0, 2)).toEqual(['总行营业部', '个人金融部']);
    expect(reportFilename(report, 'xlsx')).toBe('全行客户投诉情况通报-2025年第3季度.xlsx');
  });

  it('writes an Excel workbook with a sheet per table, Chinese headers and numeric cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsxReport(report)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通报', '汇总', '按机构', '按渠道', '按业务类别', '按投诉原因', '反馈时效', '同比环比', '月度趋势']);
    const rows = (sheet: string) => (wb.getWorksheet(sheet)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const find = (sheet: string, label: string) => rows(sheet).find((r) => String(r[0]).trim() === label);
    expect(rows('按机构')[2]).toEqual(['机构', '机构编码', '机构类型', '本级投诉（起）', '本级占比（%）', '含下辖合计（起）', '合计占比（%）', '上年同期本级（起）', '同比（%）', '按时反馈率（%）', '逾期未反馈（起）']);
    expect(find('按机构', '总行营业部')!.slice(0, 7)).toEqual(['　总行营业部', 'HO-BIZ', '部门', 45, 44.12, 45, 44.12]);
    expect(find('按渠道', '政府服务热线12345转办')!.slice(0, 4)).toEqual(['政府服务热线12345转办', 'A03', 81, 79.41]);
    expect(find('按渠道', '本行客服热线（96677）')!.slice(0, 4)).toEqual(['本行客服热线（96677）', 'A02', 17, 16.67]);
    expect(find('汇总', '投诉总量（起）')).toEqual(['投诉总量（起）', 102]);
    expect(find('汇总', '同比（%）')).toEqual(['同比（%）', 20]);
    expect(find('同比环比', '投诉总量')!.slice(0, 8)).toEqual(['投诉总量', 102, 0, 102, '—', 85, 17, 20]);
    expect(find('月度趋势', '2025-07')).toEqual(['2025-07', 35, 85, 0]);
    expect(String(rows('通报')[0][0])).toBe('全行2025年第3季度客户投诉情况通报');
  });

  it('prints as one self-contained Chinese HTML page with inline SVG charts', () => {
    const html = buildHtmlReport(report);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@media print');
    expect(html).toContain('本季度共受理投诉102起');
    expect(html).toContain('总行营业部45起，占比44.12%');
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).toContain('<td class="n">44.12</td>');
    // No scripts and nothing fetched from elsewhere (the SVG namespace is a name, not a request).
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
  });

  it('escapes unit names in HTML', () => {
    const hostile = buildQuarterlyReport({ ...analysis, scope: { ...analysis.scope, orgUnitName: '<b>支行</b>&' } }, 2025, 3);
    const html = buildHtmlReport(hostile);
    expect(html).toContain('&lt;b&gt;支行&lt;/b&gt;&amp;');
    expect(html).not.toContain('<b>支行');
  });
});
