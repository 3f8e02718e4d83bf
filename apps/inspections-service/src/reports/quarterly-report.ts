import { Injectable } from '@nestjs/common';
import type { Actor } from '@xb/contracts';
import { InspectionReportQueryDto, type AnalysisGroup, type InspectionAnalysis, type InspectionReportFile } from '@xb/contracts/inspections';
import { validateDto } from '@xb/service-kit';
import ExcelJS from 'exceljs';
import { AnalysisService } from '../analysis/analysis.service.js';
import { assertPermitted } from '../common/access.js';
import { bankDay, previousQuarter, quarterBounds } from '../common/dates.js';

const esc = (t: string) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}%`);
const signed = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);

/** Horizontal bars (0–100 %) as inline SVG: no script, nothing loaded. */
function bars(rows: { label: string; value: number | null }[], width = 640): string {
  const h = 22;
  const left = 180;
  const body = rows
    .map((r, i) => {
      const w = r.value === null ? 0 : ((width - left - 60) * r.value) / 100;
      const colour = r.value === null ? '#ccc' : r.value < 60 ? '#d32f2f' : r.value < 80 ? '#ed6c02' : '#2e7d32';
      return `<text x="${left - 6}" y="${i * h + 15}" text-anchor="end" font-size="12">${esc(r.label)}</text><rect x="${left}" y="${i * h + 4}" width="${w.toFixed(1)}" height="14" fill="${colour}"/><text x="${left + w + 4}" y="${i * h + 15}" font-size="12">${pct(r.value)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${rows.length * h + 8}" role="img">${body}</svg>`;
}

interface ReportData {
  title: string;
  period: string;
  byBranch: InspectionAnalysis;
  byOutlet: InspectionAnalysis;
  trend: AnalysisGroup[];
}

/**
 * 季度暗访情况通报: the quarter's analysis by branch and outlet, red-line failures, the
 * weakest items, rectification rates and the trend over the last four quarters, as a
 * printable HTML page with charts or an Excel workbook (the complaint report's shape).
 */
@Injectable()
export class InspectionReportService {
  constructor(private readonly analysis: AnalysisService) {}

  async quarterly(actor: Actor, data: unknown): Promise<InspectionReportFile> {
    assertPermitted(actor, 'inspection-analysis', 'list');
    const q = await validateDto(InspectionReportQueryDto, data);
    const quarter = `${q.year}Q${q.quarter}`;
    const { first, last } = quarterBounds(quarter);
    const to = last < bankDay() ? last : bankDay() < first ? first : bankDay();
    let trendFrom = quarter;
    for (let i = 0; i < 3; i++) trendFrom = previousQuarter(trendFrom);
    const [byBranch, byOutlet, trend] = await Promise.all([
      this.analysis.analyse(actor, { from: first, to, groupBy: 'branch' }),
      this.analysis.analyse(actor, { from: first, to, groupBy: 'outlet' }),
      this.analysis.analyse(actor, { from: quarterBounds(trendFrom).first, to, groupBy: 'quarter' }),
    ]);
    const report: ReportData = { title: `${q.year}年第${q.quarter}季度神秘人暗访情况通报`, period: `${first} 至 ${last}`, byBranch, byOutlet, trend: trend.groups };
    const name = `${report.title}.${q.format ?? 'xlsx'}`;
    if (q.format === 'html') return { filename: name, contentType: 'text/html; charset=utf-8', base64: Buffer.from(html(report), 'utf8').toString('base64') };
    return { filename: name, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: (await xlsx(report)).toString('base64') };
  }
}

function summary(r: ReportData): string[] {
  const o = r.byBranch.overall;
  const current = r.trend.at(-1);
  const weakest = o.weakestItems.map((w) => `“${w.text}”(得分率 ${pct(w.score)}，不合格 ${w.failures} 次)`).join('、');
  return [
    `本季度共完成暗访 ${o.visits} 次，综合得分 ${pct(o.total)}（各次实得分之和 ÷ 应得分之和），合格率 ${pct(o.passRate)}；触碰红线 ${o.redLineFailedVisits} 次。`,
    `较上季度 ${signed(current?.quarterOnQuarter)} 个百分点，较上年同期 ${signed(current?.yearOnYear)} 个百分点。`,
    `问题最集中的检查项：${weakest || '无'}。`,
    `本季度发现问题 ${o.rectifications.opened} 项，已整改验证 ${o.rectifications.verified} 项（完成率 ${pct(o.rectifications.completionRate)}），其中按期完成 ${o.rectifications.verifiedOnTime} 项（按期率 ${pct(o.rectifications.onTimeRate)}）。`,
  ];
}

function table(head: string[], rows: (string | number)[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const groupRows = (a: InspectionAnalysis) =>
  a.groups.map((g) => [g.name, g.visits, pct(g.total), ...a.dimensions.map((d) => pct(g.dimensions[d.key])), pct(g.passRate), g.redLineFailedVisits, pct(g.rectifications.completionRate), pct(g.rectifications.onTimeRate)]);
const groupHead = (a: InspectionAnalysis, first: string) => [first, '暗访次数', '综合得分', ...a.dimensions.map((d) => d.name), '合格率', '红线次数', '整改完成率', '按期率'];

function html(r: ReportData): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)}</title><style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}h1{font-size:22px}h2{font-size:16px;margin-top:24px}
table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #b0b7c3;padding:3px 6px;text-align:right}th{background:#dde7f3}td:first-child,th:first-child{text-align:left}
@media print{body{margin:0}}</style></head><body>
<h1>${esc(r.title)}</h1><p>统计期间：${esc(r.period)}</p>
<h2>一、总体情况</h2>${summary(r).map((p) => `<p>${esc(p)}</p>`).join('')}
<h2>二、各分行得分</h2>${bars(r.byBranch.groups.map((g) => ({ label: g.name, value: g.total })))}
${table(groupHead(r.byBranch, '分行'), groupRows(r.byBranch))}
<h2>三、各网点得分</h2>${table(groupHead(r.byOutlet, '网点'), groupRows(r.byOutlet))}
<h2>四、季度趋势</h2>${bars(r.trend.map((g) => ({ label: g.key, value: g.total })))}
${table(['季度', '暗访次数', '综合得分', '环比（百分点）', '同比（百分点）'], r.trend.map((g) => [g.key, g.visits, pct(g.total), signed(g.quarterOnQuarter), signed(g.yearOnYear)]))}
<p style="font-size:11px;color:#666">口径：得分为各次暗访实得分之和除以应得分之和；不适用项不计入应得分；触碰红线的暗访判为不合格。</p>
</body></html>`;
}

async function xlsx(r: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '消保平台';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const cover = wb.addWorksheet('通报');
  cover.getColumn(1).width = 110;
  cover.addRow([r.title]).font = { bold: true, size: 16 };
  cover.addRow([`统计期间：${r.period}`]);
  for (const p of summary(r)) cover.addRow([p]).alignment = { wrapText: true };
  const sheet = (name: string, head: string[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([`${r.title} — ${name}`]).font = { bold: true };
    ws.addRow([]);
    ws.addRow(head).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 14));
  };
  sheet('按分行', groupHead(r.byBranch, '分行'), groupRows(r.byBranch));
  sheet('按网点', groupHead(r.byOutlet, '网点'), groupRows(r.byOutlet));
  sheet('季度趋势', ['季度', '暗访次数', '综合得分', '环比（百分点）', '同比（百分点）'], r.trend.map((g) => [g.key, g.visits, pct(g.total), signed(g.quarterOnQuarter), signed(g.yearOnYear)]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
