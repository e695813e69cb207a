// The public disclosure page in Chromium on a phone-sized screen: charts drawn under the server's CSP
// (no inline script, ECharts from this server), the language switch, nothing wider than the screen.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, chromiumArgs, chromiumPath } from '../e2e/support.ts';
import { startServer, type TestServer } from '../support/server.ts';

const missing = browserMissing();
/** For the README: full-page screenshots when ZHILI_SCREENSHOTS names a folder (charts given their entry animation). */
async function shoot(page: Page, name: string): Promise<void> {
  if (!process.env.ZHILI_SCREENSHOTS) return;
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${process.env.ZHILI_SCREENSHOTS}/${name}.png`, fullPage: true });
}
const clock = { t: Date.parse('2026-10-20T10:00:00+08:00'), now: () => clock.t };
let s: TestServer;
let browser: Browser;

describe.skipIf(missing !== undefined)('disclosure pages in Chromium', () => {
  beforeAll(async () => {
    s = await startServer({ clock, screeningLists: '' });
    const ev = await s.call('POST', '/v1/events', {
      id: `pb-${process.pid}`,
      type: 'loan_disbursement',
      occurredAt: '2026-10-08T10:00:00+08:00',
      amount: { value: '8000.00', currency: 'CNY' },
      debtor: { partyId: 'fund-a', partyType: 'organization' },
      creditor: { partyId: 'c9', partyType: 'person' },
      channel: 'api',
      attributes: { loanId: 'PL1', termMonths: 1, payments: '8080.00' },
    });
    expect(ev.status, JSON.stringify(ev.body)).toBe(200);
    await s.call('POST', '/v1/complaints', { customerId: 'c9', channel: 'phone', category: 'B05', cause: 'C05' });
    clock.t = Date.parse('2026-11-02T10:00:00+08:00');
    const ana = await s.login(['analyst'], 'pb.ana');
    const bob = await s.login(['approver'], 'pb.bob');
    const d = (await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana)).body.id as string;
    for (const [action, who] of [
      ['submit', ana],
      ['approve', bob],
      ['publish', ana],
    ] as const)
      expect((await s.call('POST', `/v1/disclosures/${d}/actions`, { action }, who)).status).toBe(200);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('draws the charts under the CSP, switches language and fits a phone screen', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${s.url}/portal/${s.tenantId}/disclosures/2026-10`);
    await page.waitForSelector('html[data-charts="2"]');
    expect(await page.locator('[data-chart] svg').count()).toBe(2);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByText('借贷余额', { exact: true }).count()).toBeGreaterThan(0);
    await shoot(page, 'disclosure-zh-CN');
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(391);

    await page.locator('#lang-switch').click();
    await page.waitForSelector('html[lang="en"][data-charts="2"]');
    expect(await page.getByText('Outstanding (amount)', { exact: true }).count()).toBeGreaterThan(0);
    await shoot(page, 'disclosure-en');

    await page.goto(`${s.url}/portal/test-pay/disclosures?lang=en`);
    await page.waitForSelector('html[data-charts="1"]');
    await page.getByRole('link', { name: '2026-10' }).click();
    await page.waitForSelector('#hash');
    expect(problems.join(' | ')).toBe('');
    await ctx.close();
  }, 60_000);
});
