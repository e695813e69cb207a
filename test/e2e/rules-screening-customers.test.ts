// Console journeys for the Rules, Screening and Customers pages, in a real browser against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { listVersion, xiEntry } from '../parties-support.ts';
import { confirmCall, seriousViolations, launch, shoot, signIn } from './browser.ts';
import { browserMissing, ensureConsoleBuilt, seed, startConsoleServer, type ConsoleServer } from './support.ts';

const missing = browserMissing();
if (missing) console.warn(missing);

let s: ConsoleServer;
let browser: Browser;
let listed: string;
let plain: string;

async function accessible(page: Page, where: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const v = await seriousViolations(page);
  expect(v.map((x) => `${where}: ${x.id} (${x.impact}) ${x.help} ${JSON.stringify(x.nodes[0]?.target)}`)).toEqual([]);
}

describe.skipIf(missing !== undefined)('Rules, Screening and Customers in a real browser', () => {
  beforeAll(async () => {
    ensureConsoleBuilt();
    s = await startConsoleServer();
    // One sanctions entry, loaded as a list version: screening answers instead of failing closed.
    s.zhili.screening.put(listVersion('ofac-sdn'), [xiEntry()]);
    await seed(s);
    const a = await s.as('ana', 'POST', '/v1/parties', {
      kind: 'person',
      externalId: 'cust-xi',
      names: [{ full: 'Xi Jinping' }],
      dateOfBirth: '1953-06-15',
      nationalities: ['CN'],
    });
    listed = a.body.id;
    const b = await s.as('ana', 'POST', '/v1/parties', {
      kind: 'person',
      externalId: 'cust-zhang',
      names: [{ full: '张三' }],
      idDocuments: [{ type: 'resident_id', number: '110101199001011234', country: 'CN' }],
      phones: ['+86 138 0013 8000'],
      nationalities: ['CN'],
    });
    plain = b.body.id;
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  }, 180_000);

  it('rules: the CEL editor checks as you type, a draft goes through four eyes, a diff and a backtest', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.getByRole('menuitem', { name: '规则' }).click();
    await ana.getByRole('tab', { name: 'CEL 编辑器' }).click();
    const source = ana.getByTestId('cel-source');
    await source.fill('event.amount.minor >= cny(50000) &&\n  event.nope == "x"');
    await ana.getByTestId('cel-errors').getByText('第 2 行，第').waitFor();
    expect(await ana.getByTestId('cel-errors').textContent()).toContain('未知字段');
    await accessible(ana, 'rules: CEL errors');
    await source.fill('event.amount.minor >= cny(60000)');
    await ana.getByTestId('cel-ok').waitFor();
    await ana.getByTestId('cel-version').fill('e2e-2');
    await ana.getByTestId('cel-save').click();
    await ana.getByTestId('rs-e2e-2').click();
    await ana.getByRole('tab', { name: '版本与审批流程' }).click();
    await ana.getByTestId('rs-cmd-submit').click();
    expect((await confirmCall(ana, { method: 'POST', url: ['/v1/rulesets/e2e-2', 'submit'] })).status()).toBe(200);
    await ana.getByText('已提交').first().waitFor();
    // Four eyes: the author is not offered the approval.
    expect(await ana.getByTestId('rs-cmd-approve').count()).toBe(0);
    await accessible(ana, 'rules: submitted');

    const apr = await signIn(browser, s.url, s.tenantId, 'apr');
    await apr.getByRole('menuitem', { name: '规则' }).click();
    await apr.getByTestId('rs-e2e-2').click();
    await apr.getByTestId('rs-cmd-approve').click();
    await apr.getByTestId('rs-note').fill('阈值调整已复核');
    // The approval itself, before this context closes (closing it mid-request lost the approval in CI).
    const ok = await confirmCall(apr, { method: 'POST', url: ['/v1/rulesets/e2e-2', 'approve'] });
    expect(ok.status(), await ok.text()).toBe(200);
    await apr.getByText('阈值调整已复核').waitFor();
    expect(await apr.getByTestId('rs-cmd-activate').count(), 'an approver does not activate').toBe(0);
    await apr.context().close();

    await ana.reload();
    await ana.getByTestId('rs-e2e-2').click();
    await ana.getByTestId('rs-cmd-activate').click();
    // The default rule set already shows 生效中: wait for this version's activation itself.
    const res = await confirmCall(ana, { method: 'POST', url: ['/v1/rulesets/e2e-2', 'activate'] });
    expect(res.status(), await res.text()).toBe(200);
    await ana.getByText('生效中').first().waitFor();
    const active = await s.as('ana', 'GET', '/v1/rulesets/e2e-2');
    expect(active.body).toMatchObject({ status: 'active', active: true });

    await ana.getByRole('tab', { name: '版本对比' }).click();
    await expect.poll(() => ana.getByTestId('diff-count').textContent()).toMatch(/^[1-9]\d* 行有变化$/);
    await ana.getByRole('table', { name: '版本对比' }).getByText('cny(60000)').first().waitFor();
    await accessible(ana, 'rules: diff');

    await ana.getByRole('tab', { name: '回测' }).click();
    await ana.getByTestId('bt-from').fill('2026-11-01');
    await ana.getByTestId('bt-to').fill('2026-12-01');
    await ana.getByTestId('bt-labels').fill('6222000077770001');
    await ana.getByTestId('bt-run').click();
    await ana.getByTestId('bt-report').waitFor({ timeout: 60_000 });
    await ana.getByTestId('bt-report').locator('canvas').first().waitFor();
    expect(await ana.getByTestId('bt-report').locator('[role=img]').count()).toBe(3);
    await accessible(ana, 'rules: backtest');
    await ana.context().close();
  }, 180_000);

  it('rules for an auditor: read only, versions opened with the keyboard', async () => {
    const aud = await signIn(browser, s.url, s.tenantId, 'aud');
    await aud.getByRole('menuitem', { name: '规则' }).click();
    await aud.getByTestId('rs-e2e-2').focus();
    await aud.keyboard.press('Enter');
    await aud.waitForURL(/\/rules\?version=e2e-2$/);
    await aud.getByText('阈值调整已复核').waitFor();
    expect(await aud.locator('[data-testid^=rs-cmd-]').count()).toBe(0);
    expect(await aud.getByRole('tab', { name: '回测' }).count(), 'auditors run no backtest').toBe(0);
    await aud.getByRole('tab', { name: 'CEL 编辑器' }).click();
    await aud.getByTestId('cel-ok').waitFor();
    expect(await aud.getByTestId('cel-save').count()).toBe(0);
    await accessible(aud, 'rules as auditor');
    await aud.context().close();
  }, 180_000);

  it('screening: a name in another script with its explanation, the list versions, a hit reviewed', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.getByRole('menuitem', { name: '名单筛查' }).click();
    await ana.getByTestId('screen-name').fill('Xi Jin Ping');
    await ana.getByTestId('screen-run').click();
    await ana.getByText('XI, Jinping').first().waitFor();
    await ana.getByText('匹配的名称成分').waitFor();
    expect(await ana.getByTestId('screen-versions').textContent()).toContain('ofac-sdn@');
    await accessible(ana, 'screening: search');

    await ana.getByRole('tab', { name: '名单版本' }).click();
    await ana.getByRole('cell', { name: 'ofac-sdn@aaaaaaaaaaaa' }).waitFor();

    // Four eyes on a blocking true match: the analyst asks, an approver confirms.
    await ana.getByRole('tab', { name: '客户命中复核' }).click();
    await ana.getByTestId('hit-request_confirm').click();
    await ana.getByTestId('hit-reason').fill('姓名、出生日期与国籍均一致。');
    await ana.getByRole('button', { name: '确认', exact: true }).click();
    await ana.getByTestId('hit-requested').waitFor();
    expect(await ana.getByTestId('hit-approve_confirm').count(), 'the requester does not confirm').toBe(0);
    await accessible(ana, 'screening: review requested');
    const apr = await signIn(browser, s.url, s.tenantId, 'apr');
    await apr.goto(`${s.url}/console/screening`);
    await apr.getByRole('tab', { name: '客户命中复核' }).click();
    await apr.getByTestId('hit-approve_confirm').click();
    await apr.getByTestId('hit-reason').fill('复核一致，确认命中制裁名单。');
    await apr.getByRole('button', { name: '确认', exact: true }).click();
    await apr.getByText('没有待复核的命中。').waitFor();
    await accessible(apr, 'screening: review done');
    await apr.context().close();
    const hits = await s.as('ana', 'GET', `/v1/parties/${listed}/hits`);
    expect(hits.body.hits[0]).toMatchObject({ status: 'confirmed', reason: '复核一致，确认命中制裁名单。' });
    const party = await s.as('ana', 'GET', `/v1/parties/${listed}`);
    expect(party.body.rating).toMatchObject({ level: 'prohibited' });
    await ana.context().close();
  }, 180_000);

  it('customers: masked for everyone, revealed with a reason for an analyst, versions and the rating factors', async () => {
    const aud = await signIn(browser, s.url, s.tenantId, 'aud');
    await aud.getByRole('menuitem', { name: '客户' }).click();
    await aud.getByTestId(`party-${plain}`).click();
    await aud.getByText('已脱敏').first().waitFor();
    expect(await aud.getByTestId('reveal').count(), 'an auditor may not reveal').toBe(0);
    expect(await aud.locator('body').textContent()).not.toContain('110101199001011234');
    await accessible(aud, 'customers as auditor');
    await aud.context().close();

    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.goto(`${s.url}/console/customers?party=${plain}`);
    await ana.getByTestId('reveal').click();
    await ana.getByRole('dialog').getByRole('button', { name: '明文查看' }).click();
    await ana.locator('.ant-form-item-explain-error').first().waitFor(); // a reason is required
    await ana.getByTestId('reveal-reason').fill('可疑交易报告需核实客户身份证件。');
    await ana.getByRole('dialog').getByRole('button', { name: '明文查看' }).click();
    await ana.getByText('110101199001011234').waitFor();
    await ana.getByText('明文显示（已记录）').first().waitFor();
    await accessible(ana, 'customers: revealed');
    await ana.getByTestId('mask-again').click();
    expect(await ana.locator('body').textContent()).not.toContain('110101199001011234');
    await ana.getByRole('tab', { name: '风险评级' }).click();
    await ana.getByTestId('ratings').waitFor();
    await ana.getByRole('tab', { name: '历史版本' }).click();
    await ana.getByRole('cell', { name: '1', exact: true }).first().waitFor();
    await ana.goto(`${s.url}/console/customers?party=${listed}`);
    await ana.getByRole('tab', { name: '风险评级' }).click();
    await ana.getByTestId('ratings').getByText('制裁名单命中').first().waitFor();
    await accessible(ana, 'customers: rating');
    await ana.context().close();
  }, 180_000);

  it('takes screenshots of the three pages in both languages', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const p = await signIn(browser, s.url, s.tenantId, 'ana', lang === 'en' ? 'en' : undefined);
      await p.goto(`${s.url}/console/rules`);
      await p.getByTestId('rs-e2e-2').waitFor();
      await shoot(p, `rules-${lang}`);
      await p.getByRole('tab', { name: /版本对比|Compare versions/ }).click();
      await p.getByTestId('diff-count').waitFor();
      await shoot(p, `rules-diff-${lang}`);
      await p.goto(`${s.url}/console/screening`);
      await p.getByTestId('screen-name').fill('习近平');
      await p.getByTestId('screen-run').click();
      await p.getByTestId('screen-versions').waitFor();
      await shoot(p, `screening-${lang}`);
      await p.goto(`${s.url}/console/customers?party=${listed}`);
      await p.getByTestId(`party-${listed}`).waitFor();
      await shoot(p, `customers-${lang}`);
      await p.context().close();
    }
  }, 180_000);
});
