import { describe, expect, it } from '@jest/globals';
import { CLOCK_RUNNING_STATUSES, COMPLAINT_STATUS_KEYS, PRE_DECISION_STATUSES, WORKFLOW_ACTIONS, type ComplaintStatus, type WorkflowAction } from '@xb/contracts';
import { allowedPairs, checkTransition, TRANSITIONS } from './complaint-workflow.js';

/** The table as the issue states it, written out independently: action → from → to. */
const EXPECTED: [WorkflowAction, ComplaintStatus, ComplaintStatus][] = [
  ['assign', 'received', 'assigned'],
  ['assign', 'assigned', 'assigned'], // reassignment
  ['assign', 'in_progress', 'assigned'], // reassignment
  ['start', 'assigned', 'in_progress'],
  ['resolve', 'in_progress', 'resolved'],
  ['reply', 'resolved', 'replied'],
  ['close', 'replied', 'closed'],
  ['reject', 'received', 'rejected'],
  ['reject', 'assigned', 'rejected'],
  ['withdraw', 'received', 'withdrawn'],
  ['withdraw', 'assigned', 'withdrawn'],
  ['withdraw', 'in_progress', 'withdrawn'],
  ['reopen', 'resolved', 'assigned'],
  ['reopen', 'replied', 'assigned'],
  ['reopen', 'closed', 'assigned'],
  ['extend', 'received', 'received'],
  ['extend', 'assigned', 'assigned'],
  ['extend', 'in_progress', 'in_progress'],
  ['extend', 'resolved', 'resolved'], // decided, customer not yet informed: the clock still runs
  ['pause', 'received', 'received'],
  ['pause', 'assigned', 'assigned'],
  ['pause', 'in_progress', 'in_progress'],
  ['resume', 'received', 'received'],
  ['resume', 'assigned', 'assigned'],
  ['resume', 'in_progress', 'in_progress'],
  ['mark-typical', 'resolved', 'resolved'],
  ['mark-typical', 'replied', 'replied'],
  ['mark-typical', 'closed', 'closed'],
];

describe('complaint state machine', () => {
  it('keeps the clock-dependent actions on the shared status lists: extend while the clock runs, pause/withdraw before the decision', () => {
    expect([...TRANSITIONS.extend.from]).toEqual([...CLOCK_RUNNING_STATUSES]);
    expect([...TRANSITIONS.pause.from]).toEqual([...PRE_DECISION_STATUSES]);
    expect([...TRANSITIONS.resume.from]).toEqual([...PRE_DECISION_STATUSES]);
    expect([...TRANSITIONS.withdraw.from]).toEqual([...PRE_DECISION_STATUSES]);
    expect(CLOCK_RUNNING_STATUSES).toContain('resolved');
    expect(CLOCK_RUNNING_STATUSES).not.toContain('replied');
  });

  it('has one row per workflow action', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
  });

  it.each(EXPECTED)('allows %s from %s → %s', (action, from, to) => {
    const paused = action === 'resume';
    expect(checkTransition(action, from, paused)).toEqual({ allowed: true, to });
  });

  it('allows exactly those pairs and nothing else', () => {
    const key = ([a, s]: [string, string]) => `${a}@${s}`;
    expect(allowedPairs().map(key).sort()).toEqual(EXPECTED.map(([a, s]) => key([a, s])).sort());
    // Exhaustively: every other (action, status) is refused with a reason naming the state.
    const allowed = new Set(EXPECTED.map(([a, s]) => key([a, s])));
    let refused = 0;
    for (const action of WORKFLOW_ACTIONS) {
      for (const status of COMPLAINT_STATUS_KEYS) {
        if (allowed.has(key([action, status]))) continue;
        const check = checkTransition(action, status, false);
        expect(check.allowed).toBe(false);
        if (!check.allowed) expect(check.reason).toContain(status);
        refused++;
      }
    }
    expect(refused).toBe(WORKFLOW_ACTIONS.length * COMPLAINT_STATUS_KEYS.length - EXPECTED.length);
  });

  it.each([
    ['start', 'received'],
    ['resolve', 'assigned'],
    ['reply', 'in_progress'],
    ['close', 'resolved'],
    ['reject', 'in_progress'],
    ['reject', 'closed'],
    ['withdraw', 'resolved'],
    ['withdraw', 'closed'],
    ['reopen', 'in_progress'],
    ['reopen', 'rejected'],
    ['reopen', 'withdrawn'],
    ['assign', 'resolved'],
    ['assign', 'closed'],
    ['extend', 'replied'], // the customer was informed: the clock stopped
    ['extend', 'closed'],
    ['pause', 'resolved'], // outside appraisal only before the decision
    ['resume', 'resolved'],
    ['mark-typical', 'in_progress'],
    ['mark-typical', 'rejected'],
  ] as [WorkflowAction, ComplaintStatus][])('refuses %s from %s', (action, status) => {
    expect(checkTransition(action, status, false).allowed).toBe(false);
  });

  it('terminal states (rejected, withdrawn) allow nothing at all', () => {
    for (const status of ['rejected', 'withdrawn'] as const) {
      for (const action of WORKFLOW_ACTIONS) expect(checkTransition(action, status, false).allowed).toBe(false);
    }
  });

  it('guards the clock: pause only a running clock, resume only a paused one', () => {
    expect(checkTransition('pause', 'in_progress', true)).toEqual({ allowed: false, reason: 'The clock of this in_progress complaint is already paused' });
    expect(checkTransition('resume', 'in_progress', false)).toEqual({ allowed: false, reason: 'The clock of this in_progress complaint is not paused' });
    // Other actions do not care whether the clock is paused.
    expect(checkTransition('resolve', 'in_progress', true)).toEqual({ allowed: true, to: 'resolved' });
  });
});
