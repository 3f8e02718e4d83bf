import type { BreakdownLine, Change, Channel, ComplaintAnalysis, OrgUnitLine } from '@xb/contracts';
import { formatChange, formatPercent, PERCENT_DECIMALS, shareOf } from '../analysis/percent.js';

/**
 * The quarterly circulated report 季度投诉情况通报, as data: the narrative in the words the
 * bank's own summaries use ("本季度共受理投诉102起,其中政府服务热线12345转办81起 …
 * 总行营业部45起,占比44.1%") and the tables. The Excel and HTML builders only lay it out.
 */

export interface ReportTable {
  /** Sheet / section name. */
  name: string;
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Columns holding percentages (0-based), for number formats. */
  percentColumns?: number[];
}

/**
 * Decimal places of a number cell: percentages two (percent columns, and in a label/value
 * table the rows labelled （%）), days one (rows labelled 天数…), counts none.
 */
export function decimalsOf(table: ReportTable, row: ReportTable['rows'][number], column: number): number {
  const label = column > 0 && typeof row[0] === 'string' ? row[0] : '';
  if (table.percentColumns?.includes(column) || /（%）$/.test(label)) return PERCENT_DECIMALS;
  return /天数/.test(label) ? 1 : 0;
}

export interface ChartSeries {
  title: string;
  bars: { label: string; value: number; compare?: number }[];
  /** Legend of value / compare. */
  legend?: [string, string];
}

export interface QuarterlyReport {
  year: number;
  quarter: number;
  scopeName: string;
  title: string;
  periodText: string;
  generatedText: string;
  /** Numbered sections of prose. */
  sections: { heading: string; paragraphs: string[] }[];
  tables: {
    summary: ReportTable;
    byUnit: ReportTable;
    byChannel: ReportTable;
    byCategory: ReportTable;
    byCause: ReportTable;
    closure: ReportTable;
    comparison: ReportTable;
    trend: ReportTable;
  };
  charts: { byUnit: ChartSeries; byChannel: ChartSeries; byCategory: ChartSeries; trend: ChartSeries };
  topUnits: OrgUnitLine[];
  topCauses: BreakdownLine[];
}

/** How the bank's summaries name each channel in prose. */
const CHANNEL_PHRASE: Record<Channel, string> = {
  hotline_12345: '政府服务热线12345转办',
  own_hotline: '客户服务热线96677投诉',
  hotline_12363: '12363投诉',
  regulator_transfer: '监管转办',
  counter: '营业网点柜面受理',
  online: '网上银行/手机银行渠道',
  letter: '信函投诉',
  email: '电子邮件投诉',
  media: '媒体反映',
};

const TYPE_ZH: Record<string, string> = { head_office: '总行', branch: '分行', sub_branch: '支行', outlet: '网点', department: '部门' };
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const fmtDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** "增加5起(+12.5%)", "减少3起(-7.0%)", "持平", "新增4起". */
function changeText(c: Change): string {
  if (c.delta === 0) return '持平';
  const word = c.delta > 0 ? '增加' : '减少';
  return `${word}${Math.abs(c.delta)}起（${formatChange(c)}）`;
}

const byCount = <T extends { count: number }>(lines: readonly T[] | undefined) => [...(lines ?? [])].filter((l) => l.count > 0).sort((a, b) => b.count - a.count);

function breakdownTable(name: string, title: string, first: string, lines: readonly BreakdownLine[] | undefined): ReportTable {
  return {
    name,
    title,
    headers: [first, '统计编码', '投诉数（起）', '占比（%）', '上季度（起）', '环比（%）', '上年同期（起）', '同比（%）'],
    rows: [...(lines ?? [])]
      .sort((a, b) => b.count - a.count)
      .map((l) => [l.label, l.code, l.count, l.share, l.previous.previous, l.previous.percent, l.lastYear.previous, l.lastYear.percent]),
    percentColumns: [3, 5, 7],
  };
}

