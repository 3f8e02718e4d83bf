import ExcelJS from 'exceljs';
import { BUSINESS_CATEGORIES, CAUSES, CHANNELS, IMPORT_COLUMN_ALIASES, IMPORT_COLUMNS, SEVERITIES, type ImportColumn } from '@xb/contracts';

const NOTES: Record<ImportColumn, string> = {
  channel: `受理渠道 (required): ${CHANNELS.map((c) => `${c.key}=${c.zh}`).join('; ')}`,
  businessCategory: `业务类别 (required): ${BUSINESS_CATEGORIES.map((c) => `${c.key}=${c.zh}`).join('; ')}`,
  cause: `投诉原因 (required): ${CAUSES.map((c) => `${c.key}=${c.zh}`).join('; ')}`,
  orgUnitCode: '责任机构代码 (required): the org unit code, e.g. OT-AJ-1',
  receivedAt: '受理时间 (optional): 2026-11-01 10:30 (Beijing time) or ISO 8601; not in the future; default now',
  customerName: '客户姓名 (required)',
  customerPhone: '联系电话 (required): mobile or landline',
  customerIdNumber: '证件号码 (optional): 18-character resident ID number',
  description: '投诉内容 (required): 5–5000 characters',
  demand: '客户诉求 (optional)',
  externalRef: '外部编号 (required for hotline_12345, hotline_12363, regulator_transfer)',
  severity: `严重程度 (optional): ${SEVERITIES.map((c) => `${c.key}=${c.zh}`).join('; ')}; default general`,
  namedStaffUserIds: '被投诉员工 (optional): user ids separated by ";" — they may not handle the complaint (回避)',
};

const zhName = (column: ImportColumn) => Object.entries(IMPORT_COLUMN_ALIASES).find(([, c]) => c === column)?.[0] ?? column;

function example(unitCode: string): Record<ImportColumn, string> {
  return {
    channel: 'counter',
    businessCategory: 'social_security_card',
    cause: 'process_waiting',
    orgUnitCode: unitCode,
    receivedAt: '',
    customerName: '张三',
    customerPhone: '13812345678',
    customerIdNumber: '',
    description: '新办社保卡等待时间过长,要求尽快办理。',
    demand: '尽快发卡',
    externalRef: '',
    severity: 'general',
    namedStaffUserIds: '',
  };
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export interface TemplateFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** The header row (the create DTO's field names) and one example row; the workbook adds a sheet explaining each column. */
export async function importTemplate(format: 'csv' | 'xlsx', unitCode: string): Promise<TemplateFile> {
  const sample = example(unitCode);
  if (format === 'csv') {
    const lines = [IMPORT_COLUMNS.join(','), IMPORT_COLUMNS.map((c) => csvCell(sample[c])).join(',')];
    // The BOM makes Excel open the file as UTF-8.
    return { filename: 'complaint-import-template.csv', contentType: 'text/csv; charset=utf-8', body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('投诉导入');
  sheet.addRow([...IMPORT_COLUMNS]);
  sheet.addRow(IMPORT_COLUMNS.map((c) => sample[c]));
  sheet.getRow(1).font = { bold: true };
  // Phone and ID numbers as text, so Excel keeps leading zeros and all 18 digits.
  for (const column of ['customerPhone', 'customerIdNumber'] as const) sheet.getColumn(IMPORT_COLUMNS.indexOf(column) + 1).numFmt = '@';
  sheet.columns.forEach((col) => (col.width = 18));
  const help = workbook.addWorksheet('说明');
  help.addRow(['column', '中文列名', 'notes']).font = { bold: true };
  for (const column of IMPORT_COLUMNS) help.addRow([column, zhName(column), NOTES[column]]);
  help.getColumn(3).width = 120;
  return {
    filename: 'complaint-import-template.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
