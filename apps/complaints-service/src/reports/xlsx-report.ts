import ExcelJS from 'exceljs';
import { decimalsOf, type QuarterlyReport, type ReportTable } from './quarterly-report.model.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F3' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFB0B7C3' } },
  bottom: { style: 'thin', color: { argb: 'FFB0B7C3' } },
  left: { style: 'thin', color: { argb: 'FFB0B7C3' } },
  right: { style: 'thin', color: { argb: 'FFB0B7C3' } },
};

/**
 * The report as an Excel workbook: the prose on the first sheet, then one sheet per table
 * (汇总, 按机构, 按渠道, 按业务类别, 按投诉原因, 反馈时效, 同比环比, 月度趋势). Each table
 * sheet has its title in row 1, the period in row 2 and the Chinese headers in row 4;
 * counts and percentages are numbers (percent columns hold e.g. 44.1), so they sum and sort.
 */
export async function buildXlsxReport(report: QuarterlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '消保平台';
  wb.title = report.title;
  // Fixed so that the same figures give the same file.
  wb.created = new Date(0);
  wb.modified = new Date(0);

  const cover = wb.addWorksheet('通报', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  cover.getColumn(1).width = 110;
  cover.addRow([report.title]).font = { bold: true, size: 16 };
  cover.addRow([report.periodText]);
  cover.addRow([report.generatedText]);
  for (const section of report.sections) {
    cover.addRow([]);
    cover.addRow([section.heading]).font = { bold: true, size: 12 };
    for (const p of section.paragraphs) {
      const row = cover.addRow([p]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }

  const t = report.tables;
  for (const table of [t.summary, t.byUnit, t.byChannel, t.byCategory, t.byCause, t.closure, t.comparison, t.trend]) addTableSheet(wb, report, table);
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

function addTableSheet(wb: ExcelJS.Workbook, report: QuarterlyReport, table: ReportTable): void {
  const ws = wb.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 4 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([`${report.title} — ${table.title}`]).font = { bold: true, size: 13 };
  ws.addRow([report.periodText]);
  ws.addRow([]);
  const header = ws.addRow(table.headers);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const values of table.rows) {
    const row = ws.addRow(values.map((v) => (v === null ? '—' : v)));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = THIN;
      if (typeof cell.value === 'number') {
        const decimals = decimalsOf(table, values, col - 1);
        if (decimals > 0) cell.numFmt = `0.${'0'.repeat(decimals)}`;
      }
    });
  }
  table.headers.forEach((h, i) => {
    const longest = Math.max(h.length * 2, ...table.rows.map((r) => String(r[i] ?? '').length * 2));
    ws.getColumn(i + 1).width = Math.min(40, Math.max(10, longest + 2));
  });
}
