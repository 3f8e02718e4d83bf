import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

/** The batching logic alone (the complaints service's tests cover it against PostgreSQL). */
describe('GroupCommit', () => {
  it('writes what arrives together in batches of at most maxBatch, answering each in order', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => `#${i}`);
    }, 4);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => commit.submit(i)));
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => `#${i}`));
    expect(batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });

  it('writes a lone request at once, and one that arrives during a write in the next batch', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 20));
      return items;
    });
    const first = commit.submit(1);
    await new Promise((r) => setTimeout(r, 5)); // the first write is under way
    const later = [commit.submit(2), commit.submit(3)];
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 3]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('when a batch fails, writes each item alone: only the culprit fails', async () => {
    const calls: number[][] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      calls.push(items);
      if (items.includes(13)) throw new Error('unlucky');
      return items.map((i) => i * 2);
    });
    const outcomes = await Promise.allSettled([11, 12, 13, 14].map((i) => commit.submit(i)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([22, 24, 'unlucky', 28]);
    expect(calls[0]).toEqual([11, 12, 13, 14]);
    expect(calls.slice(1).sort((a, b) => a[0] - b[0])).toEqual([[11], [12], [13], [14]]);
  });

  it('refuses a result list that does not match the batch', async () => {
    const commit = new GroupCommit<number, number>(async () => []);
    await expect(commit.submit(1)).rejects.toThrow(/0 results for 1 items/);
  });
});
