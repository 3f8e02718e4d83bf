/**
 * The campaigns module's main path in the browser (zh-CN): an outlet's member of staff
 * reports an activity with a photo in a phone-sized window and submits it; the branch
 * above verifies it from its queue, and the dashboard's total changes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { openConsoleBrowser, type ConsoleBrowser } from '../src/browser.js';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';

describe('campaigns in the browser: report with a photo, verify, dashboard', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  let campaignId: string;

  const signIn = async (username: string) => {
    await page.goto(`${stack.baseUrl}/`);
    await page.getByRole('textbox', { name: '用户名' }).fill(username);
    await page.getByRole('textbox', { name: '密码' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('welcome').waitFor();
  };
  const sessionsOnDashboard = async () => {
    await page.goto(`${stack.baseUrl}/#/campaign-dashboard?campaignId=${campaignId}`);
    return Number(((await page.getByTestId('total-sessions').textContent()) ?? '').replace(/,/g, ''));
  };

  beforeAll(async () => {
    stack = await startStack({ name: 'browser_campaigns', services: ['campaigns'] });
    const admin = await stack.login('admin');
    const [zy] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'BR-ZY'`);
    const [ho] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'HO'`);
    await api(stack.baseUrl, admin).post('/api/users', { username: 'admin.zy', displayName: '资阳分行消保管理员', password: DEMO_PASSWORD, orgUnitId: zy.id, roles: ['admin'] }).expect(201);
    const year = new Date().getFullYear();
    const created = await api(stack.baseUrl, admin)
      .post('/api/campaigns', { seriesKey: 'anti_fraud', year, name: '防范电信网络诈骗宣传', startDate: `${year}-01-01`, endDate: `${year}-12-31`, orgUnitId: ho.id, targets: [{ metric: 'sessions', value: 4 }] })
      .expect(201);
    campaignId = created.body.id;
    chrome = await openConsoleBrowser('browser-campaigns', { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    page = chrome.page;
  }, 180_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it('the outlet reports with a photo and submits; the branch verifies; the dashboard total changes', async () => {
    await signIn('staff');
    await page.goto(`${stack.baseUrl}/#/campaign-activities/create`);
    await page.getByRole('combobox', { name: '活动' }).click();
    await page.getByRole('option', { name: '防范电信网络诈骗宣传' }).click();
    await page.getByLabel('活动日期').fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('combobox', { name: '场所类型' }).click();
    await page.getByRole('option', { name: '进社区' }).click();
    await page.getByLabel('受众人数').fill('85');
    await page.getByLabel('场次').fill('2');
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
    await page.getByTestId('evidence-input').setInputFiles({ name: '社区宣讲.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('evidence-chip').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('activity-submit').click();
    await page.getByText('已提交审核').first().waitFor();
    await chrome.screenshot('outlet-report');

    await page.evaluate('localStorage.clear()');
    await page.setViewportSize({ width: 1400, height: 900 });
    await signIn('admin.zy');
    const before = await sessionsOnDashboard();
    await page.goto(`${stack.baseUrl}/#/campaign-verification`);
    await page.getByTestId('activity-verify').first().click();
    await page.getByText('已审核通过,计入统计').first().waitFor();
    await expect(sessionsOnDashboard()).resolves.toBe(before + 2);
    await chrome.screenshot('dashboard');
    expect(chrome.pageErrors).toEqual([]);
  }, 240_000);
});
