import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { parseImportFile, readCsv } from './import-file.parser.js';
import { receivedAtOf, toCreateCommands } from './import-rows.js';

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('complaint import files', () => {
  it('reads RFC 4180 CSV: quotes, doubled quotes, commas and line breaks in fields, CRLF, BOM', () => {
    const table = readCsv(csv('\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n"multi\nline",,\n'));
    expect(table).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, "y"', '3'] },
      { line: 3, cells: ['multi\nline', '', ''] },
    ]);
  });

  it('maps headers (field names, any case, or Chinese aliases) and numbers data rows from 1, blank rows kept in the count', async () => {
    const parsed = await parseImportFile(csv('渠道,businesscategory,Cause,机构代码\ncounter,loan,fees,OT-1\n\n,,,\nletter,deposit,attitude,OT-2\n'), 'x.csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { row: 1, values: { channel: 'counter', businessCategory: 'loan', cause: 'fees', orgUnitCode: 'OT-1' } },
      { row: 4, values: { channel: 'letter', businessCategory: 'deposit', cause: 'attitude', orgUnitCode: 'OT-2' } },
    ]);
  });

  it('reports unknown and repeated columns as file errors (row 0)', async () => {
    const parsed = await parseImportFile(csv('channel,colour,channel\ncounter,red,letter\n'), 'x.csv');
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([
      [0, 'colour'],
      [0, 'channel'],
    ]);
  });

  it('refuses non-UTF-8 CSV, old .xls and broken workbooks with a message', async () => {
    await expect(parseImportFile(Buffer.from([0x63, 0x68, 0xd6, 0xd0, 0x0a]), 'gbk.csv')).rejects.toThrow(/UTF-8/);
    await expect(parseImportFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'old.xls')).rejects.toThrow(/xlsx/);
    await expect(parseImportFile(Buffer.from('PK\u0003\u0004garbage'), 'bad.xlsx')).rejects.toThrow(/xlsx/);
    await expect(parseImportFile(csv('\n\n'), 'empty.csv')).rejects.toThrow(/empty/);
  });

  it('reads .xlsx: numbers as digits, dates as Beijing wall-clock time, rich text flattened', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('s');
    sheet.addRow(['customerPhone', 'receivedAt', 'description']);
    sheet.addRow([13812345678, new Date(Date.UTC(2026, 10, 1, 10, 30)), { richText: [{ text: '富' }, { text: '文本' }] }]);
    const parsed = await parseImportFile(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(parsed.rows).toEqual([{ row: 1, values: { customerPhone: '13812345678', receivedAt: '2026-11-01T02:30:00.000Z', description: '富文本' } }]);
  });

  it('takes coded values by key, code or Chinese label, resolves the unit, and names each bad row and field', async () => {
    const units = new Map([['OT-1', { id: '5f0b8e3e-6a57-4a7f-9d57-6ad1d1f1a001', path: '/a/5f0b8e3e-6a57-4a7f-9d57-6ad1d1f1a001/', name: '网点一' }]]);
    const base = { businessCategory: '信用卡', cause: 'C04', customerName: '张三', customerPhone: '13812345678', description: '年费未告知即扣收。' };
    const { commands, errors } = await toCreateCommands(
      [
        { row: 1, values: { ...base, channel: '营业网点柜面', orgUnitCode: 'OT-1', receivedAt: '2026-11-01 10:00' } },
        { row: 2, values: { ...base, channel: 'pigeon', orgUnitCode: 'OT-9' } },
        { row: 3, values: { ...base, channel: 'hotline_12345' } },
        // Labels match whatever the width of their punctuation: the list says 本行客服热线（96677）.
        { row: 4, values: { ...base, channel: '本行客服热线(96677)', businessCategory: '银行卡(借记卡)', orgUnitCode: 'OT-1', receivedAt: '2026-11-01' } },
      ],
      units,
    );
    expect(commands).toEqual([
      expect.objectContaining({ channel: 'counter', businessCategory: 'credit_card', cause: 'fees', orgUnitId: units.get('OT-1')!.id, receivedAt: '2026-11-01T02:00:00.000Z' }),
      expect.objectContaining({ channel: 'own_hotline', businessCategory: 'bank_card' }),
    ]);
    // The unit's path and name are the service's to read from its directory replica.
    expect(commands[0]).not.toHaveProperty('orgPath');
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'orgUnitCode'],
      [2, 'channel'],
      [3, 'orgUnitCode'],
      [3, 'externalRef'],
    ]);
  });

  it('reads day-only and zone-less times as Beijing time and leaves anything else to the validator', () => {
    expect(receivedAtOf('2026-11-01')).toBe('2026-10-31T16:00:00.000Z');
    expect(receivedAtOf('2026/11/1 8:05')).toBe('2026-11-01T00:05:00.000Z');
    expect(receivedAtOf('2026-11-01T10:00:00Z')).toBe('2026-11-01T10:00:00Z');
    expect(receivedAtOf('yesterday')).toBe('yesterday');
  });
});
