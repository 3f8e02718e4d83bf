import ExcelJS from 'exceljs';
import { METRIC_LABELS, METRICS, type CampaignTotalsView, type CampaignView, type MetricValues, type TotalsGroupView, type YearOnYearView } from '@xb/contracts/campaigns';

/** Everything a campaign summary shows: totals by unit, venue and audience, and year on year. */
export interface CampaignReport {
  campaign: Pick<CampaignView, 'name' | 'year' | 'theme' | 'startDate' | 'endDate' | 'seriesKey'>;
  scopeName: string;
  byUnit: CampaignTotalsView;
  byVenue: TotalsGroupView[];
  byAudience: TotalsGroupView[];
}

/** 约W万人: people reached in units of 10,000, one decimal (a whole number without ".0"). */
export function tenThousands(n: number): string {
  return String(Math.round(n / 1000) / 10);
}

/** The sentence the seeds report with (e.g. ICBC Chongqing's 3·15 summary). */
export function summarySentence(scopeName: string, v: MetricValues): string {
  return (
    `${scopeName}共${v.outlets}个网点参与，集中宣教${v.sessions}次，累计${v.distinctStaff}名员工参与，发放宣传资料${v.materials}份，` +
    `${v.eposterOutlets}个网点播放电子海报，受教育人数约${tenThousands(v.peopleReached)}万人`
  );
}

const yoyText = (y: YearOnYearView) => (y.changePercent === null ? '无可比数据' : `${y.changePercent > 0 ? '+' : ''}${y.changePercent}%`);
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A horizontal bar chart as inline SVG (prints without scripts). */
function barChart(title: string, rows: { label: string; value: number }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 22;
  const bars = rows
    .map(
      (r, i) =>
        `<text x="0" y="${i * h + 15}" font-size="12">${esc(r.label)}</text>` +
        `<rect x="160" y="${i * h + 4}" width="${Math.round((r.value / max) * 400)}" height="14" fill="#3b6fb6"/>` +
        `<text x="${166 + Math.round((r.value / max) * 400)}" y="${i * h + 15}" font-size="12">${r.value.toLocaleString('en-US')}</text>`,
    )
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" width="660" height="${rows.length * h + 8}" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

/** The printable HTML summary. */
export function campaignReportHtml(r: CampaignReport): string {
  const v = r.byUnit.overall;
  const units = r.byUnit.groups.filter((g) => g.depth === 1);
  const table = (rows: TotalsGroupView[], head: string) =>
    `<table><thead><tr><th>${head}</th>${METRICS.map((m) => `<th>${METRIC_LABELS[m].zh}</th>`).join('')}</tr></thead><tbody>${rows
      .map((g) => `<tr><td>${esc(g.label)}</td>${METRICS.map((m) => `<td class="n">${g.values[m]}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const prev = r.byUnit.previousCampaign;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.campaign.name)} 活动总结</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:24px}table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #b0b7c3;padding:3px 6px;font-size:12px}td.n{text-align:right}figure{margin:8px 0}figcaption{font-weight:bold}</style></head><body>
<h1>${esc(r.campaign.name)}（${r.campaign.year}）活动总结</h1>
<p>活动期间 ${r.campaign.startDate} 至 ${r.campaign.endDate}${r.campaign.theme ? `，主题：${esc(r.campaign.theme)}` : ''}。</p>
<p class="summary">${esc(summarySentence(r.scopeName, v))}。</p>
<h2>总体</h2>${table([{ key: 'all', label: r.scopeName, values: v, progress: [] }], '范围')}
${r.byUnit.progress.length ? `<h2>目标完成情况</h2><table><thead><tr><th>指标</th><th>目标</th><th>完成</th><th>完成率</th></tr></thead><tbody>${r.byUnit.progress.map((p) => `<tr><td>${METRIC_LABELS[p.metric].zh}</td><td class="n">${p.target}</td><td class="n">${p.actual}</td><td class="n">${p.percent === null ? '—' : `${p.percent}%`}</td></tr>`).join('')}</tbody></table>` : ''}
<h2>按机构</h2>${barChart('受众人数（按机构）', units.map((g) => ({ label: g.label, value: g.values.peopleReached })))}${table(units, '机构')}
<h2>按场所</h2>${barChart('受众人数（按场所）', r.byVenue.map((g) => ({ label: g.label, value: g.values.peopleReached })))}${table(r.byVenue, '场所')}
<h2>按人群</h2>${barChart('受众人数（按人群）', r.byAudience.map((g) => ({ label: g.label, value: g.values.peopleReached })))}${table(r.byAudience, '人群')}
<h2>同比</h2><p>${prev ? `对比：${esc(prev.name)}（${prev.year}）` : '上年同系列无活动：无可比数据'}</p>
<table><thead><tr><th>指标</th><th>本期</th><th>上年同期</th><th>同比</th></tr></thead><tbody>${r.byUnit.yearOnYear
    .map((y) => `<tr><td>${METRIC_LABELS[y.metric].zh}</td><td class="n">${y.current}</td><td class="n">${y.previous ?? '—'}</td><td class="n">${yoyText(y)}</td></tr>`)
    .join('')}</tbody></table>
</body></html>`;
}

/** The summary as an Excel workbook: 总结 (the sentence and totals), 按机构, 按场所, 按人群, 同比; figures are numbers. */
export async function campaignReportXlsx(r: CampaignReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '消保平台';
  const head = ['', ...METRICS.map((m) => METRIC_LABELS[m].zh)];
  const summary = wb.addWorksheet('总结');
  summary.addRow([`${r.campaign.name}（${r.campaign.year}）活动总结`]);
  summary.addRow([summarySentence(r.scopeName, r.byUnit.overall)]);
  summary.addRow([]);
  summary.addRow(head.map((h, i) => (i === 0 ? '范围' : h)));
  summary.addRow([r.scopeName, ...METRICS.map((m) => r.byUnit.overall[m])]);
  const sheet = (name: string, first: string, rows: TotalsGroupView[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(head.map((h, i) => (i === 0 ? first : h)));
    for (const g of rows) ws.addRow([`${'  '.repeat(Math.max(0, (g.depth ?? 0) - 0))}${g.label}`, ...METRICS.map((m) => g.values[m])]);
    ws.getRow(1).font = { bold: true };
    ws.getColumn(1).width = 28;
  };
  sheet('按机构', '机构', r.byUnit.groups);
  sheet('按场所', '场所', r.byVenue);
  sheet('按人群', '人群', r.byAudience);
  const yoy = wb.addWorksheet('同比');
  yoy.addRow(['指标', '本期', '上年同期', '同比（%）']);
  for (const y of r.byUnit.yearOnYear) yoy.addRow([METRIC_LABELS[y.metric].zh, y.current, y.previous ?? '无可比数据', y.changePercent ?? '无可比数据']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
