import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads once within the TTL, again after it or after delete', async () => {
    // A fake clock: on a busy machine two real calls can lie further apart than a short TTL.
    jest.useFakeTimers({ now: new Date('2026-11-26T00:00:00Z') });
    let loads = 0;
    const cache = new TtlCache<string, number>(50);
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    cache.delete('a');
    expect(await cache.get('a', load)).toBe(2);
    jest.advanceTimersByTime(49);
    expect(await cache.get('a', load)).toBe(2);
    jest.advanceTimersByTime(2);
    expect(await cache.get('a', load)).toBe(3);
  });

  it('never grows past its bound', async () => {
    const cache = new TtlCache<number, number>(10_000, 3);
    for (let i = 0; i < 10; i++) await cache.get(i, async () => i);
    expect((cache as unknown as { entries: Map<number, unknown> }).entries.size).toBeLessThanOrEqual(3);
  });
});
