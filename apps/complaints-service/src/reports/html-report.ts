import { decimalsOf, type QuarterlyReport, type ReportTable } from './quarterly-report.model.js';
import { columnChart, escapeXml, horizontalBarChart } from './svg-charts.js';

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif;
         color: #1b1f24; margin: 24px auto; max-width: 960px; line-height: 1.65; font-size: 14px; }
  h1 { text-align: center; font-size: 22px; margin: 0 0 4px; }
  .meta { text-align: center; color: #555; margin: 0; font-size: 13px; }
  h2 { font-size: 16px; margin: 22px 0 6px; border-left: 4px solid #2f5b9a; padding-left: 8px; }
  h3 { font-size: 14px; margin: 16px 0 6px; }
  p { margin: 4px 0; text-indent: 2em; }
  p.empty { text-indent: 0; color: #777; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 12.5px; }
  th, td { border: 1px solid #b0b7c3; padding: 3px 6px; }
  th { background: #dde7f3; font-weight: 600; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .charts { display: flex; flex-wrap: wrap; gap: 12px 24px; }
  svg.chart text { font-size: 11px; fill: #1b1f24; }
  svg.chart text.title { font-size: 13px; font-weight: 600; }
  .toolbar { text-align: right; }
  @page { size: A4; margin: 16mm 14mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 12px; }
    .toolbar { display: none; }
    h2, h3 { break-after: avoid; }
    table, svg.chart { break-inside: avoid; }
    thead { display: table-header-group; }
  }
`;

function tableHtml(table: ReportTable): string {
  const head = table.headers.map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row
          .map((v, i) => {
            if (v === null) return '<td class="n">—</td>';
            if (typeof v === 'number') return `<td class="n">${v.toFixed(decimalsOf(table, row, i))}</td>`;
            return `<td>${escapeXml(v)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<h3>${escapeXml(table.title)}</h3><table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${table.headers.length}">无数据</td></tr>`}</tbody></table>`;
}

/**
 * The report as one printable HTML page in Chinese: prose, tables and inline SVG charts,
 * with print CSS (A4, tables not split). Self-contained: no scripts, no external assets.
 */
export function buildHtmlReport(report: QuarterlyReport): string {
  const t = report.tables;
  const c = report.charts;
  const sections = report.sections
    .map((s) => `<h2>${escapeXml(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('')}`)
    .join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(report.title)}</h1>
<p class="meta">${escapeXml(report.periodText)}</p>
<p class="meta">${escapeXml(report.generatedText)}</p>
${sections}
<h2>附：图表</h2>
<div class="charts">
${horizontalBarChart(c.byChannel)}
${horizontalBarChart(c.byUnit)}
${horizontalBarChart(c.byCategory)}
${columnChart(c.trend)}
</div>
<h2>附：统计表</h2>
${[t.summary, t.byUnit, t.byChannel, t.byCategory, t.byCause, t.closure, t.comparison, t.trend].map(tableHtml).join('\n')}
</body>
</html>
`;
}
