import { describe, expect, it } from '@jest/globals';
import { checkTransition } from '../complaints/workflow/complaint-workflow.js';
import { DEMO_SCENARIOS, demoComplaints } from './demo-complaints.js';

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

  it('tell stories that match the category and cause they are filed under', () => {
    // Words a reader would expect in a complaint of each category and cause (not taken from the stories).
    const categoryWords: Record<string, RegExp> = {
      social_security_card: /社保卡/,
      loan: /贷款/,
      self_service: /ATM|自助|电话银行/,
      service_quality: /服务|态度|大堂|柜员/,
      credit_card: /信用卡/,
      wealth_management: /理财|基金|保险/,
      e_banking: /手机银行|网上银行|网银/,
      personal_information: /个人信息|信息泄露/,
      bank_card: /借记卡|银行卡/,
      deposit: /存款/,
      payment: /转账|汇款|支付/,
      credit_reporting: /征信/,
      rmb_cash: /人民币|现金|残损/,
    };
    const causeWords: Record<string, RegExp> = {
      process_waiting: /等待|周期|过长|迟迟|未收到|无法接通|往返|拒绝兑换|流程/,
      attitude: /态度|冷淡|生硬/,
      fees: /费|收取|扣收/,
      system_failure: /失败|吞卡|故障|被扣/,
      disclosure: /未告知|未如实告知|未.*揭示/,
      mis_selling: /误导|营销|销售/,
      contract_terms: /合同|条款/,
      information_security: /泄露|个人信息/,
    };
    for (const s of DEMO_SCENARIOS) {
      expect({ story: s.story, category: s.category, matches: categoryWords[s.category]?.test(s.story) ?? false }).toEqual({ story: s.story, category: s.category, matches: true });
      expect({ story: s.story, cause: s.cause, matches: causeWords[s.cause]?.test(s.story) ?? false }).toEqual({ story: s.story, cause: s.cause, matches: true });
    }
    for (const c of demo) {
      const scenario = DEMO_SCENARIOS.find((s) => s.story === c.fields.description);
      expect({ key: c.key, category: c.fields.businessCategory, cause: c.fields.cause }).toEqual({ key: c.key, category: scenario?.category, cause: scenario?.cause });
    }
    // Social-security cards stay the most frequent category, as in the seeds.
    const counts = new Map<string, number>();
    for (const c of demo) counts.set(c.fields.businessCategory, (counts.get(c.fields.businessCategory) ?? 0) + 1);
    expect([...counts.entries()].sort((a, b) => b[1] - a[1])[0][0]).toBe('social_security_card');
  });
});
