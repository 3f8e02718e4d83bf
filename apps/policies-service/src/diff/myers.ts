/**
 * Myers' O((N+M)·D) shortest edit script over two sequences of integer ids (characters,
 * or whole articles by content). Returns the matched pairs (the longest common
 * subsequence), or null when more than `maxEdits` edits would be needed, so a caller can
 * fall back to something coarser instead of spending quadratic time.
 */
export function commonSubsequence(a: ArrayLike<number>, b: ArrayLike<number>, maxEdits = Infinity): Array<[number, number]> | null {
  const n = a.length;
  const m = b.length;
  // Common prefix and suffix cost nothing and usually are most of a policy revision.
  let start = 0;
  while (start < n && start < m && a[start] === b[start]) start++;
  let endA = n;
  let endB = m;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < start; k++) pairs.push([k, k]);
  const middle = middleSnakes(a, b, start, endA, start, endB, maxEdits);
  if (middle === null) return null;
  for (const pair of middle) pairs.push(pair);
  for (let k = 0; k < n - endA; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

function middleSnakes(a: ArrayLike<number>, b: ArrayLike<number>, a0: number, a1: number, b0: number, b1: number, maxEdits: number): Array<[number, number]> | null {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    // Keep only the diagonals reachable at step d: the trace costs O(D²) memory, not O((N+M)·D).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;
  // Walk back through the trace; trace[d] holds v before step d, for diagonals −d−1 … d+1.
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]; // v as it was when step d began (state after step d − 1)
    const at = (k: number) => prev[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    const startY = startX - k;
    while (x > startX && y > startY) {
      x--;
      y--;
      pairs.push([a0 + x, b0 + y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push([a0 + x, b0 + y]);
  }
  return pairs.reverse();
}
