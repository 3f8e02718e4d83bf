import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { openConsoleBrowser, type ConsoleBrowser } from '../src/browser.js';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';

/**
 * WCAG 2 A and AA (GB/T 37668-2019 follows WCAG) on the console with axe-core: the login
 * page, the home page, and each module's main list, a record's page and its dashboard, in
 * Chinese as staff see it every day. Any serious or critical violation fails, named with the
 * elements it was found on.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeNode { target: string[]; html: string; failureSummary?: string }
interface AxeViolation { id: string; impact: string | null; help: string; nodes: AxeNode[] }

describe('console accessibility (axe-core, WCAG 2 A/AA)', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  const ids: Record<string, string> = {};

  /** The id of the first record of a list, through the API. */
  const firstId = async (token: string, resource: string) => {
    const res = await api(stack.baseUrl, token).get(`/api/${resource}?range=${encodeURIComponent('[0,0]')}`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(1);
    return (res.body as Array<{ id: string }>)[0].id;
  };

  /** Serious and critical violations on the page as it is now, one line per rule and element. */
  const audit = async (): Promise<string[]> => {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
      const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
      return result.violations;
    }) as AxeViolation[];
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.html.slice(0, 120)} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`));
  };

  /** Opens a console route, waits until react-admin has drawn it (no progress bar), and audits it. */
  const visit = async (route: string, ready: () => Promise<unknown>) => {
    await page.goto(`${stack.baseUrl}/#${route}`);
    await ready();
    await page.waitForLoadState('networkidle');
    await page.locator('[role="progressbar"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    return { route, violations: await audit() };
  };
  const main = () => page.locator('main, #main-content').first().waitFor();

  beforeAll(async () => {
    stack = await startStack({ name: 'a11y', seed: { complaints: 8, policies: 3, training: 30, inspections: 1, campaigns: 1 } });
    const admin = await stack.login('admin');
    ids.complaint = await firstId(admin, 'complaints');
    ids.policyVersion = await firstId(admin, 'policy-versions');
    ids.exam = await firstId(admin, 'exams');
    ids.inspection = await firstId(admin, 'inspections');
    ids.campaign = await firstId(admin, 'campaigns');
    chrome = await openConsoleBrowser('a11y', { locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = chrome.page;
  }, 300_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it('finds no serious or critical violation on the login page', async () => {
    await page.goto(`${stack.baseUrl}/#/login`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await audit()).toEqual([]);
  });

  it('finds no serious or critical violation on the home page and each module’s list, record and dashboard', async () => {
    await page.getByRole('textbox', { name: '用户名' }).fill('admin');
    await page.getByRole('textbox', { name: '密码' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('welcome').waitFor();
    const pages = [
      await visit('/', () => page.getByTestId('welcome').waitFor()),
      await visit('/complaints', main),
      await visit(`/complaints/${ids.complaint}/show`, main),
      await visit('/complaint-analysis', main),
      await visit('/policy-documents', main),
      await visit(`/policy-versions/${ids.policyVersion}/show`, main),
      await visit('/policy-review-board', main),
      await visit('/exams', main),
      await visit(`/exams/${ids.exam}/show`, main),
      await visit('/training/my', main),
      await visit('/inspections', main),
      await visit(`/inspections/${ids.inspection}/show`, main),
      await visit('/inspection-analysis', main),
      await visit('/campaigns', main),
      await visit(`/campaigns/${ids.campaign}/show`, main),
      await visit('/campaign-dashboard', main),
      await visit('/audit-log', main),
    ];
    await chrome.screenshot('a11y-last');
    const failing = pages.filter((p) => p.violations.length);
    expect(failing).toEqual([]);
    expect(chrome.pageErrors).toEqual([]);
  }, 600_000);
});
