import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { type ConsoleBrowser, fillLogin, openConsoleBrowser, settledValue, signOutOf } from '../src/browser.js';
import { startStack, type Stack } from '../src/stack.js';

/**
 * One complaint's whole life in the built console, in a real Chromium against the whole
 * stack, in Chinese: the admin records it for 安居支行 and assigns it to the handler at
 * 资阳分行 (the unit above); the handler finds it in his queue, starts, resolves, informs
 * the customer and closes it after the follow-up; the timeline shows every step. Then the
 * quarterly report downloads as an Excel file named after the quarter, the printable page
 * opens, and the analysis page draws its charts. Screenshots go to the test log folder.
 */
/** Timeline actions in order, with the Chinese label each step shows. */
const LIFECYCLE: [string, string][] = [
  ['received', '受理'],
  ['assigned', '分办'],
  ['started', '开始处理'],
  ['resolved', '办结'],
  ['replied', '反馈客户'],
  ['closed', '回访结案'],
];

describe('complaint workflow in the console', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  let pageErrors: string[] = [];

  const screenshot = (name: string, target: Page = page) => chrome.screenshot(name, target);

  const signIn = (username: string) => fillLogin(page, username);

  const signOut = () => signOutOf(page);

  /** A select or autocomplete by its label, then an option. */
  const choose = async (scope: Page | Locator, label: RegExp, option: string | RegExp) => {
    await scope.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  };

  /** Opens an action's dialog, lets `fill` fill it, submits, and waits for the step on the timeline. */
  const act = async (action: string, step: string, fill?: (dialog: Locator) => Promise<void>) => {
    await page.getByTestId(`action-${action}`).click();
    const dialog = page.getByTestId(`action-dialog-${action}`);
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-testid="timeline-step"][data-action="${step}"]`).waitFor();
  };

  beforeAll(async () => {
    stack = await startStack({ name: 'browser_wf', seedComplaints: 12 });
    chrome = await openConsoleBrowser('browser-workflow', { locale: 'zh-CN', acceptDownloads: true });
    page = chrome.page;
    pageErrors = chrome.pageErrors;
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it(
    'takes a complaint from intake to closure, reports the quarter and charts it',
    async () => {
      // — The admin records a 12345 transfer for 安居支行 (under 资阳分行). —
      await page.goto(`${stack.baseUrl}/`);
      await signIn('admin');
      await page.getByRole('menuitem', { name: '投诉', exact: true }).click();
      await page.getByRole('link', { name: '新建' }).click();
      await choose(page, /^受理渠道/, '政府服务热线12345转办');
      await page.getByRole('textbox', { name: /外部工单号/ }).fill('12345-WF-0001');
      await choose(page, /^业务类别/, '信用卡');
      await choose(page, /^投诉原因/, '定价收费');
      const unit = page.getByRole('combobox', { name: /^责任机构/ });
      await unit.click();
      await unit.fill('安居');
      await page.getByRole('option', { name: '安居支行 (SB-AJ)' }).click();
      await page.getByRole('textbox', { name: /客户姓名/ }).fill('赵小红');
      await page.getByRole('textbox', { name: /联系电话/ }).fill('13987654321');
      await page.getByRole('textbox', { name: /投诉内容/ }).fill('信用卡年费未经告知即被扣收，客户要求退还并解释。');
      await page.getByRole('button', { name: '保存' }).click();

      // The show page: received, the workflow buttons, the report-back deadline of a 12345 transfer.
      await page.getByTestId('workflow-actions').waitFor();
      const reference = ((await page.getByText(/^TS-\d{4}-\d+$/).first().textContent()) ?? '').trim();
      expect(reference).toMatch(/^TS-\d{4}-\d+$/);
      await page.locator('[data-testid="timeline-step"][data-action="received"]').waitFor();
      await page.getByTestId('report-back-due').waitFor();

      // 分办: to 资阳分行 and its handler (the complaint's unit lies below his).
      await act('assign', 'assigned', async (dialog) => {
        // The complaint in view; the unit starts at the nearest one with a handler who can take it
        // (安居支行 has none: 资阳分行 above it), with that handler chosen.
        await dialog.getByTestId('dialog-complaint-text').getByText('信用卡年费未经告知即被扣收，客户要求退还并解释。').waitFor();
        const unitInput = dialog.getByRole('combobox', { name: /承办机构/ });
        await expect(settledValue(unitInput, '资阳分行 (BR-ZY)')).resolves.toBe('资阳分行 (BR-ZY)');
        await dialog.getByText('李处理').waitFor();
        // Units in tree order: 资阳分行's sub-branches follow it, one level deeper.
        await unitInput.click();
        await unitInput.fill('');
        await page.getByTestId('tree-option').nth(5).waitFor();
        const levels = await page.getByTestId('tree-option').evaluateAll((els) => els.map((e) => Number((e as unknown as { dataset: { level: string } }).dataset.level)));
        expect(levels[0]).toBe(0);
        expect(Math.max(...levels)).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeLessThanOrEqual(levels[i - 1] + 1);
        await unitInput.fill('资阳');
        await page.getByRole('option', { name: '资阳分行 (BR-ZY)' }).click();
        await choose(dialog, /处理人/, '李处理');
        await dialog.getByRole('textbox', { name: /备注/ }).fill('请资阳分行核实处理');
      });
      await screenshot('01-assigned-admin');
      await signOut();

      // — The handler finds it first in his queue, marked as his. —
      await signIn('handler');
      await page.getByRole('menuitem', { name: '我的待办' }).click();
      const row = page.getByRole('row').filter({ hasText: reference });
      await row.getByTestId('mine').waitFor();
      await screenshot('02-queue-handler');
      await row.click();
      await page.getByTestId('action-start').waitFor();

      await act('start', 'started');
      await act('resolve', 'resolved', async (dialog) => {
        // 办结 with the complaint's text in view.
        await dialog.getByTestId('dialog-complaint-text').getByText('信用卡年费未经告知即被扣收，客户要求退还并解释。').waitFor();
        await choose(dialog, /处理结果/, '诉求部分成立');
        await dialog.getByRole('textbox', { name: /处理意见/ }).fill('经核实年费系系统误收，已全额退还并向客户致歉。');
        // A negative amount: our own Chinese message under the input, not the browser's English bubble.
        await dialog.getByRole('spinbutton', { name: /补偿金额/ }).fill('-5');
        await dialog.getByTestId('action-submit').click();
        await dialog.getByText('不小于 0').waitFor();
        await dialog.getByRole('spinbutton', { name: /补偿金额/ }).fill('50');
      });
      await act('reply', 'replied', async (dialog) => {
        await choose(dialog, /反馈方式/, '电话');
      });
      await act('close', 'closed', async (dialog) => {
        await choose(dialog, /回访满意度/, '基本满意');
      });

      // The timeline: every step once, in order, in Chinese, with from → to statuses.
      const steps = page.getByTestId('timeline-step');
      const actions: (string | null)[] = [];
      for (let i = 0; i < (await steps.count()); i++) actions.push(await steps.nth(i).getAttribute('data-action'));
      expect(actions).toEqual(LIFECYCLE.map(([action]) => action));
      for (const [index, [, label]] of LIFECYCLE.entries()) {
        await expect(steps.nth(index).textContent()).resolves.toContain(label);
      }
      await expect(steps.nth(1).textContent()).resolves.toContain('已受理 → 已分办');
      await expect(steps.nth(5).textContent()).resolves.toContain('已反馈 → 已回访结案');
      await expect(steps.nth(3).textContent()).resolves.toContain('诉求部分成立');
      // People by name (and unit), never by login id: 首问责任人, the handler, every timeline step.
      await page.getByTestId('first-responder').getByText('王消保 · 消费者权益保护办公室').waitFor();
      await steps.nth(1).getByText('李处理 · 资阳分行').first().waitFor();
      await steps.nth(5).getByText('李处理 · 资阳分行').waitFor();
      await page.locator('#main-content').getByTestId('person-name').first().waitFor();
      const shown = (await page.locator('#main-content').textContent()) ?? '';
      expect(shown).not.toContain('…');
      for (const loginId of ['admin', 'handler']) expect(shown).not.toMatch(new RegExp(`(^|[^a-z.])${loginId}([^a-z.]|$)`));
      // Closed: only the after-closure actions remain (二次投诉, 典型案例).
      await page.getByTestId('action-reopen').waitFor();
      expect(await page.getByTestId('action-resolve').count()).toBe(0);
      await screenshot('03-closed-timeline');

      // — The quarterly report of this quarter as Excel, under the server's name. —
      const now = new Date();
      const year = now.getFullYear();
      const quarter = Math.floor(now.getMonth() / 3) + 1;
      await page.getByRole('menuitem', { name: '季度通报' }).click();
      await choose(page, /年份/, String(year));
      await choose(page, /季度/, `第${quarter}季度`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
      const filename = download.suggestedFilename();
      expect(filename).toContain(`${year}年第${quarter}季度`);
      expect(filename).toMatch(/\.xlsx$/);
      const saved = join(chrome.folder, filename);
      await download.saveAs(saved);
      const bytes = readFileSync(saved);
      expect(bytes.length).toBeGreaterThan(1000);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      await screenshot('04-report');

      // The printable page opens in a new tab.
      const [printable] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-html').click()]);
      await printable.waitForURL(/^blob:/);
      await printable.waitForLoadState();
      await expect(printable.locator('body').textContent()).resolves.toContain(`${year}年第${quarter}季度`);
      await screenshot('05-report-printable', printable);
      await printable.close();

      // — The analysis page: this quarter in the handler's scope, with its charts. —
      await page.getByRole('menuitem', { name: '投诉分析' }).click();
      await page.getByTestId('kpi-total').filter({ hasText: /^[1-9]\d*$/ }).waitFor();
      await page.getByTestId('chart-trend').locator('svg.recharts-surface').first().waitFor();
      await page.getByTestId('chart-channel').locator('svg.recharts-surface').first().waitFor();
      await page.getByTestId('closure-buckets').waitFor();
      await screenshot('06-analysis');

      expect(pageErrors).toEqual([]);
    },
    600_000,
  );
});
