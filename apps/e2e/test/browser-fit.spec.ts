import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@xb/test-kit';
import type { Locator, Page } from 'playwright-core';
import { type ConsoleBrowser, fillLogin, openConsoleBrowser } from '../src/browser.js';
import { api, startStack, type Stack } from '../src/stack.js';

/**
 * The console as a bank user meets it on a 1440×900 screen, in Chinese and in English:
 * the complaints list fits (every header on one line, the time-limit column and "add
 * filter" on screen), the audit log reads as sentences (translated action, the person by
 * name, the record linked, the reveal's reason) with "verify chain" on screen, and the home
 * page lists what needs attention. Screenshots (audit log, complaint page, home page) go to
 * the test log folder; docs/screenshots/ holds copies for review.
 */
const WIDTH = 1440;

/** The bits of the DOM the in-page checks use (this package is compiled without DOM types). */
interface DomRect {
  top: number;
  right: number;
  width: number;
}
interface DomNode {
  textContent: string | null;
}
interface DomElement extends DomNode {
  tagName: string;
  className: unknown;
  children: ArrayLike<DomElement>;
  getBoundingClientRect(): DomRect;
  closest(selector: string): DomElement | null;
}
interface DomDocument {
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  createTreeWalker(root: DomElement, what: number): { nextNode(): DomNode | null };
  createRange(): { selectNodeContents(node: DomNode): void; getClientRects(): ArrayLike<DomRect> };
}

