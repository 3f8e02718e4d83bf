/**
 * The campaigns module's main path in the browser (zh-CN): an outlet's member of staff
 * reports an activity with a photo in a phone-sized window and submits it; the branch
 * above verifies it from its queue, and the dashboard's total changes. Then the other
 * screens: the staff picker and the edit of a draft, the campaign edit, and the xlsx
 * import page (template, a bad row named by row and field, then all rows).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { type ConsoleBrowser, openConsoleBrowser, settledValue, signInAt } from '../src/browser.js';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';

describe('campaigns in the browser: report with a photo, verify, dashboard', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  let campaignId: string;

  const signIn = (username: string) => signInAt(page, stack.baseUrl, username);
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

  /** Opens a new activity report of the anti-fraud campaign, dated today, at a venue of this type. */
  const startReport = async (venue: string) => {
    await page.goto(`${stack.baseUrl}/#/campaign-activities/create`);
    await page.getByRole('combobox', { name: '活动' }).click();
    await page.getByRole('option', { name: '防范电信网络诈骗宣传' }).click();
    await page.getByLabel('活动日期').fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('combobox', { name: '场所类型' }).click();
    await page.getByRole('option', { name: venue }).click();
  };

  it('the outlet reports with a photo and submits; the branch verifies; the dashboard total changes', async () => {
    await signIn('staff');
    await startReport('进社区');
    await page.getByLabel('受众人数').fill('85');
    await page.getByLabel('场次').fill('2');
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
    await page.getByTestId('evidence-input').setInputFiles({ name: '社区宣讲.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('evidence-chip').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    // The saved activity shows its evidence by name with a thumbnail (the verifier looks at it), not as file ids.
    await page.getByTestId('stored-files').getByText('社区宣讲.jpg').waitFor();
    await page.getByTestId('stored-files').getByTestId('attachment-thumbnail').waitFor();
    await page.getByTestId('activity-submit').click();
    await page.getByText('已提交审核').first().waitFor();
    await chrome.screenshot('outlet-report');

    await page.evaluate('localStorage.clear()');
    await page.setViewportSize({ width: 1400, height: 900 });
    await signIn('admin.zy');
    const before = await sessionsOnDashboard();
    await page.goto(`${stack.baseUrl}/#/campaign-verification`);
    await page.getByTestId('activity-verify').first().click();
    await page.getByText('已审核通过，计入统计').first().waitFor();
    await expect(sessionsOnDashboard()).resolves.toBe(before + 2);
    // The year summary lists the campaign; the printable summary opens from the dashboard.
    await page.getByTestId('year-summary').getByText('防范电信网络诈骗宣传').waitFor();
    const popup = page.context().waitForEvent('page');
    await page.getByTestId('report-html').click();
    const report = await popup;
    await report.getByText(/集中宣教\d+次/).first().waitFor();
    await report.close();
    await chrome.screenshot('dashboard');
    expect(chrome.pageErrors).toEqual([]);
  }, 240_000);

  it('the outlet names staff with the picker and edits its draft; the admin edits the campaign', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.evaluate('localStorage.clear()');
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn('staff');
    await startReport('进学校');
    // The staff picker: type part of a name, pick the person from the directory.
    await page.getByRole('combobox', { name: '参与员工' }).fill('staff');
    await page.getByRole('option', { name: /\(staff\)|^staff$/ }).first().click();
    await page.getByLabel('受众人数').fill('40');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('staff-names').waitFor();
    const [{ id: staffId }] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM app_user WHERE username = 'staff'`);
    const [draft] = await stack.sql<{ id: string; staff_ids: string[]; people_reached: number }>('campaigns', `SELECT id, staff_ids, people_reached FROM campaign_activity WHERE status = 'draft' AND venue_type = 'school'`);
    expect(draft).toMatchObject({ staff_ids: [staffId], people_reached: 40 });
    // Edit the draft: the form shows what was saved, and the change is stored.
    await page.getByRole('link', { name: '编辑' }).click();
    await expect(settledValue(page.getByLabel('受众人数'), '40')).resolves.toBe('40');
    await page.getByLabel('受众人数').fill('55');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('staff-names').waitFor();
    await expect(stack.sql<{ people_reached: number }>('campaigns', `SELECT people_reached FROM campaign_activity WHERE id = $1`, [draft.id])).resolves.toEqual([{ people_reached: 55 }]);
    await chrome.screenshot('activity-edit');

    await page.evaluate('localStorage.clear()');
    await page.setViewportSize({ width: 1400, height: 900 });
    await signIn('admin');
    await page.goto(`${stack.baseUrl}/#/campaigns/${campaignId}/show`);
    await page.getByRole('link', { name: '编辑' }).click();
    await page.getByLabel('主题', { exact: true }).fill('守住钱袋子');
    // A target group of the campaign's own, next to the standard ones.
    await page.getByRole('combobox', { name: '重点人群' }).fill('migrant_workers');
    await page.getByRole('option', { name: '添加重点人群“migrant_workers”' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('守住钱袋子').first().waitFor();
    const [saved] = await stack.sql<{ theme: string; target_groups: string[] }>('campaigns', `SELECT theme, target_groups FROM campaign WHERE id = $1`, [campaignId]);
    expect(saved.theme).toBe('守住钱袋子');
    expect(saved.target_groups).toEqual(expect.arrayContaining(['elderly', 'migrant_workers']));
    expect(chrome.pageErrors).toEqual([]);
  }, 240_000);

  it('the import page: the template downloads; a file with a bad row creates nothing and names row and field; a good file creates every row', async () => {
    await page.goto(`${stack.baseUrl}/#/campaign-import`);
    await page.getByTestId('import-campaign').click();
    await page.getByRole('option', { name: /防范电信网络诈骗宣传/ }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('import-template').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    const [{ code }] = await stack.sql<{ code: string }>('gateway', `SELECT o.code FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = 'staff'`);
    const day = new Date().toISOString().slice(0, 10);
    const xlsx = async (people: number[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('活动上报');
      ws.addRow(['机构代码', '活动日期', '场所类型', '重点人群', '主题', '场次', '参与员工(用户名)', '发放资料', '受众人数', '线上浏览量', '电子海报', '活动简述']);
      for (const p of people) ws.addRow([code, day, '进社区', '老年人', '', 1, '', 10, p, 0, '否', '']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const count = async () => Number((await stack.sql<{ n: string }>('campaigns', `SELECT count(*) AS n FROM campaign_activity`))[0].n);
    const before = await count();
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx([30, -4, 20]) });
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    await expect(problems.getByRole('row').nth(1).textContent()).resolves.toMatch(/^3受众人数/);
    expect(await count()).toBe(before);
    await chrome.screenshot('import-problems');

    await page.getByTestId('import-file').setInputFiles({ name: 'good.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx([30, 40, 20]) });
    await page.getByTestId('import-done').waitFor();
    await expect(page.getByTestId('import-done').textContent()).resolves.toContain('已导入 3 场活动');
    expect(await count()).toBe(before + 3);
    expect(chrome.pageErrors).toEqual([]);
  }, 240_000);

  it('in English: the import page names the problem row and field, the dashboard its year summary', async () => {
    await page.goto(`${stack.baseUrl}/#/`);
    await page.getByTestId('locale-switch').getByRole('button').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Import activities' }).click();
    await page.locator('#main-content').getByRole('heading', { name: 'Import activities (xlsx)' }).waitFor();
    await page.getByTestId('import-campaign').click();
    await page.getByRole('option', { name: /防范电信网络诈骗宣传/ }).click();
    await page.getByLabel('Check only, create nothing').check();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('活动上报').addRows([
      ['机构代码', '活动日期', '场所类型', '重点人群', '主题', '场次', '参与员工(用户名)', '发放资料', '受众人数', '线上浏览量', '电子海报', '活动简述'],
      ['NO-SUCH-UNIT', new Date().toISOString().slice(0, 10), '进社区', '老年人', '', 1, '', 10, 30, 0, '否', ''],
    ]);
    await page.getByTestId('import-file').setInputFiles({ name: 'en.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    await expect(page.getByTestId('import-problems').getByRole('row').nth(1).textContent()).resolves.toMatch(/^2Unit code/);
    await page.goto(`${stack.baseUrl}/#/campaign-dashboard?campaignId=${campaignId}`);
    await page.getByText(`All campaigns of ${new Date().getFullYear()}`).waitFor();
    await chrome.screenshot('dashboard-en');
    expect(chrome.pageErrors).toEqual([]);
  }, 240_000);
});
