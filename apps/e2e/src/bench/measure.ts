/** Load loops and latency statistics for the benchmark: bounded in time and in count, loopback only. */
import http from 'node:http';

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  /** Successful operations per second. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: Record<string, number>;
}

/** Counts a failure under its (shortened) message. */
function tally(errors: Record<string, number>, message: string): void {
  const key = message.slice(0, 120);
  errors[key] = (errors[key] ?? 0) + 1;
}

/** A load phase's figures from its latencies (ms), failures and start time. */
function summarise(latencies: number[], failed: number, errors: Record<string, number>, t0: number): LoadResult {
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    failed,
    seconds: elapsed,
    rate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors,
  };
}

/**
 * Runs `op` from `concurrency` workers until `seconds` have passed or `maxOps` were started,
 * whichever comes first. Latency in milliseconds per successful op.
 */
export async function closedLoop(concurrency: number, seconds: number, maxOps: number, op: (n: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let started = 0;
  let failed = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && started < maxOps) {
        const n = started++;
        const s = performance.now();
        try {
          await op(n);
          latencies.push(performance.now() - s);
        } catch (err) {
          failed++;
          tally(errors, String((err as Error).message));
        }
      }
    }),
  );
  return summarise(latencies, failed, errors, t0);
}

/**
 * Open loop: starts `op` at a fixed `rate` per second for `seconds`, whatever the answers
 * take (at most `maxInFlight` outstanding; a start that would exceed it counts as failed).
 * Latency is measured from each op's scheduled start, so a stall shows in the figures
 * instead of quietly lowering the offered load (no coordinated omission).
 */
export async function openLoop(rate: number, seconds: number, maxInFlight: number, op: (n: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let failed = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const total = Math.floor(rate * seconds);
  const t0 = performance.now();
  for (let n = 0; n < total; n++) {
    const scheduled = t0 + (n * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      failed++;
      tally(errors, 'too many requests in flight');
      continue;
    }
    inFlight++;
    pending.push(
      op(n)
        .then(() => void latencies.push(performance.now() - scheduled))
        .catch((err: unknown) => {
          failed++;
          tally(errors, String((err as Error).message));
        })
        .finally(() => inFlight--),
    );
  }
  await Promise.all(pending);
  return summarise(latencies, failed, errors, t0);
}

/** Serial timings of `op`, `runs` times after `warmup` untimed runs. */
export async function timings(runs: number, warmup: number, op: (n: number) => Promise<void>): Promise<{ p50: number; p95: number; max: number; runs: number }> {
  for (let i = 0; i < warmup; i++) await op(-1 - i);
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await op(i);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95), max: t.at(-1)!, runs };
}

/** A keep-alive HTTP client for the gateway on loopback. */
export class GatewayClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, sockets: number) {
    const url = new URL(baseUrl);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`the benchmark only talks to loopback, not ${url.hostname}`);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(method: string, path: string, token: string, body?: unknown, expect = 200): Promise<Buffer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const data = Buffer.concat(chunks);
            if (res.statusCode !== expect) reject(new Error(`${method} ${path.split('?')[0]} → ${res.statusCode} ${data.toString('utf8').slice(0, 200)}`));
            else resolve(data);
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('request timed out after 30 s')));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
