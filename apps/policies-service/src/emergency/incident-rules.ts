/**
 * The incident engine's rules as pure functions: the checklist frozen from a plan version,
 * reporting deadlines that run from activation and, when the level changes, are recomputed
 * with the earlier deadline winning, and whether an incident may close.
 */
import type { IncidentDeadline, IncidentStep, PlanStructureDto } from '@xb/contracts/policies';

const at = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000).toISOString();

/** The plan's steps in order, each due `minutesAllowed` after activation. */
export function checklistOf(plan: PlanStructureDto, activatedAt: Date): IncidentStep[] {
  return [...plan.steps]
    .sort((a, b) => a.order - b.order)
    .map((s) => ({ order: s.order, title: s.title, ownerRole: s.ownerRole, mandatory: s.mandatory, dueAt: at(activatedAt, s.minutesAllowed), status: 'open', doneAt: null, doneBy: null, note: null }));
}

/** The reporting deadlines of `level`, from the activation time. */
export function deadlinesOf(plan: PlanStructureDto, level: number, activatedAt: Date): IncidentDeadline[] {
  return plan.reporting.filter((r) => r.level === level).map((r) => ({ to: r.to, dueAt: at(activatedAt, r.withinMinutes), level }));
}

/**
 * Deadlines after a level change: the new level's deadlines from the activation time, each
 * kept only if earlier than the one already running for the same recipient (the earlier
 * deadline wins); recipients only the old level had stay as they were.
 */
export function recomputeDeadlines(current: readonly IncidentDeadline[], plan: PlanStructureDto, newLevel: number, activatedAt: Date): IncidentDeadline[] {
  const byTo = new Map(current.map((d) => [d.to, d]));
  for (const d of deadlinesOf(plan, newLevel, activatedAt)) {
    const old = byTo.get(d.to);
    if (!old || Date.parse(d.dueAt) < Date.parse(old.dueAt)) byTo.set(d.to, d);
  }
  return [...byTo.values()].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.to.localeCompare(b.to));
}

/** Mandatory steps still open: closing is refused while there is any. */
export const openMandatorySteps = (steps: readonly IncidentStep[]): IncidentStep[] => steps.filter((s) => s.mandatory && s.status === 'open');
