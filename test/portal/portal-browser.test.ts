// The consumer area in Chromium on a phone-sized screen, without any script of its own: a complaint filed
// through the form and followed with its code in Chinese and in English, nothing wider than the screen;
// and the consumer's own pages, signed in with a code an operator issued over the API.
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultQuestionnaire as q } from '../../src/protection/suitability/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../e2e/browser.ts';
import { browserMissing, chromiumArgs, chromiumPath } from '../e2e/support.ts';
import { startServer, type TestServer } from '../support/server.ts';

const missing = browserMissing();
let s: TestServer;
let browser: Browser;

const fitsScreen = async (page: Page) =>
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(391);

describe.skipIf(missing !== undefined)('consumer portal in Chromium', () => {
  beforeAll(async () => {
    s = await startServer({ screeningLists: '' });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('files and follows a complaint in both languages on a 390 px screen', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    const refs: string[] = [];
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.goto(`${s.url}/portal/test-pay${lang === 'en' ? '?lang=en' : ''}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await fitsScreen(page);
      await page.locator('#to-file').click();
      await page.waitForSelector('#description');
      await fitsScreen(page);
      await page.selectOption('#category', 'B05');
      await page.selectOption('#cause', 'C05');
      await page.fill('#description', lang === 'en' ? 'Charged twice for one repayment' : '同一笔还款被扣款两次');
      await page.fill('#phone', '13800000000');
      await page.getByRole('button', { name: lang === 'en' ? 'Submit' : '提交' }).click();
      await page.waitForSelector('#filed');
      await fitsScreen(page);
      expect(await page.locator('#state').textContent()).toBe(lang === 'en' ? 'Received' : '已受理');
      const ref = (await page.locator('#ref').textContent())!;
      const code = (await page.locator('#code').textContent())!;
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      refs.push(ref);

      // Later, from the home page: the follow form with reference and code.
      await page.goto(`${s.url}/portal/test-pay${lang === 'en' ? '?lang=en' : ''}`);
      await page.locator('#to-follow').click();
      await page.fill('#ref', ref);
      await page.fill('#code', code);
      await page.getByRole('button', { name: lang === 'en' ? 'Show' : '查询' }).click();
      await page.waitForSelector('#decision-by');
      expect(await page.locator('#ref').textContent()).toBe(ref);
      expect(await page.locator('#decision-by').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await fitsScreen(page);

      // The language switch keeps the complaint in view.
      await page.locator('#lang-switch').click();
      await page.waitForSelector(`html[lang="${lang === 'en' ? 'zh-CN' : 'en'}"] #decision-by`);

      // A wrong code shows nothing.
      await page.goto(`${s.url}/portal/test-pay/complaints`);
      await page.fill('#ref', ref);
      await page.fill('#code', 'AAAA-AAAA-AAAA');
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForSelector('#message');
      expect(await page.locator('#ref').count()).toBe(0);
    }
    expect(new Set(refs).size).toBe(2);
    for (const ref of refs) expect((await s.call('GET', `/v1/complaints/${ref}`)).body.channel).toBe('portal');
    // The console error for the wrong code's 404 is the only one expected.
    expect(problems.filter((p) => !p.includes('404')).join(' | ')).toBe('');
    await ctx.close();
  }, 60_000);

  it('signs in with an operator-issued code and takes the questionnaire, in both languages at 390 px', async () => {
    const analyst = await s.login(['analyst'], 'service-desk');
    for (const [id, risk] of [
      ['fund-r2', 'R2'],
      ['fund-r3', 'R3'],
      ['fund-r5', 'R5'],
    ] as const)
      await s.call('PUT', `/v1/products/${id}`, {
        name: { en: `Steady fund ${risk}`, zh: `稳健基金${risk}` },
        risk,
        horizonMonths: 12,
        liquidity: 'weekly',
        goals: ['income', 'growth'],
      });
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    // Each page: a screenshot, and no serious or critical accessibility violation (axe-core).
    const shot = async (name: string) => {
      await page.screenshot({ path: `docs/screenshots/portal-${name}.png` });
      const v = await seriousViolations(page);
      expect(v.map((x) => `${name}: ${x.id} ${x.help}`)).toEqual([]);
    };

    for (const lang of ['zh-CN', 'en'] as const) {
      const en = lang === 'en';
      const customerId = `web-${lang}`;
      // The operator side: customer service issues the code over the API.
      const issued = await s.call('POST', '/v1/portal/sign-in-codes', { customerId }, analyst);
      expect(issued.status).toBe(201);
      await page.goto(`${s.url}${issued.body.url}${en ? '&lang=en' : ''}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.inputValue('#code')).toBe(issued.body.code);
      await fitsScreen(page);
      await shot(`sign-in-${lang}`);
      await page.getByRole('button', { name: en ? 'Sign in' : '登录' }).click();
      await page.waitForSelector('#category-none');
      expect(await page.locator('#customer').textContent()).toBe(customerId);

      await page.locator('#to-questionnaire').click();
      await page.waitForSelector('#submit-answers');
      await fitsScreen(page);
      await shot(`questionnaire-${lang}`);
      for (const x of q.questions) {
        const i =
          x.id === 'k_leverage' ? 2 : x.id === 'k_guarantee' ? 1 : x.id.startsWith('k_') ? 0 : x.options.length >> 1;
        await page.locator(`[id="o-${x.id}-${x.options[i]!.id}"]`).check();
      }
      await page.locator('#submit-answers').click();
      await page.waitForSelector('#assessed');
      expect(await page.locator('#category').textContent()).toBe('C3');
      await fitsScreen(page);
      await shot(`account-${lang}`);

      await page.locator('#nav-recommendations').click();
      await page.waitForSelector('#recommendations');
      expect(await page.locator('.rec .risk').allTextContents()).not.toContain('R5');
      await fitsScreen(page);
      await shot(`recommendations-${lang}`);

      await page.locator('#nav-lessons').click();
      await page.waitForSelector('#progress');
      const before = await page.locator('#progress').textContent();
      await page.locator('button[id^="mark-"]').first().click();
      await page.waitForSelector('[id^="done-"]');
      expect(await page.locator('#progress').textContent()).not.toBe(before);
      await fitsScreen(page);
      await shot(`lessons-${lang}`);

      // The operator sees what the consumer did.
      const profile = await s.call('GET', `/v1/suitability/customers/${customerId}`, undefined, analyst);
      expect(profile.body.current).toMatchObject({ category: 'C3', actorId: `customer:${customerId}` });
      const edu = await s.call('GET', `/v1/customers/${customerId}/education`, undefined, analyst);
      expect(edu.body.completed).toBe(1);

      await page.locator('#sign-out').click();
      await page.waitForSelector('#message');
      await page.goto(`${s.url}/portal/test-pay/me${en ? '?lang=en' : ''}`);
      await page.waitForSelector('#code'); // back to the sign-in form
      // The used code does not sign in again.
      await page.fill('#code', issued.body.code);
      await page.getByRole('button', { name: en ? 'Sign in' : '登录' }).click();
      await page.waitForSelector('#message');
      expect(await page.locator('#message').textContent()).toContain(en ? 'does not work' : '无效');
    }
    // The refused code's 400 is the only console error expected.
    expect(problems.filter((p) => !p.includes('400')).join(' | ')).toBe('');
    await ctx.close();
  }, 90_000);
});
