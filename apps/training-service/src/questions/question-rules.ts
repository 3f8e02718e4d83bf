import type { QuestionDto } from '@xb/contracts/training';

/**
 * Rules of a question beyond field types: single and multiple choice have 2–10 options with
 * distinct keys; the key names existing options (one for single, at least one for multiple);
 * true/false has no options and a boolean key. Returns the problems as { field, message }.
 */
export function questionProblems(q: QuestionDto, prefix = ''): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const f = (name: string) => `${prefix}${name}`;
  if (q.type === 'true_false') {
    if (q.options?.length) problems.push({ field: f('options'), message: 'a true/false question has no options' });
    if (typeof q.correct !== 'boolean') problems.push({ field: f('correct'), message: 'must be true or false' });
    return problems;
  }
  const keys = (q.options ?? []).map((o) => o.key);
  if (keys.length < 2) problems.push({ field: f('options'), message: 'needs at least 2 options' });
  if (new Set(keys).size !== keys.length) problems.push({ field: f('options'), message: 'option keys must be distinct' });
  if (q.type === 'single') {
    if (typeof q.correct !== 'string' || !keys.includes(q.correct)) problems.push({ field: f('correct'), message: 'must be the key of one option' });
  } else {
    const c = q.correct;
    if (!Array.isArray(c) || c.length === 0 || c.some((k) => typeof k !== 'string' || !keys.includes(k)) || new Set(c).size !== c.length) {
      problems.push({ field: f('correct'), message: 'must be distinct option keys, at least one' });
    }
  }
  return problems;
}

/** Parses one CSV text (RFC 4180 quotes, comma separated) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const TYPE_NAMES: Record<string, QuestionDto['type']> = { single: 'single', 单选: 'single', multiple: 'multiple', 多选: 'multiple', true_false: 'true_false', 判断: 'true_false' };
const TRUE = ['true', '对', '正确', '√', 'T', 'Y'];
const FALSE = ['false', '错', '错误', '×', 'F', 'N'];

/** One CSV row of the import template as a question, or the reason why not (field named). */
export function rowToQuestion(cells: string[]): { question?: QuestionDto; problems: { field: string; message: string }[] } {
  const [type, stem, a, b, c, d, e, correct, explanation, tags, difficulty, regulation] = cells.map((x) => (x ?? '').trim());
  const problems: { field: string; message: string }[] = [];
  const t = TYPE_NAMES[type];
  if (!t) problems.push({ field: 'type', message: 'must be single/multiple/true_false (单选/多选/判断)' });
  if (!stem) problems.push({ field: 'stem', message: 'is empty' });
  const diff = Number(difficulty || '3');
  if (!Number.isInteger(diff) || diff < 1 || diff > 5) problems.push({ field: 'difficulty', message: 'must be 1–5' });
  if (problems.length) return { problems };
  const options = [a, b, c, d, e].map((text, i) => ({ key: 'ABCDE'[i], text })).filter((o) => o.text);
  let key: QuestionDto['correct'];
  if (t === 'true_false') key = TRUE.includes(correct) ? true : FALSE.includes(correct) ? false : (correct as never);
  else if (t === 'single') key = correct.toUpperCase();
  else key = correct.toUpperCase().replace(/[^A-E]/g, '').split('');
  const q: QuestionDto = {
    type: t,
    stem,
    options: t === 'true_false' ? [] : options,
    correct: key,
    explanation: explanation || undefined,
    tags: tags ? tags.split(/[;；、|]/).map((s) => s.trim()).filter(Boolean) : [],
    difficulty: diff,
    regulation: regulation || undefined,
    status: 'active',
  };
  const more = questionProblems(q);
  if (stem.length > 2000) more.push({ field: 'stem', message: 'is longer than 2000 characters' });
  return more.length ? { problems: more } : { question: q, problems: [] };
}
