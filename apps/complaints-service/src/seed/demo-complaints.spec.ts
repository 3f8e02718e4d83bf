import { describe, expect, it } from '@jest/globals';
import { checkTransition } from '../complaints/workflow/complaint-workflow.js';
import { demoComplaints } from './demo-complaints.js';

describe('demo complaint histories', () => {
  const now = new Date('2026-11-22T04:00:00Z');
  const demo = demoComplaints(300, now);

  it('are legal paths through the transition table, in time order, never in the future', () => {
    for (const c of demo) {
      let status = 'received';
      let last = new Date(c.fields.receivedAt).getTime();
      for (const step of c.steps) {
        const t = checkTransition(step.action, status as never, false);
        expect({ key: c.key, action: step.action, from: status, allowed: t.allowed }).toEqual({ key: c.key, action: step.action, from: status, allowed: true });
        if (t.allowed) status = t.to;
        expect(step.at.getTime()).toBeGreaterThanOrEqual(last);
        expect(step.at.getTime()).toBeLessThan(now.getTime());
        last = step.at.getTime();
      }
    }
  });

  it('cover every end state a demo needs: closed, open, overdue-open, rejected, withdrawn, extended, typical', () => {
    const finalActions = demo.map((c) => c.steps.at(-1)?.action ?? 'none');
    for (const a of ['close', 'mark-typical', 'reject', 'withdraw', 'start', 'assign', 'none']) expect(finalActions).toContain(a);
    expect(demo.some((c) => c.steps.some((s) => s.action === 'extend'))).toBe(true);
    const overdueOpen = demo.filter((c) => c.steps.at(-1)?.action === 'start' && now.getTime() - new Date(c.fields.receivedAt).getTime() > 15 * 86_400_000);
    expect(overdueOpen.length).toBeGreaterThan(0);
  });

  it('include repeat customers and keep receipt within five months', () => {
    const phones = demo.map((c) => c.fields.customerPhone);
    expect(new Set(phones).size).toBeLessThan(phones.length);
    for (const c of demo) expect(now.getTime() - new Date(c.fields.receivedAt).getTime()).toBeLessThan(151 * 86_400_000);
  });
});
