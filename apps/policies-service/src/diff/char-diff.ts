/**
 * Character diff of Chinese text. A "character" is a user-perceived one: a code point
 * (so a surrogate pair such as 𠮷 U+20BB7 is never split, even against 𠮶 U+20BB6 which
 * shares its high surrogate) together with any combining marks, variation selectors
 * (including the ideographic variation sequences used for variant glyphs), emoji modifiers
 * and zero-width-joiner sequences that follow it. Full-width punctuation （，。；：“”《》）
 * is a character like any other and is never folded into its half-width form: a ，→ ,
 * change is a change. Intl.Segmenter would also do this, but is orders of magnitude slower
 * here, and policy text needs nothing beyond these rules.
 *
 * After the Myers diff, small coincidental equalities between edits are folded into them
 * (the semantic clean-up of diff-match-patch), so a rewritten clause reads as one
 * replacement instead of confetti of shared 的, 客户 and 应当.
 */
import { commonSubsequence } from './myers.js';

export type SegmentOp = 'equal' | 'insert' | 'delete';

export interface DiffSegment {
  op: SegmentOp;
  text: string;
}

/** Beyond this many character edits in one block, the block is shown as replaced whole. */
export const MAX_CHAR_EDITS = 3000;

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Code points that attach to the character before them. */
function isExtender(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) || // combining marks for symbols (⃣ keycaps)
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // emoji skin tones
    (cp >= 0xe0100 && cp <= 0xe01ef) || // ideographic variation selectors (IVS)
    cp === 0x200d // zero-width joiner (the next character joins too)
  );
}

/**
 * The characters of a text as ids (one number per distinct character; a lone code unit is
 * its own id) and their start offsets (`starts[k]` … `starts[k + 1]`), so segments are
 * sliced from the text instead of joined from one string per character.
 */
interface Characters {
  ids: Int32Array;
  starts: Int32Array;
}

function charactersOf(text: string, table: Map<string, number>): Characters {
  const n = text.length;
  const ids = new Int32Array(n);
  const starts = new Int32Array(n + 1);
  let count = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    const first = text.charCodeAt(i);
    i += isHighSurrogate(first) && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    let joined = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      const pair = isHighSurrogate(c) && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1));
      const cp = pair ? ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000 : c;
      if (!isExtender(cp) && !joined) break;
      joined = cp === 0x200d;
      i += pair ? 2 : 1;
    }
    let id: number | undefined = first;
    if (i - start > 1) {
      const ch = text.slice(start, i);
      id = table.get(ch);
      if (id === undefined) {
        id = 0x110000 + table.size;
        table.set(ch, id);
      }
    }
    starts[count] = start;
    ids[count++] = id;
  }
  starts[count] = n;
  return { ids: ids.subarray(0, count), starts: starts.subarray(0, count + 1) };
}

/** Split into user-perceived characters (see the module comment). */
export function splitCharacters(text: string): string[] {
  const { ids, starts } = charactersOf(text, new Map());
  return Array.from(ids, (_, k) => text.slice(starts[k], starts[k + 1]));
}

/** Diff two texts by character; the segments spell `before` (equal + delete) and `after` (equal + insert). */
export function diffCharacters(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const table = new Map<string, number>();
  const a = charactersOf(before, table);
  const b = charactersOf(after, table);
  const n = a.ids.length;
  const m = b.ids.length;
  // Common prefix and suffix first: they are most of a revised article.
  let head = 0;
  while (head < n && head < m && a.ids[head] === b.ids[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && a.ids[n - 1 - tail] === b.ids[m - 1 - tail]) tail++;
  const pairs = commonSubsequence(a.ids.subarray(head, n - tail), b.ids.subarray(head, m - tail), MAX_CHAR_EDITS);
  const textA = (from: number, to: number) => before.slice(a.starts[from], a.starts[to]);
  const textB = (from: number, to: number) => after.slice(b.starts[from], b.starts[to]);
  const raw: DiffSegment[] = [];
  if (head > 0) raw.push({ op: 'equal', text: textA(0, head) });
  if (pairs === null) {
    raw.push({ op: 'delete', text: textA(head, n - tail) }, { op: 'insert', text: textB(head, m - tail) });
  } else {
    let i = head;
    let j = head;
    let k = 0;
    while (k < pairs.length) {
      const pi = pairs[k][0] + head;
      const pj = pairs[k][1] + head;
      if (i < pi) raw.push({ op: 'delete', text: textA(i, pi) });
      if (j < pj) raw.push({ op: 'insert', text: textB(j, pj) });
      // The run of consecutive matches starting here is one equality.
      let run = 1;
      while (k + run < pairs.length && pairs[k + run][0] + head === pi + run && pairs[k + run][1] + head === pj + run) run++;
      raw.push({ op: 'equal', text: textA(pi, pi + run) });
      i = pi + run;
      j = pj + run;
      k += run;
    }
    if (i < n - tail) raw.push({ op: 'delete', text: textA(i, n - tail) });
    if (j < m - tail) raw.push({ op: 'insert', text: textB(j, m - tail) });
  }
  if (tail > 0) raw.push({ op: 'equal', text: textA(n - tail, n) });
  return cleanupSemantic(raw);
}

/** Length in code points (a surrogate pair counts once): the clean-up's measure. */
function charLength(text: string): number {
  let length = 0;
  for (let k = 0; k < text.length; k++) if (!isLowSurrogate(text.charCodeAt(k))) length++;
  return length;
}

/**
 * Put the edits between two equalities in the order delete, insert and merge neighbours;
 * then fold every equality no longer than the edits on both sides of it into them, until
 * none is left (diff-match-patch's diff_cleanupSemantic rule, without its boundary shifts).
 */
export function cleanupSemantic(segments: DiffSegment[]): DiffSegment[] {
  let ops = normalise(segments);
  for (;;) {
    let folded = false;
    for (let k = 1; k < ops.length - 1; k++) {
      if (ops[k].op !== 'equal') continue;
      const before = editsAround(ops, k, -1);
      const after = editsAround(ops, k, +1);
      if (before === 0 || after === 0) continue;
      const length = charLength(ops[k].text);
      if (length <= before && length <= after) {
        ops = normalise([...ops.slice(0, k), { op: 'delete', text: ops[k].text }, { op: 'insert', text: ops[k].text }, ...ops.slice(k + 1)]);
        folded = true;
        break;
      }
    }
    if (!folded) return ops;
  }
}

/** The larger of the deleted and inserted lengths in the edit run next to ops[k] on one side. */
function editsAround(ops: DiffSegment[], k: number, step: 1 | -1): number {
  let deleted = 0;
  let inserted = 0;
  for (let at = k + step; at >= 0 && at < ops.length && ops[at].op !== 'equal'; at += step) {
    if (ops[at].op === 'delete') deleted += charLength(ops[at].text);
    else inserted += charLength(ops[at].text);
  }
  return Math.max(deleted, inserted);
}

function normalise(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };
  for (const s of segments) {
    if (!s.text) continue;
    if (s.op === 'delete') deleted += s.text;
    else if (s.op === 'insert') inserted += s.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.text += s.text;
      else out.push({ op: 'equal', text: s.text });
    }
  }
  flush();
  return out;
}
