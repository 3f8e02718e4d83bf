/**
 * Diff of two policy versions 制度版本比对: first by unit (article 条, chapter 章, section 节,
 * heading, loose paragraph), aligned by content and never by number, then by character
 * inside each changed unit. Inserting a new 第五条 renumbers 第五条…第六十条 to 第六条…第六十一条;
 * aligned by content those show as unchanged-but-renumbered, not as a rewrite of the whole
 * document. The result is what the console renders side by side: one row per aligned pair.
 *
 * Alignment: (1) the longest common subsequence of units with identical kind and content
 * (Myers over content ids) anchors the unchanged ones; (2) between two anchors, the
 * remaining units are paired by similarity (Dice coefficient of character bigrams ≥
 * SIMILARITY_THRESHOLD, same kind): position by position when the gap has as many units on
 * both sides and each is that similar to its counterpart, otherwise by an order-keeping
 * dynamic programme that maximises the total similarity. A large gap is first split at
 * units whose opening characters are unchanged (a common subsequence of the openings,
 * kept where the whole units are similar enough), and only pairs near the diagonal of a
 * large remainder are compared; the
 * unpaired ones are inserted or deleted; (3) a deleted and an
 * inserted unit with the same content are marked as moved.
 */
import { diffCharacters, DiffSegment } from './char-diff.js';
import { commonSubsequence } from './myers.js';
import { parsePolicy, PolicyUnit, UnitKind } from './policy-structure.js';

/** Two units of the same kind this similar (0–1) are the same unit, modified. */
export const SIMILARITY_THRESHOLD = 0.4;
/** Gaps larger than this (left × right units) are paired position by position instead of by the quadratic programme. */
const MAX_GAP_CELLS = 1_000_000;
/** Gaps up to this many cells compare every pair; larger ones only pairs near the diagonal (see `inBand`). */
const FULL_GAP_CELLS = 2_500;
/** Half-width of that band beyond the difference in length of the two sides. */
const BAND = 16;
/** Characters of a unit's opening that anchor it in a large gap (see `alignGap`). */
const HEAD_LENGTH = 12;

export type RowChange = 'unchanged' | 'modified' | 'inserted' | 'deleted';

export interface UnitView {
  kind: UnitKind;
  label: string | null;
  number: number | null;
  body: string;
  line: number;
}

export interface DiffRow {
  change: RowChange;
  left: UnitView | null;
  right: UnitView | null;
  /** Both sides present and numbered differently (第五条 → 第六条). */
  renumbered: boolean;
  /** For a deleted/inserted unit whose identical content appears on the other side: that row's index. */
  movedTo?: number;
  movedFrom?: number;
  /** Character diff of the bodies, for `modified` rows: equal + delete spell the left, equal + insert the right. */
  segments: DiffSegment[] | null;
  /** Bigram similarity of a modified pair (0–1). */
  similarity?: number;
}

export interface ArticleDiff {
  rows: DiffRow[];
  summary: Record<RowChange, number> & { renumbered: number; moved: number };
}

/** Diff two Markdown policy versions (the older on the left). */
export function diffPolicyVersions(before: string, after: string): ArticleDiff {
  return diffUnits(parsePolicy(before), parsePolicy(after));
}

