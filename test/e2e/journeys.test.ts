import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, navigationTiming, seriousViolations, shoot, signIn, timings, writeTimings } from './browser.ts';
import { browserMissing, ensureConsoleBuilt, seed, startConsoleServer, type ConsoleServer } from './support.ts';

const missing = browserMissing();
if (missing) console.warn(missing);

let s: ConsoleServer;
let browser: Browser;
let strCase: string;
let lvCase: string;

/** Every page a journey visits passes axe-core with no serious or critical violation. */
async function accessible(page: Page, where: string): Promise<void> {
  await page.mouse.move(0, 0); // no hover state left from the last click
  await page.waitForTimeout(300);
  const v = await seriousViolations(page);
  expect(v.map((x) => `${where}: ${x.id} (${x.impact}) ${x.help} ${JSON.stringify(x.nodes[0]?.target)}`)).toEqual([]);
}

const caseOf = async (customerId: string) =>
  (await s.as('ana', 'GET', `/v1/cases?customerId=${customerId}`)).body.cases[0].id as string;

describe.skipIf(missing !== undefined)('the console in a real browser', () => {
  beforeAll(async () => {
    ensureConsoleBuilt();
    s = await startConsoleServer();
    await seed(s);
    strCase = await caseOf('cust-smurf');
    lvCase = await caseOf('cust-lv');
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    writeTimings('tmp/console-timings.json');
  }, 180_000);

  it('the analyst works an alert to a close request and the approver approves the closure', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    timings.firstLoad = await navigationTiming(ana);
    await accessible(ana, 'overview');
    await ana.getByRole('menuitem', { name: '预警与案件' }).click();
    await ana.getByRole('link', { name: strCase }).click();
    await ana.getByTestId('wf-assign_me').click();
    await ana.getByTestId('wf-start').click();
    await ana.getByText('调查中').first().waitFor();
    await accessible(ana, 'case');
    // The alert's decision reasons, in Chinese.
    await ana
      .getByRole('button', { name: /展开行|Expand row/ })
      .first()
      .click();
    await ana.getByText('aml-near-threshold').first().waitFor();
    // A suspicious report is drafted from the case: from now on the case is hidden from auditors.
    await ana.getByTestId('draft-str').click();
    await ana.getByLabel('可疑交易描述').fill('客户11月2日至5日在柜台分4笔提取现金，每笔均略低于5万元。');
    await ana.getByLabel('分析与判断').fill('金额集中于大额报告标准以下，疑似拆分交易规避报告。');
    await ana.getByRole('button', { name: '确认' }).click();
    await ana.waitForURL(/\/console\/reports\/rpt_/);
    await ana.goto(`${s.url}/console/cases/${strCase}`);
    await ana.getByTestId('wf-request_close').click();
    await ana.getByText('已报送可疑交易报告').click();
    await ana.getByTestId('wf-reason').fill('已报送可疑交易报告，申请结案。');
    await ana.getByRole('button', { name: '确认' }).click();
    await ana.getByText(/等待审批人批准/).waitFor();
    // Four eyes: the requester is not offered the approval.
    expect(await ana.getByTestId('wf-approve').count()).toBe(0);
    await accessible(ana, 'case with pending closure');

    const apr = await signIn(browser, s.url, s.tenantId, 'apr');
    await apr.goto(`${s.url}/console/cases/${strCase}`);
    await apr.getByTestId('wf-approve').click();
    await apr.getByRole('button', { name: '确认' }).click();
    await apr.getByText('已报告', { exact: true }).first().waitFor();
    const c = await s.as('apr', 'GET', `/v1/cases/${strCase}`);
    expect(c.body.case).toMatchObject({ status: 'reported', pending: null });
    await ana.context().close();
    await apr.context().close();
  }, 180_000);

  it('a large-value report is drafted, approved by someone else, submitted and downloaded', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.getByRole('menuitem', { name: '监管报告' }).click();
    await ana
      .getByRole('row', { name: /cust-lv/ })
      .getByRole('checkbox')
      .check();
    await accessible(ana, 'reports');
    await ana.getByTestId('draft-lv').click();
    await ana.waitForURL(/\/console\/reports\/rpt_/);
    const reportId = ana.url().split('/').pop()!;
    await ana.getByText('报告字段（提交审批前核对）').waitFor();
    expect(await ana.getByTestId('rp-approve').count(), 'the drafter is not offered approval').toBe(0);
    await accessible(ana, 'report');

    const apr = await signIn(browser, s.url, s.tenantId, 'apr');
    await apr.goto(`${s.url}/console/reports/${reportId}`);
    await apr.getByTestId('rp-approve').click();
    await apr.getByRole('button', { name: '确认' }).click();
    await apr.getByText('已批准').first().waitFor();

    await ana.reload();
    await ana.getByTestId('rp-submit').click();
    const download = ana.waitForEvent('download');
    await ana.getByTestId('rp-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^NBH.*\.ZIP$/);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const r = await s.as('ana', 'GET', `/v1/reports/${reportId}`);
    expect(r.body.report).toMatchObject({ status: 'submitted', approvedBy: expect.any(String) });
    await ana.context().close();
    await apr.context().close();
  }, 180_000);

  it('an auditor sees no suspicious-report case and is offered no workflow or administration', async () => {
    const aud = await signIn(browser, s.url, s.tenantId, 'aud');
    const menu = await aud.getByRole('menuitem').allTextContents();
    expect(menu).not.toContain('系统管理');
    await aud.getByRole('menuitem', { name: '预警与案件' }).click();
    await aud.getByRole('link', { name: lvCase }).waitFor();
    expect(await aud.getByRole('link', { name: strCase }).count()).toBe(0);
    await aud.goto(`${s.url}/console/cases/${strCase}`);
    await aud.getByText('案件不存在或无权查看。').waitFor();
    await aud.goto(`${s.url}/console/cases/${lvCase}`);
    await aud.getByText('待分派').first().waitFor();
    expect(await aud.locator('[data-testid^=wf-]').count()).toBe(0);
    await accessible(aud, 'case as auditor');
    await aud.goto(`${s.url}/console/reports`);
    await aud.getByText('报告登记簿').waitFor();
    expect(await aud.getByText('人民银行可疑交易报告').count()).toBe(0);
    await aud.goto(`${s.url}/console/audit`);
    await aud.getByTestId('consistency').waitFor();
    await aud.getByTestId('verify-inclusion').click();
    await expect.poll(() => aud.getByTestId('inclusion-result').textContent()).toContain('Web Crypto');
    await accessible(aud, 'audit');
    await aud.context().close();
  }, 180_000);

  it('switches to English and remembers the choice after a reload', async () => {
    const bob = await signIn(browser, s.url, s.tenantId, 'bob');
    await bob.getByText('English', { exact: true }).click();
    await bob.getByRole('menuitem', { name: 'Alerts and cases' }).waitFor();
    await bob.reload();
    await bob.getByRole('menuitem', { name: 'Alerts and cases' }).waitFor();
    expect(await bob.evaluate<string>('document.documentElement.lang')).toBe('en');
    await accessible(bob, 'overview (en)');
    await bob.getByText('中文', { exact: true }).click();
    await bob.getByRole('menuitem', { name: '预警与案件' }).waitFor();
    await bob.context().close();
  }, 180_000);

  it('works the case page with the keyboard alone', async () => {
    const bob = await signIn(browser, s.url, s.tenantId, 'bob');
    await bob.goto(`${s.url}/console/cases/${lvCase}`);
    await bob.getByTestId('wf-assign_me').waitFor();
    const focusUntil = async (match: (d: { testid: string | null; role: string | null; text: string }) => boolean) => {
      for (let i = 0; i < 80; i++) {
        await bob.keyboard.press('Tab');
        const d = await bob.evaluate<{ testid: string | null; role: string | null; text: string }>(`(() => {
          const e = document.activeElement;
          return { testid: e && e.getAttribute('data-testid'), role: e && e.getAttribute('role'), text: e ? e.textContent : '' };
        })()`);
        if (match(d)) return d;
      }
      throw new Error('not reached by Tab');
    };
    await focusUntil((d) => d.testid === 'wf-assign_me');
    await bob.keyboard.press('Enter');
    await bob.getByTestId('wf-start').waitFor();
    await focusUntil((d) => d.testid === 'wf-start');
    await bob.keyboard.press('Enter');
    await bob.getByText('调查中').first().waitFor();
    await focusUntil((d) => d.role === 'tab');
    await bob.keyboard.press('ArrowRight');
    await bob.keyboard.press('Enter');
    await bob.getByRole('tab', { name: '客户时间线', selected: true }).waitFor();
    await accessible(bob, 'case timeline');
    await bob.context().close();
  }, 180_000);

  it('takes screenshots of the main pages in both languages', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const p = await signIn(browser, s.url, s.tenantId, 'ana', lang === 'en' ? 'en' : undefined);
      const open = async (path: string, name: string, ready: () => Promise<unknown>) => {
        await p.goto(`${s.url}/console${path}`);
        await ready();
        await shoot(p, `${name}-${lang}`);
      };
      await open('/overview', 'overview', () => p.locator('canvas').first().waitFor());
      await open('/cases', 'cases', () => p.getByRole('link', { name: lvCase }).waitFor());
      await open(`/cases/${strCase}`, 'case', () => p.getByTestId('whoami').waitFor());
      await p.getByRole('tab', { name: /交易对手图谱|Counterparty graph/ }).click();
      await p.locator('canvas').first().waitFor();
      await shoot(p, `graph-${lang}`);
      await open('/reports', 'reports', () => p.getByRole('table').first().waitFor());
      await open('/audit', 'audit', () => p.getByTestId('consistency').waitFor());
      await p.context().close();
    }
  }, 180_000);
});
