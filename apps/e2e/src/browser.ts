/**
 * Headless Chromium for the console tests: checks the preconditions (Debian's chromium,
 * a built console), launches with the flags this closed network needs, opens a page that
 * collects page errors, and saves screenshots into the test log folder.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testLogDir } from '@xb/test-kit';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, REPO_ROOT } from './stack.js';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Generous: the machines running this are small and often busy.
export const STEP_TIMEOUT_MS = 60_000;

export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** Uncaught errors the page threw; a test asserts it stays empty. */
  pageErrors: string[];
  /** The folder screenshots (and downloads a test keeps) go to. */
  folder: string;
  screenshot(name: string, target?: Page): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openConsoleBrowser(name: string, options: BrowserContextOptions = {}): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_BIN)`);
  if (!existsSync(join(REPO_ROOT, 'apps/console/dist/index.html'))) throw new Error('apps/console/dist is missing: build the console first (npm run build)');
  const shots = join(testLogDir(), name);
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // A Chinese browser unless a test asks otherwise: the console follows the browser's language.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', ...options });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    browser,
    page,
    pageErrors,
    folder: shots,
    screenshot: (shot, target = page) => target.screenshot({ path: join(shots, `${shot}.png`), fullPage: true }),
    close: () => browser.close(),
  };
}

/** Fills the console's login form on the page as it is and waits for the home page. */
export async function fillLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByRole('textbox', { name: '用户名' }).fill(username);
  await page.getByRole('textbox', { name: '密码' }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('welcome').waitFor();
}

/** Opens the console at `baseUrl` and signs in (Chinese UI). */
export async function signInAt(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await fillLogin(page, username, password);
}

/** Signs out through the user menu and waits for the login form. */
export async function signOutOf(page: Page): Promise<void> {
  await page.getByRole('button', { name: '个人设置' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
}

/**
 * An input's value (or an element's text) once it has settled on `expected` (a form fills its
 * inputs, a card its counts, after their requests answer), or what it holds when `timeoutMs`
 * runs out, for the caller to assert on: reading at once races the page's loading.
 */
async function settled(read: () => Promise<string>, expected: string, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export const settledValue = (input: Locator, expected: string, timeoutMs = 15_000): Promise<string> => settled(() => input.inputValue(), expected, timeoutMs);
export const settledText = (element: Locator, expected: string, timeoutMs = 15_000): Promise<string> => settled(async () => ((await element.textContent()) ?? '').trim(), expected, timeoutMs);
