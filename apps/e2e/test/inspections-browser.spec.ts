/**
 * The inspections module's main path in the console (Chinese UI), on the platform with the
 * inspections demo loaded: an inspector fills a visit on a phone-sized window — one
 * dimension at a time, a failed red-line item with a photo from the camera input — and
 * submits it; the reviewer (admin) accepts it; the rectification appears on the board of
 * the outlet's handler (资阳分行). Also checks the demo data: reviewed visits in two
 * quarters with red-line failures and N/A answers, rectifications in every state.
 */
import type { Schemas } from '@xb/api-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, openConsoleBrowser, signInAt, signOutOf } from '../src/browser.js';
import { api, startStack, type Stack } from '../src/stack.js';

// Answer types from the OpenAPI document (checked against every answer at run time by api()).
type S = Schemas;
type InspectionView = S['InspectionView'];
type RectificationView = S['RectificationView'];
type TemplateView = S['TemplateView'];

/** A 1×1 PNG: a real image for the type sniffer and the thumbnailer. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const RED_LINE_ITEM = 'environment.complaint-hotline';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('inspections in the console: inspector on a phone, reviewer, outlet handler', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  let template: TemplateView;
  let visit: InspectionView;

  const signIn = (username: string) => signInAt(page, stack.baseUrl, username);

  const signOut = () => signOutOf(page);

  beforeAll(async () => {
    stack = await startStack({ name: 'inspections_browser', services: ['inspections'], seed: { inspections: 1 } });
    const inspector = api(stack.baseUrl, await stack.login('inspector'));
    [template] = (await inspector.get('/api/inspection-templates?filter={"status":"published"}')).body;
    const [outlet] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'OT-AJ-1'`);
    const planned = await inspector.post('/api/inspections', { outletId: outlet.id, templateId: template.id, scenario: '理财咨询', plannedDate: today() });
    expect(planned.status).toBe(201);
    visit = planned.body;
    chrome = await openConsoleBrowser('inspections-browser', { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    page = chrome.page;
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it('loads demo data with every rectification state, red-line failures and N/A answers in two quarters', async () => {
    const auditor = api(stack.baseUrl, await stack.login('auditor'));
    const reviewed = await auditor.get('/api/inspections?filter={"status":"reviewed"}&range=[0,999]');
    const quarters = new Set((reviewed.body as InspectionView[]).map((v) => v.quarter));
    expect(quarters.size).toBe(2);
    expect((reviewed.body as InspectionView[]).some((v) => v.redLineFailed)).toBe(true);
    expect((reviewed.body as InspectionView[]).some((v) => v.answers.some((a) => a.value === 'na'))).toBe(true);
    const rects = (await auditor.get('/api/rectifications?range=[0,999]')).body as RectificationView[];
    expect(new Set(rects.map((r) => r.status))).toEqual(new Set(['open', 'fix_submitted', 'verified']));
    expect(rects.some((r) => r.overdue && r.escalatedAt)).toBe(true);
  });

  it(
    'an inspector fills a visit with a photo, a reviewer accepts it, the rectification appears for the outlet',
    async () => {
      await signIn('inspector');
      await page.goto(`${stack.baseUrl}/#/inspections/${visit.id}/visit`);
      for (let d = 0; d < template.dimensions.length; d++) {
        const dim = template.dimensions[d];
        await page.getByText(`${d + 1}/${template.dimensions.length} ${dim.name}`).waitFor();
        for (const item of template.items.filter((i) => i.dimensionKey === dim.key)) {
          const card = page.locator(`[data-item="${item.key}"]`);
          if (item.key === RED_LINE_ITEM) {
            await card.getByRole('button', { name: '不合格', exact: true }).click();
            await card.locator('input[type=file]').setInputFiles({ name: 'hotline.png', mimeType: 'image/png', buffer: PNG });
            await card.getByText('须拍照取证 (1)').waitFor();
          } else {
            await card.getByRole('button', { name: item.answerType === 'scale' ? String(item.scaleMax) : '合格', exact: true }).click();
          }
        }
        if (d === 0) await chrome.screenshot('visit-phone');
        if (d < template.dimensions.length - 1) await page.getByRole('button', { name: '下一步' }).click();
      }
      await page.getByRole('button', { name: '提交暗访' }).click();
      await page.getByText('已提交').first().waitFor();
      expect((await api(stack.baseUrl, await stack.login('inspector')).get(`/api/inspections/${visit.id}`)).body).toMatchObject({ status: 'submitted', redLineFailed: true });

      await page.setViewportSize({ width: 1400, height: 900 });
      await signOut();
      await signIn('admin');
      await page.goto(`${stack.baseUrl}/#/inspections/${visit.id}/show`);
      // The reviewer arranges the finding: fixed on the spot (立即整改) instead of the 7-day red-line default.
      const findings = page.getByTestId('review-findings');
      await findings.getByText(RED_LINE_ITEM).waitFor();
      await findings.getByRole('combobox').nth(1).click();
      await page.getByRole('option', { name: '立即整改' }).click();
      await page.getByTestId('accept-arranged').click();
      await page.getByText('已审核').first().waitFor();

      await signOut();
      await signIn('handler');
      await page.goto(`${stack.baseUrl}/#/rectifications?filter=${encodeURIComponent(JSON.stringify({ status: 'open' }))}`);
      await page.getByText('投诉电话、投诉处理流程及时限在显著位置公示').first().waitFor();
      await chrome.screenshot('rectification-board');
      const mine = (await api(stack.baseUrl, await stack.login('handler')).get(`/api/rectifications?filter={"inspectionId":"${visit.id}"}`)).body as RectificationView[];
      expect(mine.map((r) => [r.itemKey, r.immediate, r.deadline])).toEqual([[RED_LINE_ITEM, true, today()]]);
      // The outlet's unit files its fix under the finding it answers (not in a toolbar above it).
      await page.goto(`${stack.baseUrl}/#/rectifications/${mine[0].id}/show`);
      const decision = page.getByTestId('rectification-decision');
      await decision.getByText('提交整改', { exact: true }).first().waitFor();
      const findingBox = await page.getByText('投诉电话、投诉处理流程及时限在显著位置公示').first().boundingBox();
      expect(findingBox!.y).toBeLessThan((await decision.boundingBox())!.y);
      await decision.getByLabel('整改说明').fill('已在大堂显著位置重新张贴投诉电话及处理流程、时限。');
      await decision.locator('input[type=file]').setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: PNG });
      await decision.getByText('添加照片 (1)').waitFor();
      await chrome.screenshot('rectification-decision');
      await decision.getByRole('button', { name: '提交整改' }).click();
      await page.getByText('已提交整改').first().waitFor();
      await decision.waitFor({ state: 'detached' });
      // The fix's photo is on the page by name, for the verifier to look at.
      await page.getByTestId('stored-files').getByText('整改后.png').waitFor();
      expect((await api(stack.baseUrl, await stack.login('handler')).get(`/api/rectifications/${mine[0].id}`)).body).toMatchObject({ status: 'fix_submitted', fixNote: '已在大堂显著位置重新张贴投诉电话及处理流程、时限。', fixFileIds: [expect.any(String)] });
      await chrome.screenshot('rectification-fixed');
      expect(chrome.pageErrors).toEqual([]);
    },
    240_000,
  );

  it(
    'an admin previews the quarterly plan, generates it, and a second preview has nothing to add',
    async () => {
      await signOut();
      await signIn('admin');
      await page.goto(`${stack.baseUrl}/#/inspections`);
      await page.getByTestId('open-plan').click();
      await page.getByText('季度暗访计划').first().waitFor();
      await page.getByRole('spinbutton', { name: '每网点暗访次数' }).fill('6');
      await page.getByTestId('plan-preview').click();
      await page.getByTestId('plan-result').waitFor();
      const admin = api(stack.baseUrl, await stack.login('admin'));
      const quarter = `${today().slice(0, 4)}Q${Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1}`;
      const expected = (await admin.post('/api/inspections/plan', { quarter, templateId: template.id, visitsPerOutlet: 6, dryRun: true })).body as { proposed: unknown[]; outlets: number };
      expect(expected.proposed.length).toBeGreaterThan(0);
      await page.getByText(`新增 ${expected.proposed.length} 次`).waitFor();
      await chrome.screenshot('plan-preview');
      await page.getByTestId('plan-generate').click();
      await page.getByRole('button', { name: '确认' }).click();
      await page.getByTestId('plan-created').waitFor();
      await page.getByTestId('plan-preview').click();
      await page.getByText('本季度各网点已安排足够的暗访，无需新增。').waitFor();
      const after = (await admin.post('/api/inspections/plan', { quarter, templateId: template.id, visitsPerOutlet: 6, dryRun: true })).body as { proposed: unknown[]; alreadyPlanned: number };
      expect(after.proposed).toEqual([]);
      expect(after.alreadyPlanned).toBeGreaterThanOrEqual(expected.outlets * 6);
      expect(chrome.pageErrors).toEqual([]);
    },
    240_000,
  );
});
