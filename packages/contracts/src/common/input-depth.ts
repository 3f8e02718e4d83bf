/**
 * How deeply a request may nest objects and arrays. class-transformer walks input
 * recursively, so a body like `{"a":{"a":…}}` thousands of levels deep overflows the stack
 * (a 500) before any validation runs; no DTO of the platform nests more than a few levels.
 */
export const MAX_INPUT_DEPTH = 32;

/** True when `value` nests objects or arrays more than `max` levels deep; iterative, so it cannot overflow itself. */
export function nestsDeeperThan(value: unknown, max = MAX_INPUT_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
