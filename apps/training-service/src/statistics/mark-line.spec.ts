import { describe, expect, it } from '@jest/globals';
import { parseMarkLine } from './mark-line.js';

/** The obvious parse it replaces, as the reference. */
function reference(marks: string, columns: number): (number | null)[] {
  const row: (number | null)[] = new Array(columns).fill(null);
  for (const cell of marks.split(',')) {
    const colon = cell.indexOf(':');
    row[Number(cell.slice(0, colon))] = Number(cell.slice(colon + 1));
  }
  return row;
}

describe('parseMarkLine', () => {
  it('places each score in its column and leaves undrawn questions null', () => {
    expect(parseMarkLine('0:1.00,3:0.50,12:2,2:12.25', 13)).toEqual([1, null, 12.25, 0.5, null, null, null, null, null, null, null, null, 2]);
  });

  it('gives exactly the doubles Number() gives across the range numeric(6,2) holds (every 7th cent from -9999.99 to 9999.99)', () => {
    const cells: string[] = [];
    for (let cents = -999999; cents <= 999999; cents += 7) cells.push(`${cells.length % 250}:${(cents / 100).toFixed(2)}`);
    for (let at = 0; at < cells.length; at += 100) {
      const line = cells.slice(at, at + 100).join(',');
      expect(parseMarkLine(line, 250)).toEqual(reference(line, 250));
    }
    expect(parseMarkLine('0:4.10,1:0.07,2:9999.99,3:0', 4)).toEqual([4.1, 0.07, 9999.99, 0]);
  });

  it('refuses what is not a mark line instead of inventing numbers', () => {
    expect(() => parseMarkLine('0:1.00,1:x', 2)).toThrow(/unexpected "x"/);
  });

  it('reads an empty line as an attempt with no marks', () => {
    expect(parseMarkLine('', 2)).toEqual([null, null]);
  });
});