export function diffUnits(left: PolicyUnit[], right: PolicyUnit[]): ArticleDiff {
  // One id per distinct (kind, body); a map per kind, so no key string is built per unit.
  const ids = new Map<UnitKind, Map<string, number>>();
  let nextId = 0;
  const idOf = (u: PolicyUnit) => {
    let byBody = ids.get(u.kind);
    if (!byBody) ids.set(u.kind, (byBody = new Map()));
    let id = byBody.get(u.body);
    if (id === undefined) {
      id = nextId++;
      byBody.set(u.body, id);
    }
    return id;
  };
  const leftIds = Int32Array.from(left, idOf);
  const rightIds = Int32Array.from(right, idOf);
  const anchors = commonSubsequence(leftIds, rightIds) as Array<[number, number]>;

  const rows: DiffRow[] = [];
  const bigramCache = new Map<PolicyUnit, Int32Array>();
  const bigrams = (u: PolicyUnit) => {
    let b = bigramCache.get(u);
    if (!b) {
      b = bigramsOf(u.body);
      bigramCache.set(u, b);
    }
    return b;
  };
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...anchors, [left.length, right.length] as [number, number]]) {
    alignGap(left, right, i, ai, j, bj, bigrams, rows);
    if (ai < left.length) rows.push(row('unchanged', left[ai], right[bj]));
    i = ai + 1;
    j = bj + 1;
  }
  markMoves(rows);
  const summary = { unchanged: 0, modified: 0, inserted: 0, deleted: 0, renumbered: 0, moved: 0 };
  for (const r of rows) {
    summary[r.change]++;
    if (r.renumbered) summary.renumbered++;
    if (r.movedTo !== undefined) summary.moved++;
  }
  return { rows, summary };
}

const view = (u: PolicyUnit): UnitView => ({ kind: u.kind, label: u.label, number: u.number, body: u.body, line: u.line });

function row(change: RowChange, l: PolicyUnit | null, r: PolicyUnit | null, similarity?: number): DiffRow {
  const out: DiffRow = {
    change,
    left: l ? view(l) : null,
    right: r ? view(r) : null,
    renumbered: !!l && !!r && l.label !== r.label,
    segments: change === 'modified' && l && r ? diffCharacters(l.body, r.body) : null,
  };
  if (similarity !== undefined) out.similarity = similarity;
  return out;
}

/** Pair the units of one gap between anchors by similarity, keeping document order. */
function alignGap(
  left: PolicyUnit[],
  right: PolicyUnit[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  bigrams: (u: PolicyUnit) => Int32Array,
  rows: DiffRow[],
  headsTried = false,
): void {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) {
    for (let a = a0; a < a1; a++) rows.push(row('deleted', left[a], null));
    for (let b = b0; b < b1; b++) rows.push(row('inserted', null, right[b]));
    return;
  }
  const sim = (a: number, b: number) => (left[a].kind === right[b].kind ? dice(bigrams(left[a]), bigrams(right[b])) : 0);
  if (n * m > FULL_GAP_CELLS && !headsTried) {
    // A large gap: units whose opening words are unchanged (most edits are inside an
    // article) and that are similar enough become anchors, splitting it into small gaps.
    const heads = new Map<string, number>();
    const headId = (u: PolicyUnit) => {
      const key = `${u.kind}\u0000${u.body.replace(/\s+/g, '').slice(0, HEAD_LENGTH)}`;
      let id = heads.get(key);
      if (id === undefined) {
        id = heads.size;
        heads.set(key, id);
      }
      return id;
    };
    const pairs = (commonSubsequence(Int32Array.from(left.slice(a0, a1), headId), Int32Array.from(right.slice(b0, b1), headId)) ?? [])
      .map(([x, y]) => [a0 + x, b0 + y, sim(a0 + x, b0 + y)])
      .filter(([, , s]) => s >= SIMILARITY_THRESHOLD);
    if (pairs.length > 0) {
      let a = a0;
      let b = b0;
      for (const [x, y, s] of pairs) {
        alignGap(left, right, a, x, b, y, bigrams, rows, true);
        rows.push(row('modified', left[x], right[y], s));
        a = x + 1;
        b = y + 1;
      }
      alignGap(left, right, a, a1, b, b1, bigrams, rows, true);
      return;
    }
  }
  if (n * m > MAX_GAP_CELLS) {
    // Too large to compare every pair: pair by position within the gap.
    for (let k = 0; k < Math.max(n, m); k++) {
      const l = k < n ? left[a0 + k] : null;
      const r = k < m ? right[b0 + k] : null;
      const s = l && r ? sim(a0 + k, b0 + k) : 0;
      if (l && r && s >= SIMILARITY_THRESHOLD) rows.push(row('modified', l, r, s));
      else {
        if (l) rows.push(row('deleted', l, null));
        if (r) rows.push(row('inserted', null, r));
      }
    }
    return;
  }
  // The common case of a heavily revised document: as many units on both sides, each
  // still like its counterpart in place. Then that is the alignment, at n comparisons.
  if (n === m) {
    const diagonal = Array.from({ length: n }, (_, k) => sim(a0 + k, b0 + k));
    if (diagonal.every((s) => s >= SIMILARITY_THRESHOLD)) {
      for (let k = 0; k < n; k++) rows.push(row('modified', left[a0 + k], right[b0 + k], diagonal[k]));
      return;
    }
  }
  // A revision inserts and deletes a few units, so in a large gap a unit's counterpart lies
  // near the diagonal: only pairs within BAND + |n − m| of it are compared (similarity is
  // the expensive part; the programme itself still runs over every cell).
  const halfWidth = BAND + Math.abs(n - m);
  const inBand = (x: number, y: number) => n * m <= FULL_GAP_CELLS || Math.abs(y - (x * m) / n) <= halfWidth;
  // best[x][y] = the largest total similarity pairing left[a0+x…] with right[b0+y…].
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const sims = new Float64Array(n * m);
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) {
      const s = inBand(x, y) ? sim(a0 + x, b0 + y) : 0;
      sims[x * m + y] = s;
      const pair = s >= SIMILARITY_THRESHOLD ? s + best[(x + 1) * width + y + 1] : -1;
      best[x * width + y] = Math.max(pair, best[(x + 1) * width + y], best[x * width + y + 1]);
    }
  }
  let x = 0;
  let y = 0;
  while (x < n && y < m) {
    const s = sims[x * m + y];
    if (s >= SIMILARITY_THRESHOLD && best[x * width + y] === s + best[(x + 1) * width + y + 1]) {
      rows.push(row('modified', left[a0 + x], right[b0 + y], s));
      x++;
      y++;
    } else if (best[x * width + y] === best[(x + 1) * width + y]) {
      rows.push(row('deleted', left[a0 + x], null));
      x++;
    } else {
      rows.push(row('inserted', null, right[b0 + y]));
      y++;
    }
  }
  for (; x < n; x++) rows.push(row('deleted', left[a0 + x], null));
  for (; y < m; y++) rows.push(row('inserted', null, right[b0 + y]));
}

