import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@xb/test-kit';
import type { Page } from 'playwright-core';
import type { Schemas } from '@xb/api-client';
import { type ConsoleBrowser, openConsoleBrowser, settledText, signInAt, signOutOf } from '../src/browser.js';
import { api, startStack, type Stack } from '../src/stack.js';

/**
 * The training main path in Chromium, in Chinese: the trainer builds an exam with a draw rule
 * (the pool size shows while typing) and publishes it; a member of staff, on a phone-sized
 * window, opens 我的培训, starts it, sees the server countdown, answers every question (each
 * saved at once) and submits. The database then holds the submitted attempt with every answer.
 */
describe('training in the console', () => {
  let stack: Stack;
  let chrome: ConsoleBrowser;
  let page: Page;

  const signIn = (username: string) => signInAt(page, stack.baseUrl, username);
  const signOut = () => signOutOf(page);

  beforeAll(async () => {
    stack = await startStack({ name: 'browser_training', services: ['training'], seed: { training: 120 } });
    chrome = await openConsoleBrowser('browser-training');
    page = chrome.page;
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
  });

  it('a trainer builds and publishes an exam with a draw rule; staff take it to the end with the countdown visible', async () => {
    const title = `浏览器测试考试-${Date.now()}`;
    await signIn('trainer');
    // Home: the exams under way with how far their audience has got, as the API counts it.
    const now = new Date().toISOString();
    const listed = (await api(stack.baseUrl, await stack.login('trainer')).get(`/api/exams?filter=${encodeURIComponent(JSON.stringify({ status: 'published' }))}&range=[0,49]`)).body as Schemas['ExamView'][];
    const running = listed.filter((e) => e.kind !== 'practice' && e.opensAt <= now && e.closesAt > now);
    expect(running.length).toBeGreaterThan(0);
    const card = page.getByTestId('work-exams');
    await expect(settledText(card.getByTestId('work-exams-count'), String(running.length))).resolves.toBe(String(running.length));
    const first = running.sort((a, b) => a.closesAt.localeCompare(b.closesAt))[0];
    expect(first.progress!.finished).toBeGreaterThan(0);
    await card.getByText(`已完成 ${first.progress!.finished}/${first.progress!.assigned} 人 · 合格 ${first.progress!.passed} 人`).first().waitFor();
    await page.goto(`${stack.baseUrl}/#/exams/create`);
    await page.getByLabel('名称').fill(title);
    // The default draw rule (八项权利 × 5): its pool size shows before saving.
    await expect(page.getByTestId('pool-preview').textContent()).resolves.toMatch(/题池数量：\d+/);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('exam-publish').click();
    await page.getByTestId('exam-results').waitFor();
    await chrome.screenshot('training-exam-published');
    await signOut();

    await page.setViewportSize({ width: 390, height: 844 });
    await signIn('staff');
    await page.goto(`${stack.baseUrl}/#/training/my`);
    const mine = page.getByTestId('my-exam').filter({ hasText: title });
    await mine.getByTestId('my-exam-start').click();
    await page.getByTestId('take-exam').waitFor();
    await expect(page.getByTestId('countdown').textContent()).resolves.toMatch(/剩余时间 \d\d:\d\d/);
    const items = page.getByTestId('paper-item');
    await waitFor(async () => (await items.count()) === 5, { what: 'five questions on the paper' });
    for (let i = 0; i < 5; i++) {
      const item = items.nth(i);
      await item.locator('input[type="radio"], input[type="checkbox"]').first().check();
      await item.getByText('已保存').waitFor();
    }
    await chrome.screenshot('training-taking-phone');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('attempt-submit').click();
    await page.getByTestId('attempt-submitted').waitFor();
    await expect(page.getByTestId('attempt-result').textContent()).resolves.toMatch(/得分/);
    await chrome.screenshot('training-submitted');
    // 答题卡: the printable sheet of the submitted attempt, one row per question, the print button kept off the paper.
    await page.getByTestId('open-answer-sheet').click();
    await page.getByTestId('answer-sheet').waitFor();
    await waitFor(async () => (await page.getByTestId('answer-sheet-row').count()) === 5, { what: 'five rows on the answer sheet' });
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('answer-sheet-print').isVisible()).resolves.toBe(false);
    await chrome.screenshot('training-answer-sheet-print');
    await page.emulateMedia({ media: 'screen' });
    const [row] = await stack.sql<{ status: string; submitted_by: string; answered: number }>(
      'training',
      `SELECT a.status, a.submitted_by, (SELECT count(*)::int FROM attempt_item i WHERE i.attempt_id = a.id AND i.answer IS NOT NULL) AS answered
         FROM attempt a JOIN exam e ON e.id = a.exam_id WHERE e.title = $1`,
      [title],
    );
    expect(row).toEqual({ status: 'submitted', submitted_by: 'taker', answered: 5 });
    // A record that cannot be read is explained on its page, not by a toast and a jump to the list.
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${stack.baseUrl}/#/`);
    await signOut();
    await signIn('trainer');
    await page.goto(`${stack.baseUrl}/#/exams/00000000-0000-4000-8000-000000000000/show`);
    const panel = page.getByTestId('record-unavailable');
    await panel.waitFor();
    expect(await panel.getAttribute('data-status')).toBe('404');
    expect(page.url()).toMatch(/\/show$/);
    expect(chrome.pageErrors).toEqual([]);
  }, 300_000);
});
