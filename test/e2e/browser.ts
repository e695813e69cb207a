// Browser helpers for the console journeys: sign-in, the axe-core pass, Performance timings, screenshots.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { chromiumArgs, chromiumPath, password } from './support.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/** A fresh browser context (own localStorage) signed in as `user`, in the given language. */
export async function signIn(
  browser: Browser,
  url: string,
  tenantId: string,
  user: string,
  lang?: 'en',
): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[browser ${user}] ${e.message}`));
  if (lang) await ctx.addInitScript("localStorage.setItem('zhili.lang', 'en')");
  await page.goto(`${url}/console/`);
  await page.getByLabel(/租户编号|Tenant ID/).fill(tenantId);
  await page.getByLabel(/用户名|Username/).fill(user);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByTestId('whoami').waitFor();
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // The page's own globals (no DOM types in the server's tsconfig): evaluated as an expression.
  // A toast fading in or out is mid-animation (its colours partly transparent): not what a user reads.
  // Toasts at rest are still checked.
  const v = await page.evaluate<AxeViolation[]>(
    `axe.run({ include: [['html']], exclude: [['.ant-message-fade-leave'], ['.ant-message-fade-enter']] },
      { resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
}

/** Performance timings recorded for the report (never asserted). */
export const timings: Record<string, unknown> = {};

export async function navigationTiming(page: Page): Promise<Record<string, number>> {
  return page.evaluate<Record<string, number>>(`(() => {
    const n = performance.getEntriesByType('navigation')[0];
    const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
    return {
      domContentLoadedMs: n ? Math.round(n.domContentLoadedEventEnd) : -1,
      loadMs: n ? Math.round(n.loadEventEnd) : -1,
      jsFiles: js.length,
      jsBytes: js.reduce((s, r) => s + r.encodedBodySize, 0),
    };
  })()`);
}

export function writeTimings(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), timings }, null, 2)}\n`);
}

/** Screenshots go to ZHILI_SCREENSHOTS (e.g. docs/screenshots) when set, otherwise under tmp/. */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.ZHILI_SCREENSHOTS ?? 'tmp/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(600); // charts finish their entry animation
  await page.screenshot({ path: `${dir}/${name}.png` });
}

/**
 * Presses `button` of the dialog that holds it and returns the answer of the call it makes (`call`: method
 * and parts of its URL). The click and the wait fail apart, each saying what the page showed, so a CI
 * failure tells a dialog that never opened from a call never answered.
 */
export async function confirmCall(
  page: Page,
  call: { method: string; url: readonly string[] },
  button = '确认',
): Promise<Response> {
  const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: button }) });
  const answered = page.waitForResponse(
    (r) => r.request().method() === call.method && call.url.every((part) => r.url().includes(part)),
    {
      timeout: 60_000,
    },
  );
  answered.catch(() => undefined); // awaited below; a click that fails first must not leave it unhandled
  const shown = async () => `dialogs open: ${await page.getByRole('dialog').count()}; page: ${page.url()}`;
  try {
    await dialog.getByRole('button', { name: button }).click({ timeout: 30_000 });
  } catch (e) {
    throw new Error(`the dialog's ${button} could not be pressed (${await shown()})`, { cause: e });
  }
  try {
    return await answered;
  } catch (e) {
    throw new Error(`${call.method} ${call.url.join('…')}: no answer within 60 s after ${button} (${await shown()})`, {
      cause: e,
    });
  }
}
