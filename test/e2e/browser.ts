import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with everything that phones home switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (its own cookies and localStorage) whose browser language is `locale`. */
export async function newPage(browser: Browser, baseUrl: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion: the app's transitions are off (theme.respectReducedMotion), so nothing is caught mid-fade.
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: { width: 1280, height: 860 }, reducedMotion: 'reduce' });
  // axe-core arrives as an init script: the app's Content-Security-Policy refuses inline scripts and
  // eval, so it could not be added to the page later (init scripts come from the browser itself).
  await context.addInitScript({ content: AXE_SOURCE });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) console.error(`[browser console] ${msg.text()}`);
  });
  return { context, page };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

/**
 * Whether every finite animation on the page has ended (spinners run forever and are ignored). A
 * function, not a string: the app's CSP refuses eval, which a string predicate needs.
 */
export function animationsSettled(): boolean {
  type Anim = { playState: string; effect: { getComputedTiming(): { endTime: number } } | null };
  const doc = (globalThis as unknown as { document: { getAnimations(): Anim[] } }).document;
  return doc.getAnimations().every((a) => a.playState !== 'running' || a.effect === null || a.effect.getComputedTiming().endTime === Infinity);
}

/** Runs axe-core on the page as it is now; fails on serious or critical violations (and prints them). */
export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  // Menus and modals fade in: measure colours once finite transitions end (spinners run forever; ignored).
  await page.waitForFunction(animationsSettled, undefined, { timeout: 5_000 });
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) throw new Error(`axe-core is not on ${label}: open pages with newPage(), which installs it`);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    console.error(`axe violations on ${label}:\n${JSON.stringify(bad, null, 2)}`);
  }
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help}`), `accessibility of ${label}`).toEqual([]);
}

/** Signs in through the form, the way a person would. */
export async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Text of the page's first heading once it has rendered. */
export async function headingText(page: Page): Promise<string> {
  const h1 = page.locator('h1').first();
  await h1.waitFor();
  return (await h1.textContent()) ?? '';
}

/** Waits until the page's main heading reads `text` (client-side navigation renders a moment after the URL changes). */
export async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => headingText(page), { timeout: 10_000 }).toBe(text);
}

/** Signs in over plain HTTP (no browser) and returns a caller that sends the cookie and CSRF token: for seeding data. */
export async function apiSession(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in for seeding failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} → ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
