/**
 * The structure of a Markdown policy version: headings, chapters 章 and sections 节,
 * articles 条, and the loose paragraphs outside them (title, preamble, annexes). Chinese
 * regulations number articles through the whole document (第一条 … 第六十条) and start each
 * on its own line, often as `**第五条**` or `### 第五条`; an article runs until the next
 * article, chapter, section or Markdown heading.
 */

export type UnitKind = 'heading' | 'chapter' | 'section' | 'article' | 'paragraph';

export interface PolicyUnit {
  kind: UnitKind;
  /** The numbering as written, e.g. 第五条, 第二章, 第十条之一; null for headings and paragraphs. */
  label: string | null;
  /** The number the label stands for (第一百零五条 → 105); null without a label. */
  number: number | null;
  /** The content without its label: the article's text, or the chapter's title. */
  body: string;
  /** 1-based line where the unit starts. */
  line: number;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百零五 → 105, 十一 → 11, 二十 → 20, 12 → 12; null when it is not a number. */
export function parseChineseNumber(text: string): number | null {
  if (/^[0-9０-９]+$/.test(text)) return Number(text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of text) {
    if (ch in DIGITS) {
      current = DIGITS[ch];
      seen = true;
    } else if (ch in UNITS) {
      total += (current === 0 && !seen ? 1 : current) * UNITS[ch];
      current = 0;
      seen = false;
    } else return null;
  }
  return total + current;
}

const NUMERAL = '[零〇一二两三四五六七八九十百千0-9０-９]+';
// Optional Markdown heading marks and bold around the label; the rest of the line is content.
const LABELLED = new RegExp(`^\\s*(?:#{1,6}\\s*)?(?:\\*\\*|__)?\\s*(第(${NUMERAL})(条|章|节)(之[一二三四五六七八九十]+)?)\\s*(?:\\*\\*|__)?[\\s\\u3000]*(.*)$`);
const HEADING = /^\s*#{1,6}\s+(.*)$/;

/** Split a Markdown policy text into its units, in document order. */
export function parsePolicy(markdown: string): PolicyUnit[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const units: PolicyUnit[] = [];
  let open: { unit: PolicyUnit; lines: string[] } | null = null;
  const close = () => {
    if (!open) return;
    const body = trimLines(open.lines);
    if (open.unit.kind !== 'paragraph' || body) units.push({ ...open.unit, body });
    open = null;
  };
  lines.forEach((text, index) => {
    const line = index + 1;
    // Most lines are article text: only a line holding 第 can be labelled, only one holding # a heading.
    const labelled = text.includes('第') ? LABELLED.exec(text) : null;
    if (labelled) {
      close();
      const [, label, numeral, which, , rest] = labelled;
      const kind: UnitKind = which === '条' ? 'article' : which === '章' ? 'chapter' : 'section';
      const unit: PolicyUnit = { kind, label, number: parseChineseNumber(numeral), body: '', line };
      if (kind === 'article') open = { unit, lines: [rest] };
      else units.push({ ...unit, body: rest.replace(/(\*\*|__)\s*$/, '').trim() });
      return;
    }
    const heading = text.includes('#') ? HEADING.exec(text) : null;
    if (heading) {
      close();
      units.push({ kind: 'heading', label: null, number: null, body: heading[1].trim(), line });
      return;
    }
    if (open && open.unit.kind === 'article') {
      open.lines.push(text);
      return;
    }
    // Outside articles, paragraphs (separated by blank lines) are units of their own.
    if (text.trim() === '') {
      close();
      return;
    }
    if (!open) open = { unit: { kind: 'paragraph', label: null, number: null, body: '', line }, lines: [] };
    open.lines.push(text);
  });
  close();
  return units;
}

/** Trailing spaces of each line and blank lines at both ends do not count as content. */
function trimLines(lines: string[]): string {
  const trimmed = lines.map((l) => l.replace(/[ \t]+$/, ''));
  while (trimmed.length > 0 && trimmed[0].trim() === '') trimmed.shift();
  while (trimmed.length > 0 && trimmed[trimmed.length - 1].trim() === '') trimmed.pop();
  return trimmed.join('\n');
}
