import type { Schemas } from '@xb/api-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, openConsoleBrowser, signInAt, signOutOf } from '../src/browser.js';
import { api, startStack, type Stack } from '../src/stack.js';

// Answer types from the OpenAPI document (checked against every answer at run time by api()).
type S = Schemas;
type WorkflowAction = S['WorkflowAction'];

/**
 * The console shows exactly the workflow buttons the service offers (`availableActions`),
 * nothing it derives itself: one complaint of 安居支行 in two states, seen by the admin and
 * by the handler of 资阳分行 (the unit above). In the second state (in progress, extended
 * once) the two differ: only the admin may approve the second extension.
 */
describe('workflow buttons are the record’s availableActions', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  let complaintId: string;

  const signIn = (username: string) => signInAt(page, stack.baseUrl, username);

  const signOut = () => signOutOf(page);

  /** What the service says this user may do on the complaint now. */
  const offered = async (username: string): Promise<WorkflowAction[]> => {
    const res = await api(stack.baseUrl, await stack.login(username)).get(`/api/complaints/${complaintId}`);
    expect(res.status).toBe(200);
    return res.body.availableActions;
  };

  /** The workflow buttons the show page renders, once its timeline (the last thing to load) shows `step`. */
  const buttons = async (step: string): Promise<string[]> => {
    await page.goto(`${stack.baseUrl}/#/complaints/${complaintId}/show`);
    await page.locator(`[data-testid="timeline-step"][data-action="${step}"]`).waitFor();
    const found = page.locator('[data-testid="workflow-actions"] [data-testid^="action-"]');
    const ids: string[] = [];
    for (let i = 0; i < (await found.count()); i++) ids.push(((await found.nth(i).getAttribute('data-testid')) ?? '').replace(/^action-/, ''));
    return ids.sort();
  };

  beforeAll(async () => {
    stack = await startStack({ name: 'browser_actions' });
    chrome = await openConsoleBrowser('browser-actions', { locale: 'zh-CN' });
    page = chrome.page;
    const [unit] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'SB-AJ'`);
    const created = await api(stack.baseUrl, await stack.login('admin')).post('/api/complaints', {
      channel: 'counter',
      businessCategory: 'loan',
      cause: 'disclosure',
      orgUnitId: unit.id,
      customerName: '吴按钮',
      customerPhone: '13711112222',
      description: '贷款利率未充分告知，要求解释并调整。',
    });
    expect(created.status).toBe(201);
    complaintId = created.body.id;
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it(
    'shows each user exactly the actions the service returned, in two states',
    async () => {
      const seen: Record<string, Record<string, { service: string[]; console: string[] }>> = {};
      const look = async (state: string, step: string) => {
        for (const username of ['admin', 'handler']) {
          const service = [...(await offered(username))].sort();
          await signIn(username);
          const shown = await buttons(step);
          await chrome.screenshot(`${state}-${username}`);
          await signOut();
          (seen[state] ??= {})[username] = { service, console: shown };
        }
      };

      // Received (受理): both may dispatch.
      await look('received', 'received');

      // In progress and extended once to 30 days: only an admin may approve the second extension.
      const admin = api(stack.baseUrl, await stack.login('admin'));
      const [handler] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM app_user WHERE username = 'handler'`);
      const [branch] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'BR-ZY'`);
      expect((await admin.post(`/api/complaints/${complaintId}/assign`, { orgUnitId: branch.id, handlerId: handler.id })).status).toBe(200);
      expect((await admin.post(`/api/complaints/${complaintId}/start`, {})).status).toBe(200);
      expect((await admin.post(`/api/complaints/${complaintId}/extend`, { reason: '需调取合同档案', customerNotifiedAt: new Date().toISOString() })).status).toBe(200);
      await look('extended', 'extended');

      for (const state of Object.keys(seen)) {
        for (const [username, { service, console: shown }] of Object.entries(seen[state])) {
          expect({ state, username, shown }).toEqual({ state, username, shown: service });
        }
      }
      // The answers differ where the rules say so, so the comparison above is not vacuous.
      expect(seen.received.admin.service).toEqual(['assign', 'extend', 'pause', 'reject', 'withdraw']);
      expect(seen.extended.admin.service).toContain('extend');
      expect(seen.extended.handler.service).not.toContain('extend');
      expect(seen.extended.handler.service).toContain('resolve');
      expect(chrome.pageErrors).toEqual([]);
    },
    600_000,
  );

  it(
    'a complaint moved out of the user’s scope while open: the page says so, no stale “记录不存在” toast on it or on the list',
    async () => {
      // Intake at 安居支行 (资阳分行's subtree), handled by 周处理 at 绵阳分行: he sees it only as its handler.
      const admin = api(stack.baseUrl, await stack.login('admin'));
      const [unit] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'SB-AJ'`);
      const created = await admin.post('/api/complaints', {
        channel: 'counter',
        businessCategory: 'service_quality',
        cause: 'attitude',
        orgUnitId: unit.id,
        customerName: '孙改派',
        customerPhone: '13711113333',
        description: '柜面办理存款业务时工作人员态度生硬，客户要求道歉。',
      });
      expect(created.status).toBe(201);
      const { id, reference } = created.body as { id: string; reference: string };
      const units = Object.fromEntries((await stack.sql<{ code: string; id: string }>('gateway', `SELECT code, id FROM org_unit WHERE code IN ('BR-MY', 'BR-ZY')`)).map((u) => [u.code, u.id]));
      const users = Object.fromEntries((await stack.sql<{ username: string; id: string }>('gateway', `SELECT username, id FROM app_user WHERE username IN ('handler', 'handler.my')`)).map((u) => [u.username, u.id]));
      expect((await admin.post(`/api/complaints/${id}/assign`, { orgUnitId: units['BR-MY'], handlerId: users['handler.my'] })).status).toBe(200);

      await signIn('handler.my');
      await page.goto(`${stack.baseUrl}/#/complaints/${id}/show`);
      await page.getByText(reference).first().waitFor();

      // Meanwhile the admin reassigns it to 资阳分行: 周处理 can no longer read it (404).
      expect((await admin.post(`/api/complaints/${id}/assign`, { orgUnitId: units['BR-ZY'], handlerId: users.handler })).status).toBe(200);
      expect((await api(stack.baseUrl, await stack.login('handler.my')).get(`/api/complaints/${id}`)).status).toBe(404);

      // He reloads the page: it explains, in place; before, react-admin toasted "记录不存在" for
      // any error and redirected to the list, where the toast lingered.
      await page.reload();
      const panel = page.getByTestId('record-unavailable');
      await panel.waitFor();
      expect(await panel.getAttribute('data-status')).toBe('404');
      await expect(panel.textContent()).resolves.toContain('已移出您的权限范围');
      expect(page.url()).toMatch(new RegExp(`#/complaints/${id}/show$`));
      expect(await page.getByText('记录不存在').count()).toBe(0);
      await chrome.screenshot('moved-out-of-scope');

      // Back to the list: the complaint is no longer there, and no toast came along.
      await panel.getByRole('link', { name: '返回列表' }).click();
      await page.waitForURL(/#\/complaints(\?.*)?$/);
      // (He may see no complaint at all now: react-admin's empty page, or the table.)
      await page.locator('.RaEmpty-message, .RaDataTable-root').first().waitFor();
      expect(await page.getByText(reference).count()).toBe(0);
      expect(await page.getByText('记录不存在').count()).toBe(0);
      // Opening the gone record's link again from inside the console says the same.
      await page.goto(`${stack.baseUrl}/#/complaints/${id}/show`);
      await page.getByTestId('record-unavailable').waitFor();
      expect(await page.getByText('记录不存在').count()).toBe(0);
      await signOut();
      expect(chrome.pageErrors).toEqual([]);
    },
    300_000,
  );
});