/** Sorted character-bigram codes of a text, whitespace skipped (code units are enough for a similarity measure). */
function bigramsOf(text: string): Int32Array {
  const out = new Int32Array(Math.max(1, text.length));
  let count = 0;
  let previous = -1;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x3000) continue;
    if (previous >= 0) out[count++] = (previous << 16) | c;
    previous = c;
  }
  // A one-character text is its own "bigram", so it can still equal another.
  if (count === 0 && previous >= 0) out[count++] = previous;
  return out.subarray(0, count).sort();
}

/** Dice coefficient of two sorted bigram multisets: 2·|A ∩ B| / (|A| + |B|). */
function dice(a: Int32Array, b: Int32Array): number {
  if (a.length + b.length === 0) return 1;
  let common = 0;
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    if (a[x] === b[y]) {
      common++;
      x++;
      y++;
    } else if (a[x] < b[y]) x++;
    else y++;
  }
  return (2 * common) / (a.length + b.length);
}

/** Mark deleted and inserted units with identical content as a move. */
function markMoves(rows: DiffRow[]): void {
  const deleted = new Map<string, number[]>();
  rows.forEach((r, k) => {
    if (r.change !== 'deleted' || !r.left) return;
    const key = `${r.left.kind}\u0000${r.left.body}`;
    deleted.set(key, [...(deleted.get(key) ?? []), k]);
  });
  rows.forEach((r, k) => {
    if (r.change !== 'inserted' || !r.right) return;
    const candidates = deleted.get(`${r.right.kind}\u0000${r.right.body}`);
    const from = candidates?.shift();
    if (from === undefined) return;
    rows[from].movedTo = k;
    r.movedFrom = from;
  });
}