describe('console at 1440×900 in both languages', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  let pageErrors: string[] = [];

  const screenshot = (name: string) => chrome.screenshot(name, page);

  const signIn = (username: string) => fillLogin(page, username);

  const switchTo = async (language: 'English' | '中文') => {
    await page.getByTestId('locale-switch').getByRole('button').click();
    await page.getByRole('menuitem', { name: language }).click();
  };

  /** Per column header: its text and on how many lines that text lies (text nodes only, icons ignored). */
  const headerLines = () =>
    page.evaluate(() => {
      // Runs in the page: DOM types are not part of this package's lib, so reach them through globalThis.
      const doc = (globalThis as unknown as { document: DomDocument }).document;
      return Array.from(doc.querySelectorAll('thead th')).map((th) => {
        const tops = new Set<number>();
        const walker = doc.createTreeWalker(th, 4 /* NodeFilter.SHOW_TEXT */);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.trim()) continue;
          const range = doc.createRange();
          range.selectNodeContents(node);
          for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.add(Math.round(rect.top / 4));
        }
        return { text: (th.textContent ?? '').trim(), lines: tops.size };
      });
    });

  /** Elements reaching past the right edge (the innermost ones, described), to name what makes a page too wide. */
  const overflowing = () =>
    page.evaluate((width) => {
      const doc = (globalThis as unknown as { document: DomDocument }).document;
      const out: string[] = [];
      for (const el of Array.from(doc.querySelectorAll('body *'))) {
        if (el.getBoundingClientRect().right <= width + 1) continue;
        if (Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 1)) continue;
        if (el.closest('[aria-hidden="true"]')) continue;
        out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${String(el.textContent).trim().slice(0, 30)}" right=${Math.round(el.getBoundingClientRect().right)}`);
        if (out.length >= 8) break;
      }
      return out;
    }, WIDTH);
  /** 'fits' when nothing scrolls sideways; else the page's width and what sticks out. */
  const fits = async () => {
    const width = await page.evaluate(() => (globalThis as unknown as { document: DomDocument }).document.documentElement.scrollWidth);
    return width <= WIDTH ? 'fits' : `${width} px: ${(await overflowing()).join('; ')}`;
  };

  /** The locator's box lies inside the viewport (not cut off on the right). */
  const onScreen = async (locator: Locator) => {
    await locator.waitFor();
    const box = await locator.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
  };

  beforeAll(async () => {
    stack = await startStack({ name: 'browser_fit', seedComplaints: 50, seed: { policies: 6, campaigns: 3, inspections: 1 } });
    chrome = await openConsoleBrowser('browser-fit', { locale: 'zh-CN', viewport: { width: WIDTH, height: 900 } });
    page = chrome.page;
    pageErrors = chrome.pageErrors;
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it(
    'fits the complaints list, the audit log and the home page on a 1440 px screen in Chinese and English',
    async () => {
      // A reveal with its reason, for the audit log to show.
      const admin = await stack.login('admin');
      const [complaint] = await stack.sql<{ id: string; reference: string }>(
        'complaints',
        `SELECT id, reference FROM complaint WHERE assigned_handler_id IS NOT NULL ORDER BY received_at DESC LIMIT 1`,
      );
      expect((await api(stack.baseUrl, admin).post(`/api/complaints/${complaint.id}/pii`, { reason: '核实客户身份' })).status).toBe(200);
      await waitFor(
        async () => (await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM audit_log WHERE details->>'reason' = '核实客户身份'`))[0].n === 1,
        { timeoutMs: 30_000, what: 'the reveal in the audit log' },
      );

      // 督办: the overdue ones among the seeded complaints escalated, for the lists to mark.
      expect((await api(stack.baseUrl, admin).post('/api/complaints/supervision/run-now')).status).toBeLessThan(300);
      const [{ escalated }] = await stack.sql<{ escalated: number }>('complaints', `SELECT count(*)::int AS escalated FROM complaint WHERE escalated_at IS NOT NULL AND status NOT IN ('closed', 'rejected', 'withdrawn')`);
      expect(escalated).toBeGreaterThan(0);

      await page.goto(`${stack.baseUrl}/`);
      await signIn('admin');

      for (const [language, sla, addFilter] of [
        ['中文', '限时办结', '添加筛选'],
        ['English', 'Time limit', 'Add filter'],
      ] as const) {
        if (language === 'English') await switchTo('English');
        // — The complaints list: every header on one line, the SLA column and "add filter" on screen. —
        await page.goto(`${stack.baseUrl}/#/complaints`);
        await page.getByRole('columnheader', { name: sla }).waitFor();
        const headers = await headerLines();
        expect(headers.length).toBeGreaterThanOrEqual(8);
        expect(headers.filter((h) => h.lines > 1)).toEqual([]);
        await onScreen(page.getByRole('columnheader', { name: sla }));
        await onScreen(page.getByRole('button', { name: addFilter }));
        await screenshot(`list-${language === '中文' ? 'zh' : 'en'}`);
        expect(await fits()).toBe('fits');

        // — My queue and the supervision board, escalated rows marked, the time limit on screen. —
        for (const path of ['complaint-queue', 'complaint-supervision']) {
          await page.goto(`${stack.baseUrl}/#/${path}`);
          await page.getByTestId('escalated').first().waitFor();
          expect((await headerLines()).filter((h) => h.lines > 1)).toEqual([]);
          await onScreen(page.getByRole('columnheader', { name: sla }));
          await screenshot(`${path}-${language === '中文' ? 'zh' : 'en'}`);
          expect(await fits()).toBe('fits');
        }

        // — The audit log: sentences, the reveal's reason, "verify chain" on screen. —
        await page.goto(`${stack.baseUrl}/#/audit-log`);
        const reveal = page.getByTestId('audit-summary').filter({ hasText: '核实客户身份' }).first();
        await reveal.waitFor();
        await expect(reveal.textContent()).resolves.toContain(complaint.reference);
        await expect(reveal.textContent()).resolves.toContain(language === '中文' ? '查看客户信息明文' : 'revealed customer data of');
        const row = page.getByRole('row').filter({ has: reveal });
        await row.getByText('王消保 · 消费者权益保护办公室').waitFor();
        expect(await page.getByText('complaints.complaint.pii-revealed').count()).toBe(0);
        if (language === '中文') {
          // Every action on the page (sign-ins, complaints, the seeded campaigns' activities …) is in Chinese, none a fallback in English.
          const chips = await page.locator('tbody .MuiChip-label').allTextContents();
          expect(chips.length).toBeGreaterThan(10);
          expect(chips.filter((t) => !/[\u4e00-\u9fff]/.test(t))).toEqual([]);
        }
        await onScreen(page.getByRole('button', { name: language === '中文' ? '校验审计链' : 'Verify chain' }));
        expect(await fits()).toBe('fits');
        // Details expand in place, labelled.
        // react-admin remembers expanded rows per resource: the first language's pass may have left it open.
        const details = page.getByTestId('audit-details').first();
        if (!(await details.isVisible())) await row.getByRole('cell').nth(1).click();
        await details.getByText(language === '中文' ? '事由' : 'Reason').first().waitFor();
        await screenshot(`audit-log-${language === '中文' ? 'zh' : 'en'}`);
        // The summary links to the record.
        await reveal.getByTestId('audit-record-link').click();
        await page.waitForURL(new RegExp(`#/complaints/${complaint.id}/show$`));
        await page.getByTestId('timeline').waitFor();
        await page.getByTestId('person-name').first().waitFor();
        expect(await fits()).toBe('fits');
        await screenshot(`complaint-${language === '中文' ? 'zh' : 'en'}`);
      }

      // — The home page of a handler: overdue, due soon, waiting for my action, with links. —
      await switchTo('中文');
      await page.getByRole('button', { name: '个人设置' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await signIn('handler');
      await page.getByTestId('attention').waitFor();
      for (const list of ['attention-overdue', 'attention-due-soon', 'attention-mine']) await page.getByTestId(`${list}-count`).waitFor();
      // The count agrees with his queue's "mine" (open complaints assigned to him).
      const queue = await api(stack.baseUrl, await stack.login('handler')).get(`/api/complaints/queue?filter=${encodeURIComponent(JSON.stringify({ mine: true }))}&range=[0,0]`);
      const n = Number(/\/(\d+)$/.exec(String(queue.headers['content-range']))?.[1]);
      expect(Number.isInteger(n)).toBe(true);
      await waitFor(async () => (await page.getByTestId('attention-mine-count').textContent()) === String(n), { what: 'the "waiting for my action" count' });
      if (n > 0) {
        const first = page.getByTestId('attention-mine').getByTestId('attention-row').first().getByRole('link');
        const reference = (await first.textContent()) ?? '';
        await screenshot('home-handler-zh');
        await first.click();
        await page.getByText(reference).first().waitFor();
      } else {
        await screenshot('home-handler-zh');
      }
      expect(pageErrors).toEqual([]);
    },
    600_000,
  );

  /** The count a list route answers (its Content-Range total), as `user`. */
  const total = async (token: string, path: string, filter: object) => {
    const res = await api(stack.baseUrl, token).get(`${path}?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,0]`);
    expect(res.status).toBe(200);
    return Number(/\/(\d+)$/.exec(String(res.headers['content-range']))?.[1]);
  };
  const cards = async () => (await page.locator('[data-testid="my-work"] [data-testid^="work-"], [data-testid="my-work"] [data-testid="approvals"]').evaluateAll((els: unknown[]) => els.map((e) => (e as { dataset: { testid: string } }).dataset.testid))).filter((id) => !/-(count|empty)$/.test(id)).sort();
  const chip = (card: string) => page.getByTestId(`${card}-count`);

  it(
    'the home page lists what awaits each user: approvals and one card per module their roles may use, counted as the API counts',
    async () => {
      await page.goto(`${stack.baseUrl}/`);
      await page.getByRole('textbox', { name: '用户名' }).or(page.getByTestId('welcome')).waitFor();
      if (await page.getByTestId('welcome').isVisible()) {
        await page.getByRole('button', { name: '个人设置' }).click();
        await page.getByRole('menuitem', { name: '退出登录' }).click();
      }
      // The admin: one complaint waits for the closing follow-up (回访结案), so approvals are not empty.
      const admin = await stack.login('admin');
      const adminApi = api(stack.baseUrl, admin);
      const [c] = await stack.sql<{ id: string }>('complaints', `SELECT id FROM complaint WHERE status = 'assigned' ORDER BY received_at LIMIT 1`);
      for (const [action, body] of [
        ['start', {}],
        ['resolve', { outcome: 'not_upheld', resolution: '已向客户解释收费依据，客户表示理解。' }],
        ['reply', { method: 'phone', informedAt: new Date().toISOString() }],
      ] as const) {
        const res = await adminApi.post(`/api/complaints/${c.id}/${action}`, body);
        expect({ action, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ action, status: 200, body: null });
      }
      // What the cards should say, from the API.
      const replied = await adminApi.get(`/api/complaints?filter=${encodeURIComponent(JSON.stringify({ status: 'replied' }))}&range=[0,49]`);
      const open = await adminApi.get(`/api/complaints?filter=${encodeURIComponent(JSON.stringify({ status: ['received', 'assigned', 'in_progress', 'resolved'] }))}&range=[0,199]`);
      type Row = { availableActions: string[]; extensionLevel: number };
      const approvals =
        (replied.body as Row[]).filter((r) => r.availableActions.includes('close')).length +
        (open.body as Row[]).filter((r) => r.extensionLevel === 1 && r.availableActions.includes('extend')).length;
      expect(approvals).toBeGreaterThanOrEqual(1);
      const ackTasks = (await adminApi.get('/api/policy-acknowledgements/tasks')).body as unknown[];
      const toVerify = await total(admin, '/api/campaign-activities', { toVerify: true });
      const toFix = await total(admin, '/api/rectifications', { status: 'open' });

      await signIn('admin');
      await page.getByTestId('my-work').waitFor();
      await waitFor(async () => (await cards()).length === 7, { what: 'seven cards for the admin' });
      expect(await cards()).toEqual(['approvals', 'work-campaigns', 'work-exams', 'work-policies', 'work-policy-reviews', 'work-rectifications', 'work-training']);
      // The demo revision in review is the admin's own: he may not sign it off (the author never approves).
      await waitFor(async () => (await chip('work-policy-reviews').textContent()) === '0', { what: 'no sign-off for the author' });
      await waitFor(async () => (await chip('approvals').textContent()) === String(approvals), { what: 'the approvals count' });
      await waitFor(async () => (await chip('work-policies').textContent()) === String(ackTasks.length), { what: 'the policies count' });
      await waitFor(async () => (await chip('work-campaigns').textContent()) === String(toVerify), { what: 'the campaigns count' });
      await waitFor(async () => (await chip('work-rectifications').textContent()) === String(toFix), { what: 'the rectifications count' });
      await chip('work-training').waitFor();
      await page.getByTestId('approvals').getByText('待回访结案', { exact: false }).first().waitFor();
      expect(await fits()).toBe('fits');
      await screenshot('home-admin-zh');
      // Empty states say so in words (no rectification is open in this stack).
      if (toFix === 0) await page.getByTestId('work-rectifications-empty').getByText('暂无未完成的整改。').waitFor();
      await switchTo('English');
      await page.getByTestId('approvals').getByText('Awaiting my approval').waitFor();
      await page.getByTestId('work-policies').getByText('Policies to acknowledge').waitFor();
      expect(await fits()).toBe('fits');
      await screenshot('home-admin-en');
      // A line links to its record.
      await page.getByTestId('approvals').getByRole('link').first().click();
      await page.waitForURL(/#\/complaints\/[^/]+\/show$/);
      await switchTo('中文');

      // The audit log's details of that resolution read as words: the outcome's label, the unit's
      // name, a local time; the raw values stay in the tooltips and the raw JSON.
      await page.goto(`${stack.baseUrl}/#/audit-log?filter=${encodeURIComponent(JSON.stringify({ action: 'complaints.complaint.resolved', resourceId: c.id }))}`);
      const resolved = page.getByRole('row').filter({ has: page.getByTestId('audit-summary') }).first();
      await resolved.waitFor();
      if (!(await page.getByTestId('audit-details').first().isVisible())) await resolved.getByRole('cell').nth(1).click();
      const details = page.getByTestId('audit-details').first();
      await details.waitFor();
      const value = (key: string) => details.locator(`dd[data-key="${key}"]`);
      await waitFor(async () => (await value('outcome').textContent()) === '诉求不成立', { what: 'the outcome by its label' });
      await waitFor(async () => !/…|^[0-9a-f]{8}/.test((await value('unitId').textContent()) ?? '…'), { what: 'the unit by its name' });
      expect(await value('resolvedAt').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(await value('outcome').locator('[data-raw]').getAttribute('data-raw')).toBe('not_upheld');
      await page.getByTestId('audit-raw').first().locator('summary').click();
      await expect(page.getByTestId('audit-raw').first().locator('pre').textContent()).resolves.toContain('"outcome": "not_upheld"');
      expect(await fits()).toBe('fits');
      await screenshot('audit-details-zh');

      // The auditor (陈审计): the revision the admin submitted waits for his sign-off (审阅会签), as the API offers it.
      await page.getByRole('button', { name: '个人设置' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      const inReview = (await api(stack.baseUrl, await stack.login('auditor')).get(`/api/policy-versions?filter=${encodeURIComponent(JSON.stringify({ status: 'in_review' }))}&range=[0,49]`)).body as { id: string; availableActions: string[] }[];
      const toSignOff = inReview.filter((v) => v.availableActions.includes('approve'));
      expect(toSignOff.length).toBeGreaterThanOrEqual(1);
      await signIn('auditor');
      await waitFor(async () => (await chip('work-policy-reviews').textContent()) === String(toSignOff.length), { what: "the auditor's sign-off count" });
      // Auditors read complaints but approve nothing in them: no approvals card, which would always say 0.
      expect(await cards()).not.toContain('approvals');
      expect(await cards()).toEqual(['work-policies', 'work-policy-reviews', 'work-training']);
      await page.getByTestId('work-policy-reviews').getByRole('link').first().click();
      await page.waitForURL(new RegExp(`#/policy-versions/(${toSignOff.map((v) => v.id).join('|')})/show$`));
      await screenshot('policy-review-auditor-zh');

      // The inspector (赵暗访): his own visits still to do (planned, started, returned), as the API counts them,
      // and the first opens the visit screen; he verifies fixes, so the rectifications card is the one to verify.
      await page.getByRole('button', { name: '个人设置' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      const inspector = await stack.login('inspector');
      const todo = { mine: true, status: ['returned', 'in_progress', 'planned'] };
      const visits = await total(inspector, '/api/inspections', todo);
      expect(visits).toBeGreaterThanOrEqual(1);
      expect(visits).toBeLessThan(await total(inspector, '/api/inspections', { mine: true }));
      await signIn('inspector');
      await waitFor(async () => (await chip('work-visits').textContent()) === String(visits), { what: "the inspector's visits count" });
      expect(await cards()).toEqual(['work-policies', 'work-rectifications', 'work-training', 'work-visits']);
      await page.getByTestId('work-visits').getByRole('link').first().click();
      await page.waitForURL(/#\/inspections\/[^/]+\/(visit|show)$/);
      await page.goto(`${stack.baseUrl}/#/`);
      await page.getByTestId('work-visits').waitFor();
      await screenshot('home-inspector-zh');

      // A member of staff (刘员工): no complaints, so no approvals; training and policies only.
      // Signing out from a record page raises no "请登录后继续" toast (it lingered into the next user's home page).
      await page.getByRole('button', { name: '个人设置' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByRole('button', { name: '登录' }).waitFor();
      await page.waitForTimeout(1_500);
      expect(await page.getByText('请登录后继续').count()).toBe(0);
      await signIn('staff');
      expect(await page.getByText('请登录后继续').count()).toBe(0);
      await page.getByTestId('my-work').waitFor();
      await waitFor(async () => (await cards()).length === 2, { what: 'two cards for staff' });
      expect(await cards()).toEqual(['work-policies', 'work-training']);
      expect(await page.getByTestId('attention').count()).toBe(0);
      await screenshot('home-staff-zh');
      expect(pageErrors).toEqual([]);
    },
    300_000,
  );
});
