/**
 * Reads a complaint import file — CSV (UTF-8, RFC 4180 quoting, optional BOM) or Excel
 * .xlsx (first worksheet) — into header-keyed rows of text. Row numbers count data rows
 * from 1 (the header row excluded); blank rows are skipped but keep their number, so the
 * number always points at the same line of the file.
 */
import ExcelJS from 'exceljs';
import { IMPORT_COLUMN_ALIASES, IMPORT_COLUMNS, type ImportColumn, type ImportRowError } from '@xb/contracts';

export interface RawImportRow {
  row: number;
  values: Partial<Record<ImportColumn, string>>;
}

export interface ParsedImportFile {
  rows: RawImportRow[];
  /** File-level problems (unknown or repeated columns, no header): row 0. */
  errors: ImportRowError[];
}

export class ImportFileError extends Error {}

const BEIJING_OFFSET_MS = 8 * 3600_000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export async function parseImportFile(buffer: Buffer, filename: string): Promise<ParsedImportFile> {
  if (buffer.subarray(0, 4).equals(OLE_MAGIC)) throw new ImportFileError('Old .xls workbooks are not supported: save the file as .xlsx or CSV (UTF-8)');
  const table = buffer.subarray(0, 4).equals(ZIP_MAGIC) || /\.xlsx$/i.test(filename) ? await readXlsx(buffer) : readCsv(buffer);
  return toRows(table);
}

/** [sheet row number, cells] — the header is the first non-empty row. */
type Table = { line: number; cells: string[] }[];

function toRows(table: Table): ParsedImportFile {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!nonEmpty.length) throw new ImportFileError('The file is empty: it needs a header row and at least one data row');
  const [header, ...data] = nonEmpty;
  const errors: ImportRowError[] = [];
  const columns = header.cells.map((raw): ImportColumn | null => {
    const name = raw.trim();
    if (!name) return null;
    const column = columnOf(name);
    if (!column) errors.push({ row: 0, field: name, message: `unknown column; expected one of ${IMPORT_COLUMNS.join(', ')} (or their Chinese names)` });
    return column;
  });
  const seen = new Set<ImportColumn>();
  for (const c of columns) {
    if (c && seen.has(c)) errors.push({ row: 0, field: c, message: 'the column appears twice' });
    if (c) seen.add(c);
  }
  const rows = data.map(({ line, cells }) => {
    const values: Partial<Record<ImportColumn, string>> = {};
    columns.forEach((column, i) => {
      const value = (cells[i] ?? '').trim();
      if (column && value !== '') values[column] = value;
    });
    return { row: line - header.line, values };
  });
  return { rows, errors };
}

const LOWER = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));

function columnOf(name: string): ImportColumn | null {
  return LOWER.get(name.toLowerCase()) ?? IMPORT_COLUMN_ALIASES[name] ?? null;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function readCsv(buffer: Buffer): Table {
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\uFFFD')) throw new ImportFileError('The CSV file is not UTF-8: save it as "CSV UTF-8"');
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') continue;
    else if (ch === '\n' || ch === '\r') {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new ImportFileError('The CSV file ends inside a quoted field');
  if (cell !== '' || cells.length) records.push([...cells, cell]);
  // Records, not physical lines, are numbered: a quoted line break must not shift later rows.
  return records.map((r, i) => ({ line: i + 1, cells: r }));
}

async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('The file is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('The workbook has no worksheet');
  const table: Table = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    table.push({ line: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return table;
}

/** An Excel cell as text: dates as ISO instants, numbers without exponent, rich text flattened, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // Excel stores wall-clock time without a zone and exceljs reads it as UTC; the bank's users mean Beijing time.
  if (value instanceof Date) return new Date(value.getTime() - BEIJING_OFFSET_MS).toISOString();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}
