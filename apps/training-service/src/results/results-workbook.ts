import ExcelJS from 'exceljs';
import type { ExamStatisticsView } from '@xb/contracts/training';

/** One finished attempt as a row of the results sheet. */
export interface ResultRow {
  username: string;
  displayName: string;
  unitName: string;
  number: number;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Seconds from start to finish. */
  seconds: number;
  submittedBy: 'taker' | 'deadline' | null;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F3' } };
const WEAK_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };

function header(ws: ExcelJS.Worksheet, titles: string[], widths: number[]): void {
  const row = ws.addRow(titles);
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: row.number }];
}

/** Minutes and seconds as 用时 (e.g. 12:05); the seconds stay a number in the next column so they sort and sum. */
const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/**
 * 成绩导出: the results of an exam as a workbook. Sheet 成绩 has one row per finished attempt
 * (person, unit, attempt number, score, percent, pass, time taken, how it ended); sheet 试题分析
 * has the item statistics with the weak items shaded and the test figures below. Numbers are
 * numbers (percentages as e.g. 85.5) and undefined statistics are empty cells, never NaN.
 */
export async function buildResultsWorkbook(input: { title: string; passPercent: number; rows: ResultRow[]; statistics: ExamStatisticsView }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '消保平台';
  wb.title = input.title;
  wb.created = new Date(0);
  wb.modified = new Date(0);

  const results = wb.addWorksheet('成绩');
  header(
    results,
    ['姓名 Name', '用户名 Username', '机构 Unit', '第几次 Attempt', '得分 Score', '满分 Max', '得分率 % Percent', `及格 Pass (≥${input.passPercent}%)`, '用时 Time taken', '用时（秒） Seconds', '开始 Started', '交卷 Finished', '交卷方式 Ended by'],
    [14, 14, 22, 10, 10, 10, 12, 12, 12, 12, 20, 20, 14],
  );
  for (const r of input.rows) {
    results.addRow([
      r.displayName,
      r.username,
      r.unitName,
      r.number,
      r.score,
      r.maxScore,
      r.percent,
      r.passed === null ? null : r.passed ? '是 yes' : '否 no',
      clock(r.seconds),
      r.seconds,
      r.startedAt,
      r.finishedAt,
      r.submittedBy === 'deadline' ? '到时自动交卷 deadline' : r.submittedBy === 'taker' ? '本人交卷 taker' : null,
    ]);
  }
  results.getColumn(11).numFmt = 'yyyy-mm-dd hh:mm:ss';
  results.getColumn(12).numFmt = 'yyyy-mm-dd hh:mm:ss';
  if (input.rows.length) results.autoFilter = { from: { row: 1, column: 1 }, to: { row: input.rows.length + 1, column: 13 } };

  const s = input.statistics;
  const items = wb.addWorksheet('试题分析');
  header(items, ['序号 #', '题干 Stem', '作答数 Attempts', '难度系数 Facility %', '标准差 SD %', '区分度 Discrimination %', '区分效率 Efficiency %', '薄弱 Weak'], [6, 60, 8, 16, 12, 18, 18, 10]);
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);
  s.items.forEach((it, i) => {
    const row = items.addRow([i + 1, it.stem, it.s, pct(it.facility), pct(it.sd), it.discriminationIndex, it.discriminativeEfficiency, it.weak ? '是 yes' : '']);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    if (it.weak) row.eachCell((c) => (c.fill = WEAK_FILL));
  });
  items.addRow([]);
  items.addRow([`分析的答卷 Attempts analysed (${s.which})`, s.attemptsAnalysed]).font = { bold: true };
  for (const [key, value] of Object.entries(s.test)) items.addRow([key, value]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
