/**
 * CPU time per part of the stack during a load phase, read from /proc (Linux): where a
 * request's cost goes (gateway, service, nats-server, PostgreSQL, the load generator).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

/** utime + stime of one process in milliseconds, or 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Every postgres process on the machine (all backends, the WAL writer, the checkpointer…). */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(Number(entry));
    } catch {
      // the process ended between readdir and read
    }
  }
  return total;
}

export type CpuParts = Record<string, number | undefined>;

/** Starts counting; the returned function gives the CPU milliseconds each part used since. */
export function cpuMeter(pids: CpuParts): () => Record<string, number> {
  const read = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) if (pid !== undefined) out[name] = processCpuMs(pid);
    out.postgres = postgresCpuMs();
    const self = process.cpuUsage();
    out['load generator (this process)'] = (self.user + self.system) / 1000;
    return out;
  };
  const start = read();
  return () => {
    const end = read();
    return Object.fromEntries(Object.entries(end).map(([k, v]) => [k, v - (start[k] ?? 0)]));
  };
}

/** "gateway 3.1 ms, complaints 2.4 ms, …" per operation, plus the total. */
export function describeCpu(used: Record<string, number>, operations: number): string {
  const per = (v: number) => `${(v / Math.max(1, operations)).toFixed(2)} ms`;
  const total = Object.values(used).reduce((a, b) => a + b, 0);
  return `CPU per operation: ${Object.entries(used)
    .map(([k, v]) => `${k} ${per(v)}`)
    .join(', ')}; total ${per(total)}`;
}
