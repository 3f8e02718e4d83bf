import type { Schemas } from '@xb/api-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, openConsoleBrowser, signInAt, signOutOf } from '../src/browser.js';
import { api, startStack, type Stack } from '../src/stack.js';

// Answer types from the OpenAPI document (checked against every answer at run time by api()).
type S = Schemas;
type PolicyDocumentView = S['PolicyDocumentView'];
type PolicyVersionView = S['PolicyVersionView'];

/**
 * The policies main path in the console (zh-CN), on the demo data: an auditor signs off a
 * new version of 《消费者权益保护行为规范》 on its version page, the admin publishes it, a member
 * of staff opens it from the reading list and acknowledges it, and the acknowledgement rate
 * on the version page goes up; the 复审无修改 and 演练已开展 forms, each refusing an empty
 * required field before it saves.
 */
describe('policies in the console', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;
  let version: PolicyVersionView;
  let admin: ReturnType<typeof api>;

  const signIn = (username: string) => signInAt(page, stack.baseUrl, username);
  const signOut = () => signOutOf(page);
  const rateOnPage = async () => {
    await page.goto(`${stack.baseUrl}/#/policy-versions/${version.id}/show`);
    // A fresh load: the page may already show this version from before the change.
    await page.reload();
    const rate = page.getByTestId('ack-rate');
    await rate.waitFor();
    return Number(await rate.getAttribute('data-acknowledged'));
  };

  beforeAll(async () => {
    stack = await startStack({ name: 'browser_policies', services: ['policies'], seed: { policies: 6 } });
    chrome = await openConsoleBrowser('browser-policies', { locale: 'zh-CN' });
    page = chrome.page;
    admin = api(stack.baseUrl, await stack.login('admin'));
    const docs = (await admin.get(`/api/policy-documents?filter=${encodeURIComponent(JSON.stringify({ q: 'XB-GF-001' }))}`)).body as PolicyDocumentView[];
    expect(docs).toHaveLength(1);
    const created = await admin.post('/api/policy-versions', {
      documentId: docs[0].id,
      content: '# 消费者权益保护行为规范\n\n第一条 员工应当尊重消费者，不得歧视、侮辱消费者。\n\n第二条 销售金融产品应当如实告知风险，不得夸大收益，不得承诺保本。',
      changeSummary: '补充不得承诺保本',
      material: true,
    });
    expect(created.status).toBe(201);
    version = created.body;
    expect((await admin.post(`/api/policy-versions/${version.id}/submit`)).status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it('an auditor signs off; staff read and acknowledge; the rate on the version page goes up', async () => {
    await signIn('auditor');
    await page.goto(`${stack.baseUrl}/#/policy-versions/${version.id}/show`);
    await page.getByTestId('action-approve').click();
    await page.getByTestId('review-comment').fill('合规审查通过');
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('version-status').filter({ hasText: '已批准' }).waitFor();
    expect((await admin.post(`/api/policy-versions/${version.id}/publish`)).body).toMatchObject({ status: 'published' });
    const before = await rateOnPage();
    await signOut();

    await signIn('staff');
    await page.goto(`${stack.baseUrl}/#/policy-reading`);
    await page.getByTestId('reading-task').filter({ hasText: '消费者权益保护行为规范' }).click();
    await page.getByTestId('version-content').filter({ hasText: '不得承诺保本' }).waitFor();
    await page.getByTestId('action-acknowledge').click();
    await page.getByTestId('acknowledged').waitFor();
    await signOut();

    await signIn('auditor');
    await expect(rateOnPage()).resolves.toBe(before + 1);
    await signOut();
  }, 180_000);

  it('复审无修改: an empty note is refused on the form; a note records the review and keeps the version in force', async () => {
    const [doc] = (await admin.get(`/api/policy-documents?filter=${encodeURIComponent(JSON.stringify({ q: 'XB-GF-001' }))}`)).body as PolicyDocumentView[];
    await signIn('admin');
    await page.goto(`${stack.baseUrl}/#/policy-documents/${doc.id}/show`);
    await page.getByTestId('reviewed-no-change').click();
    await page.getByTestId('form-submit').click();
    await page.getByTestId('reviewed-dialog').getByText('必填').waitFor();
    await page.getByTestId('reviewed-note').fill('年度复审：内容仍符合监管要求，无需修订');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('reviewed-dialog').waitFor({ state: 'detached' });
    const after = (await admin.get(`/api/policy-documents/${doc.id}`)).body as PolicyDocumentView;
    expect(after.currentVersionId).toBe(doc.currentVersionId);
    expect(Date.parse(after.lastReviewedAt!)).toBeGreaterThan(Date.parse(doc.lastReviewedAt ?? '1970-01-01'));
    await signOut();
  }, 120_000);

  it('演练已开展: a drill recorded as conducted through its form, after the form refuses it without participants', async () => {
    const plans = (await admin.get(`/api/policy-documents?filter=${encodeURIComponent(JSON.stringify({ kind: 'emergency_plan' }))}`)).body as PolicyDocumentView[];
    const plan = plans.find((p) => p.currentVersionId)!;
    const drill = await admin.post('/api/drills', { versionId: plan.currentVersionId, plannedFor: '2026-12-10T02:00:00Z', scenario: '浏览器测试演练' });
    expect(drill.status).toBe(201);
    await signIn('admin');
    await page.goto(`${stack.baseUrl}/#/drills/${drill.body.id}/show`);
    await page.getByTestId('conduct-drill').click();
    await page.getByTestId('form-submit').click();
    await page.getByTestId('conduct-drill-dialog').getByText('必填').waitFor();
    await page.getByTestId('conduct-participants').fill('王行长、李经理，张柜员');
    await page.getByTestId('conduct-add-finding').click();
    await page.getByTestId('conduct-finding-text').fill('客户疏散路线标识不清');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('drill-status').filter({ hasText: '已开展' }).waitFor();
    expect((await admin.get(`/api/drills/${drill.body.id}`)).body).toMatchObject({
      status: 'conducted',
      participants: ['王行长', '李经理', '张柜员'],
      findings: [{ finding: '客户疏散路线标识不清' }],
    });
    await signOut();
  }, 120_000);
});
