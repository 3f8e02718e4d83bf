/**
 * A small CSV writer for our exporters. Text cells that a spreadsheet would read as a
 * formula (= + - @ at the start) are prefixed with an apostrophe; the BOM makes Excel
 * read the file as UTF-8 so Chinese survives.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return '\uFEFF' + lines.join('\r\n');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers are data, not formulas: "-134" days left stays a number in the spreadsheet.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
