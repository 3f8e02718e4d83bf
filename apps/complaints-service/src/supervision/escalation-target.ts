/**
 * 督办 goes to the unit above the handling unit: the parent is the second-to-last segment
 * of the materialised path. The head office has no unit above; its complaints escalate to
 * itself (the record still shows they were escalated).
 */
export function escalationTarget(handlingUnitPath: string): { unitId: string; unitPath: string } {
  const segments = handlingUnitPath.split('/').filter(Boolean);
  if (!segments.length) throw new Error(`Not an org path: ${handlingUnitPath}`);
  const parent = segments.length >= 2 ? segments.slice(0, -1) : segments;
  return { unitId: parent[parent.length - 1], unitPath: `/${parent.join('/')}/` };
}

/** Reminders and escalations happen once per deadline: a reopening (new cycle) or an extension makes a new one. */
export function deadlineKey(clockCycle: number, extensionLevel: number): string {
  return `${clockCycle}.${extensionLevel}`;
}

/** The tightest reminder threshold (in days) that `dueAt` is within at `now`, or null. */
export function tightestThreshold(dueAt: Date, now: Date, thresholdsDays: readonly number[]): number | null {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const crossed = thresholdsDays.filter((d) => left <= d * 86_400_000);
  return crossed.length ? Math.min(...crossed) : null;
}
