import type { ChartSeries } from './quarterly-report.model.js';

/**
 * Inline SVG bar charts for the printable report: no scripts, no fonts or images from
 * elsewhere, so the page prints the same offline. Text uses the page's font stack.
 */

export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const VALUE = '#2f5b9a';
const COMPARE = '#b7c6dd';

/** Horizontal bars, one row per item, with the comparison value as a thin bar beneath. */
export function horizontalBarChart(series: ChartSeries, width = 640): string {
  const bars = series.bars;
  if (!bars.length) return `<p class="empty">${escapeXml(series.title)}:无数据</p>`;
  const labelWidth = 150;
  const rowHeight = 26;
  const top = 28;
  const chartWidth = width - labelWidth - 60;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.compare ?? 0)));
  const height = top + bars.length * rowHeight + 10;
  const rows = bars
    .map((b, i) => {
      const y = top + i * rowHeight;
      const w = (b.value / max) * chartWidth;
      const cw = ((b.compare ?? 0) / max) * chartWidth;
      return (
        `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end" class="label">${escapeXml(b.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="13" fill="${VALUE}"/>` +
        (b.compare !== undefined ? `<rect x="${labelWidth}" y="${y + 16}" width="${cw.toFixed(1)}" height="5" fill="${COMPARE}"/>` : '') +
        `<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + 13}" class="value">${b.value}</text>`
      );
    })
    .join('');
  return svg(series, width, height, rows);
}

/** Vertical bars per period (month), value and comparison side by side. */
export function columnChart(series: ChartSeries, width = 640): string {
  const bars = series.bars;
  if (!bars.length) return `<p class="empty">${escapeXml(series.title)}:无数据</p>`;
  const top = 28;
  const bottom = 24;
  const plotHeight = 170;
  const height = top + plotHeight + bottom;
  const slot = (width - 40) / bars.length;
  const barWidth = Math.min(28, slot / 3);
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.compare ?? 0)));
  const base = top + plotHeight;
  const cols = bars
    .map((b, i) => {
      const x = 20 + i * slot + slot / 2;
      const h = (b.value / max) * (plotHeight - 16);
      const ch = ((b.compare ?? 0) / max) * (plotHeight - 16);
      return (
        `<rect x="${(x - barWidth - 1).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${VALUE}"/>` +
        (b.compare !== undefined ? `<rect x="${(x + 1).toFixed(1)}" y="${(base - ch).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${ch.toFixed(1)}" fill="${COMPARE}"/>` : '') +
        `<text x="${(x - barWidth / 2 - 1).toFixed(1)}" y="${(base - h - 3).toFixed(1)}" text-anchor="middle" class="value">${b.value}</text>` +
        `<text x="${x.toFixed(1)}" y="${base + 15}" text-anchor="middle" class="label">${escapeXml(b.label)}</text>`
      );
    })
    .join('');
  return svg(series, width, height, `<line x1="16" y1="${base}" x2="${width - 16}" y2="${base}" stroke="#888"/>` + cols);
}

function svg(series: ChartSeries, width: number, height: number, body: string): string {
  const legend = series.legend
    ? `<rect x="${width - 190}" y="6" width="10" height="10" fill="${VALUE}"/><text x="${width - 176}" y="15" class="label">${escapeXml(series.legend[0])}</text>` +
      `<rect x="${width - 100}" y="6" width="10" height="10" fill="${COMPARE}"/><text x="${width - 86}" y="15" class="label">${escapeXml(series.legend[1])}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeXml(series.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<text x="0" y="15" class="title">${escapeXml(series.title)}</text>${legend}${body}</svg>`
  );
}