export function buildQuarterlyReport(a: ComplaintAnalysis, year: number, quarter: number): QuarterlyReport {
  const scopeName = a.scope.orgUnitName ?? '全行';
  const units = a.byOrgUnit ?? [];
  const unitsWithOwn = units.filter((u) => u.own > 0).sort((x, y) => y.own - x.own || x.name.localeCompare(y.name));
  const channels = byCount(a.byChannel);
  const categories = byCount(a.byBusinessCategory);
  const causes = byCount(a.byCause);
  const major = a.bySeverity?.find((s) => s.key === 'major')?.count ?? 0;
  const b = a.closureBuckets;

  const overview = [
    `本季度共受理投诉${a.total}起，较上季度${changeText(a.previous)}，较上年同期${changeText(a.lastYear)}。` +
      (channels.length
        ? `其中，${channels.map((c) => `${CHANNEL_PHRASE[c.key as Channel] ?? c.label}${c.count}起（占${formatPercent(c.share)}）`).join('，')}。`
        : ''),
    `12345、12363及监管转办投诉合计${a.transferred.total}起，占比${formatPercent(a.transferred.share)}` + (major ? `；重大投诉${major}起。` : '。'),
  ];
  const unitParagraphs = unitsWithOwn.length
    ? [
        `涉及机构情况：${unitsWithOwn.map((u) => `${u.name}${u.own}起，占比${formatPercent(u.ownShare)}`).join('；')}。`,
        `投诉量最多的机构为${unitsWithOwn[0].name}，共${unitsWithOwn[0].own}起，占全部投诉的${formatPercent(unitsWithOwn[0].ownShare)}。`,
      ]
    : ['本季度无投诉。'];
  const topCauses = causes.slice(0, 5);
  const categoryParagraphs = [
    categories.length ? `主要投诉业务类别为：${categories.slice(0, 5).map((c) => `${c.label}${c.count}起（${formatPercent(c.share)}）`).join('、')}。` : '',
    topCauses.length ? `主要投诉原因为：${topCauses.map((c) => `${c.label}${c.count}起（${formatPercent(c.share)}）`).join('、')}。` : '',
  ].filter(Boolean);
  // 按时反馈 (CBIRC 2020 Order No. 3 art. 18): decided AND the customer informed within the
  // limit; the clock stops at 反馈, not at 办结.
  const timeliness = [
    `本季度已办结投诉${a.timeliness.resolved}起，已向客户反馈处理结果${a.timeliness.informed}起，` +
      `其中按时反馈（15日内作出处理决定并告知客户，经延期的在延长时限内）${a.timeliness.onTime}起，按时反馈率${formatPercent(a.timeliness.rate)}；` +
      `平均办理时长（受理至告知客户）${a.averageHandlingDays === null ? '—' : `${a.averageHandlingDays.toFixed(1)}天`}。`,
    `反馈时效分布：15日内反馈${b.within15}起，16至30日${b.within16to30}起，31至60日${b.within31to60}起` +
      (b.over60 ? `，60日以上（含暂停）${b.over60}起` : '') +
      `；超期${b.overdue}起（超期反馈${b.overdueResolved}起，逾期未反馈${b.overdueOpen}起）；尚在时限内办理（含已办结待反馈）${b.openWithinLimit}起。`,
  ];
  const s = a.satisfaction;
  const satisfaction = [
    s.followedUp
      ? `回访${s.followedUp}起，其中满意${s.satisfied}起、基本满意${s.basicallySatisfied}起、不满意${s.dissatisfied}起，满意率${formatPercent(s.rate)}。`
      : '本季度暂无回访记录。',
  ];
  const comparison = [
    `与上季度（${fmtDay(a.previousPeriod.from)}至${fmtDay(a.previousPeriod.to)}）相比投诉量${changeText(a.previous)}；` +
      `与上年同期（${fmtDay(a.lastYearPeriod.from)}至${fmtDay(a.lastYearPeriod.to)}）相比${changeText(a.lastYear)}。`,
  ];
  const sections = [
    { heading: '总体情况', paragraphs: overview },
    { heading: '机构分布', paragraphs: unitParagraphs },
    { heading: '业务类别及投诉原因', paragraphs: categoryParagraphs.length ? categoryParagraphs : ['无。'] },
    { heading: '办理时效', paragraphs: timeliness },
    { heading: '回访满意度', paragraphs: satisfaction },
    { heading: '同比环比', paragraphs: comparison },
  ].map((sec, i) => ({ heading: `${CN_NUM[i]}、${sec.heading}`, paragraphs: sec.paragraphs }));

  const summary: ReportTable = {
    name: '汇总',
    title: '投诉情况汇总',
    headers: ['指标', '数值'],
    rows: [
      ['投诉总量（起）', a.total],
      ['上季度（起）', a.previous.previous],
      ['环比（%）', a.previous.percent],
      ['上年同期（起）', a.lastYear.previous],
      ['同比（%）', a.lastYear.percent],
      ['12345转办（起）', a.transferred.hotline12345],
      ['12363转办（起）', a.transferred.hotline12363],
      ['监管转办（起）', a.transferred.regulatorTransfer],
      ['转办合计（起）', a.transferred.total],
      ['转办占比（%）', a.transferred.share],
      ['重大投诉（起）', major],
      ['已办结（起）', a.timeliness.resolved],
      ['已反馈（起）', a.timeliness.informed],
      ['按时反馈（起）', a.timeliness.onTime],
      ['按时反馈率（%）', a.timeliness.rate],
      ['平均办理天数（受理至反馈）', a.averageHandlingDays],
      ['回访（起）', s.followedUp],
      ['满意率（%）', s.rate],
      ['逾期未反馈（起）', b.overdueOpen],
    ],
  };
  const byUnit: ReportTable = {
    name: '按机构',
    title: '各机构投诉情况',
    headers: ['机构', '机构编码', '机构类型', '本级投诉（起）', '本级占比（%）', '含下辖合计（起）', '合计占比（%）', '上年同期本级（起）', '同比（%）', '按时反馈率（%）', '逾期未反馈（起）'],
    rows: units.map((u) => [
      `${'　'.repeat(u.level)}${u.name}`,
      u.code,
      u.type ? (TYPE_ZH[u.type] ?? u.type) : null,
      u.own,
      u.ownShare,
      u.total,
      u.totalShare,
      u.lastYear.previous,
      u.lastYear.percent,
      u.timelinessRate,
      u.overdueOpen,
    ]),
    percentColumns: [4, 6, 8, 9],
  };
  const closureRows: [string, number][] = [
    ['15日内反馈', b.within15],
    ['16至30日反馈', b.within16to30],
    ['31至60日反馈', b.within31to60],
    ['60日以上反馈（未超期）', b.over60],
    ['超期反馈', b.overdueResolved],
    ['逾期未反馈', b.overdueOpen],
    ['时限内办理中（含已办结待反馈）', b.openWithinLimit],
    ['不予受理/撤诉', b.notResolved],
  ];
  const closure: ReportTable = {
    name: '反馈时效',
    title: '反馈时效分布（受理至告知客户处理结果）',
    headers: ['时效区间', '数量（起）', '占比（%）'],
    rows: closureRows.map(([label, n]) => [label, n, shareOf(n, a.total)]),
    percentColumns: [2],
  };
  const comparisonRows: (string | number | null)[][] = [
    ['投诉总量', a.total, a.previous.previous, a.previous.delta, a.previous.percent, a.lastYear.previous, a.lastYear.delta, a.lastYear.percent],
    ...[...(a.byChannel ?? []), ...(a.byBusinessCategory ?? [])]
      .filter((l) => l.count || l.previous.previous || l.lastYear.previous)
      .map((l) => [l.label, l.count, l.previous.previous, l.previous.delta, l.previous.percent, l.lastYear.previous, l.lastYear.delta, l.lastYear.percent]),
    ...unitsWithOwn.map((u) => [u.name, u.own, u.previous.previous, u.previous.delta, u.previous.percent, u.lastYear.previous, u.lastYear.delta, u.lastYear.percent]),
  ];
  const comparisonTable: ReportTable = {
    name: '同比环比',
    title: '同比、环比',
    headers: ['项目', '本季度（起）', '上季度（起）', '环比增减（起）', '环比（%）', '上年同期（起）', '同比增减（起）', '同比（%）'],
    rows: comparisonRows,
    percentColumns: [4, 7],
  };
  const trend: ReportTable = {
    name: '月度趋势',
    title: '月度趋势',
    headers: ['月份', '投诉数（起）', '上年同月（起）', '已办结（起）'],
    rows: a.trend.map((t) => [t.month, t.count, t.lastYear, t.resolved]),
  };

  return {
    year,
    quarter,
    scopeName,
    title: `${scopeName}${year}年第${quarter}季度客户投诉情况通报`,
    periodText: `统计期间：${fmtDay(a.period.from)}至${fmtDay(a.period.to)}`,
    generatedText: `生成时间：${new Date(a.generatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    sections,
    tables: {
      summary,
      byUnit,
      byChannel: breakdownTable('按渠道', '按受理渠道', '受理渠道', a.byChannel),
      byCategory: breakdownTable('按业务类别', '按业务类别', '业务类别', a.byBusinessCategory),
      byCause: breakdownTable('按投诉原因', '按投诉原因', '投诉原因', a.byCause),
      closure,
      comparison: comparisonTable,
      trend,
    },
    charts: {
      byUnit: { title: '投诉量最多的机构（本级）', bars: unitsWithOwn.slice(0, 12).map((u) => ({ label: u.name, value: u.own, compare: u.lastYear.previous })), legend: ['本季度', '上年同期'] },
      byChannel: { title: '受理渠道', bars: channels.map((c) => ({ label: c.label, value: c.count, compare: c.lastYear.previous })), legend: ['本季度', '上年同期'] },
      byCategory: { title: '业务类别', bars: categories.map((c) => ({ label: c.label, value: c.count, compare: c.lastYear.previous })), legend: ['本季度', '上年同期'] },
      trend: { title: '月度趋势', bars: a.trend.map((t) => ({ label: t.month, value: t.count, compare: t.lastYear })), legend: ['本年', '上年同月'] },
    },
    topUnits: unitsWithOwn.slice(0, 5),
    topCauses: topCauses,
  };
}

/** `客户投诉情况通报-2026年第3季度.xlsx` */
export function reportFilename(r: Pick<QuarterlyReport, 'year' | 'quarter' | 'scopeName'>, ext: string): string {
  return `${r.scopeName}客户投诉情况通报-${r.year}年第${r.quarter}季度.${ext}`;
}
