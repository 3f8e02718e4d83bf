import { describe, expect, it } from '@jest/globals';
import type { ExamStatisticsView } from '@xb/contracts/training';
import ExcelJS from 'exceljs';
import { buildResultsWorkbook } from './results-workbook.js';

const statistics: ExamStatisticsView = {
  examId: 'e',
  attemptsAnalysed: 2,
  which: 'graded',
  units: [],
  distribution: [],
  test: { mean: 75, cic: null },
  items: [
    { questionId: 'q1', stem: '金融消费者享有几项基本权利？', s: 2, facility: 0.5, sd: 0.7071, discriminationIndex: 100, discriminativeEfficiency: 100, weak: false },
    { questionId: 'q2', stem: '投诉应在几日内处理？', s: 2, facility: 1, sd: 0, discriminationIndex: null, discriminativeEfficiency: null, weak: true },
  ],
};

describe('results workbook', () => {
  it('has one row per attempt and the item statistics, numbers as numbers and undefined as empty', async () => {
    const buffer = await buildResultsWorkbook({
      title: '消保知识测试',
      passPercent: 60,
      statistics,
      rows: [
        { username: 'staff1', displayName: '张三', unitName: '一分行', number: 1, score: 9, maxScore: 10, percent: 90, passed: true, startedAt: new Date('2026-03-15T01:00:00Z'), finishedAt: new Date('2026-03-15T01:12:05Z'), seconds: 725, submittedBy: 'taker' },
        { username: 'staff2', displayName: '李四', unitName: '一分行', number: 1, score: 5, maxScore: 10, percent: 50, passed: false, startedAt: new Date('2026-03-15T01:00:00Z'), finishedAt: new Date('2026-03-15T01:30:00Z'), seconds: 1800, submittedBy: 'deadline' },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['成绩', '试题分析']);
    const results = wb.getWorksheet('成绩')!;
    expect(results.rowCount).toBe(3);
    const first = results.getRow(2);
    expect([first.getCell(1).value, first.getCell(3).value, first.getCell(5).value, first.getCell(7).value, first.getCell(9).value, first.getCell(10).value]).toEqual(['张三', '一分行', 9, 90, '12:05', 725]);
    expect(String(first.getCell(8).value)).toMatch(/^是/);
    expect(String(results.getRow(3).getCell(8).value)).toMatch(/^否/);
    expect(String(results.getRow(3).getCell(13).value)).toMatch(/deadline/);
    const items = wb.getWorksheet('试题分析')!;
    expect(items.getRow(2).getCell(4).value).toBe(50);
    expect(items.getRow(3).getCell(6).value).toBeNull();
    expect(String(items.getRow(3).getCell(8).value)).toMatch(/^是/);
  });
});
