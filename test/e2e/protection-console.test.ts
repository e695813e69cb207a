// The consumer-protection pages of the console in Chromium against a real server over HTTP: a complaint
// worked to a four-eyes approval by two operators, a staff-entered phone complaint, a disclosure
// published by two operators and verified against the ledger, suitability and privacy at a glance, all
// read in Chinese (the default) and once in English. Screenshots go to ZHILI_SCREENSHOTS when set.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, seriousViolations, shoot, signIn } from './browser.ts';
import { browserMissing, ensureConsoleBuilt, startConsoleServer, type ConsoleServer } from './support.ts';

const missing = browserMissing();
if (missing) console.warn(missing);

let s: ConsoleServer;
let browser: Browser;
const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
/** The last month that has ended in Asia/Shanghai (the only kind a disclosure can be computed for). */
const lastMonth = (() => {
  const [y = 0, m = 1] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(Date.now())
    .split('-')
    .map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

async function ok(r: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const x = await r;
  expect(x.status, JSON.stringify(x.body)).toBe(status);
  return x.body;
}

async function accessible(page: Page, where: string): Promise<void> {
  await page.mouse.move(0, 0);
  const v = await seriousViolations(page);
  expect(v.map((x) => `${where}: ${x.id} (${x.impact}) ${x.help} ${JSON.stringify(x.nodes[0]?.target)}`)).toEqual([]);
}

const complaint = (customerId: string, receivedAt: string, category = 'B05') => ({
  customerId,
  channel: 'api',
  category,
  cause: 'C05',
  receivedAt,
});

describe.skipIf(missing !== undefined)('consumer protection and disclosure in the console', () => {
  let workedId = '';
  beforeAll(async () => {
    ensureConsoleBuilt();
    s = await startConsoleServer();
    // Three complaints on their 15-calendar-day clocks: breached, due within the 3-day warning, on time.
    await ok(s.post('/v1/complaints', complaint('cust-late', ago(20), 'B03')), 201);
    workedId = (await ok(s.post('/v1/complaints', complaint('cust-soon', ago(13))), 201)).id;
    await ok(s.post('/v1/complaints', complaint('cust-new', ago(0), 'B01')), 201);
    await ok(
      s.as('adm', 'POST', '/v1/risk-reserve/movements', {
        kind: 'deposit',
        amount: { value: '10000.00', currency: 'CNY' },
      }),
      201,
    );
    // A loan in the month to disclose.
    await ok(
      s.post('/v1/events', {
        id: `pc-loan-${process.pid}`,
        type: 'loan_disbursement',
        occurredAt: `${lastMonth}-08T10:00:00+08:00`,
        amount: { value: '8000.00', currency: 'CNY' },
        debtor: { partyId: 'fund-a', partyType: 'organization' },
        creditor: { partyId: 'cust-loan', partyType: 'person' },
        channel: 'api',
        attributes: { loanId: 'PL1', termMonths: 1, payments: '8080.00' },
      }),
    );
    // Suitability: a product, an assessment (first answer to every question) and a professional proposal.
    await ok(
      s.as('adm', 'PUT', '/v1/products/fund-r3', {
        name: { en: 'Balanced fund', zh: '平衡型基金' },
        risk: 'R3',
        horizonMonths: 12,
        liquidity: 'daily',
        goals: [],
      }),
    );
    const qn = await ok(s.as('ana', 'GET', '/v1/suitability/questionnaire'));
    const answers = Object.fromEntries(
      (qn.questions as { id: string; options: { id: string }[] }[]).map((q) => [q.id, [q.options.at(-1)!.id]]),
    );
    await ok(s.post('/v1/suitability/assessments', { customerId: 'cust-pro', answers }), 201);
    await ok(
      s.as('ana', 'POST', '/v1/suitability/customers/cust-pro/professional', {
        action: 'propose',
        basis: '金融资产不低于500万元',
      }),
    );
    // Privacy: a deletion request verified by the analyst, and an incident with notice clocks.
    const dsr = await ok(s.post('/v1/data-subject-requests', { subject: 'cust-gone', kind: 'deletion' }), 201);
    await ok(s.as('ana', 'POST', `/v1/data-subject-requests/${dsr.id}/verify`, { method: 'id_document' }));
    await ok(
      s.post('/v1/incidents', {
        type: 'data_breach',
        title: 'Customer list exposed',
        titleZh: '客户名单外泄',
        detectedAt: ago(0.05),
        facts: { personalRecords: 150_000, personalInfo: true },
      }),
      201,
    );
    // A resolved outage whose post-incident report the analyst wrote: another operator approves it.
    const outage = await ok(
      s.post('/v1/incidents', {
        type: 'system_outage',
        title: 'Payments down',
        titleZh: '支付中断',
        detectedAt: ago(1),
      }),
      201,
    );
    await ok(s.as('ana', 'POST', `/v1/incidents/${outage.id}/actions`, { action: 'resolve' }));
    await ok(
      s.as('ana', 'PUT', `/v1/incidents/${outage.id}/report`, {
        summary: 'Card payments failed for 20 minutes.',
        summaryZh: '银行卡支付中断 20 分钟。',
        rootCause: 'Expired certificate.',
        actions: ['Renewal alerts'],
        lessons: [],
      }),
    );
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  }, 60_000);

  it('works a complaint to a four-eyes approval with two operators, in Chinese', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.getByRole('menuitem', { name: '投诉处理' }).click();
    // The queue: most urgent first, each clock in words.
    const rows = ana.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    await expect.poll(() => rows.nth(0).innerText()).toContain('已超期');
    expect(await rows.nth(1).innerText()).toContain('即将到期');
    expect(await rows.nth(2).innerText()).toMatch(/剩 1[45] 天/);
    await accessible(ana, 'complaints queue');
    await shoot(ana, 'console-complaints');

    await ana.getByRole('link', { name: workedId }).click();
    await ana.getByTestId('cmp-acknowledge').click();
    await ana.getByText('确认受理：已完成').waitFor();
    await ana.getByTestId('cmp-investigate').click();
    await ana.getByTestId('cmp-propose').waitFor();
    await ana.getByTestId('cmp-propose').click();
    await ana.getByTestId('cmp-amount').fill('2000.00');
    await ana.getByTestId('cmp-root-cause').fill('fee-disclosure');
    await ana.getByRole('button', { name: '确认', exact: true }).click();
    // Above CNY 1,000.00 the proposer may not approve: the button is disabled and the page says why.
    await ana.getByText('四眼原则：处理意见由您提出，须由另一名具有审批人角色的操作员审批。').waitFor();
    expect(await ana.getByTestId('cmp-approve').isDisabled()).toBe(true);
    await ana.getByText('须四眼审批').waitFor();
    await ana.context().close();

    const apr = await signIn(browser, s.url, s.tenantId, 'apr');
    await apr.goto(`${s.url}/console/complaints/${workedId}`);
    await apr.getByTestId('cmp-approve').click();
    await apr.getByText('审批处理意见：已完成').waitFor();
    // The approver handles nothing else: no further step is offered.
    await expect.poll(() => apr.getByTestId('cmp-approve').count()).toBe(0);
    await apr.context().close();

    const ana2 = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana2.goto(`${s.url}/console/complaints/${workedId}`);
    await ana2.getByTestId('cmp-communicate').click();
    await ana2.getByTestId('cmp-close').waitFor();
    const timeline = await ana2.getByTestId('cmp-timeline').innerText();
    for (const step of ['受理', '确认受理', '开始调查', '提出处理意见', '审批处理意见', '告知消费者'])
      expect(timeline).toContain(step);
    await accessible(ana2, 'complaint');
    await shoot(ana2, 'console-complaint');
    const c = await ok(s.as('ana', 'GET', `/v1/complaints/${workedId}`));
    expect(c.state).toBe('communicated');
    expect(c.approvedBy).not.toBe(c.proposal.proposedBy);
    const reserve = await ok(s.as('ana', 'GET', '/v1/risk-reserve'));
    expect(reserve.balances).toEqual([{ value: '8000.00', currency: 'CNY' }]);
    await ana2.context().close();
  }, 180_000);

  it('enters a phone complaint and downloads the quarterly statistics', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.goto(`${s.url}/console/complaints`);
    await ana.getByRole('tab', { name: '登记投诉' }).click();
    await ana.getByLabel('电话', { exact: true }).check();
    await ana.getByTestId('file-customer').fill('cust-phone');
    await ana.getByLabel('业务类别').click();
    await ana.keyboard.type('B05');
    await ana.keyboard.press('Enter');
    await ana.getByLabel('投诉原因').click();
    await ana.keyboard.type('C10');
    await ana.keyboard.press('Enter');
    await ana.getByLabel('投诉人姓名').fill('王五');
    await ana.getByTestId('file-submit').click();
    await ana.getByTestId('cmp-timeline').waitFor();
    const id = /complaints\/(cmp_[^/?#]+)/.exec(ana.url())?.[1];
    const filed = await ok(s.as('ana', 'GET', `/v1/complaints/${id}`));
    expect(filed).toMatchObject({ channel: 'phone', customerId: 'cust-phone', category: 'B05', cause: 'C10' });
    expect(filed.personal).toBeUndefined();
    // The complainant's details are sealed: shown only on a reveal with a reason, which is audited.
    expect(await ana.getByText('王五').count()).toBe(0);
    await ana.getByTestId('cmp-reveal').click();
    await ana.getByTestId('cmp-reveal-reason').fill('回电核实');
    await ana.getByRole('button', { name: '确认', exact: true }).click();
    await ana.getByTestId('cmp-personal').getByText('王五').waitFor();

    await ana.goto(`${s.url}/console/complaints`);
    await ana.getByRole('tab', { name: '统计' }).click();
    await ana.getByText('按业务类别').waitFor();
    // The compensation paid on the approved decision, out of the risk reserve.
    const reserve = ana.locator('.ant-card', { hasText: '风险准备金' });
    await reserve.getByText('¥8,000.00').waitFor();
    await reserve.getByRole('cell', { name: '赔付' }).waitFor();
    const wait = ana.waitForEvent('download');
    await ana.getByTestId('cmp-stats-csv').click();
    const csv = readFileSync(await (await wait).path(), 'utf8');
    expect(csv).toContain('"summary","received"');
    const wait2 = ana.waitForEvent('download');
    await ana.getByTestId('cmp-stats-xlsx').click();
    expect(
      readFileSync(await (await wait2).path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    await shoot(ana, 'console-complaint-stats');
    await ana.context().close();
  }, 120_000);

  it('publishes a disclosure with two operators and verifies it against the ledger', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.getByRole('menuitem', { name: '信息披露' }).click();
    await ana.getByTestId('dsc-period').fill(lastMonth);
    await ana.getByTestId('dsc-compute').click();
    await ana.getByTestId('dsc-submit').click();
    await ana.getByText('提交审批：已完成').waitFor();
    // The analyst holds no approval: nothing more is offered until someone else approves.
    expect(await ana.getByTestId('dsc-approve').count()).toBe(0);
    const id = /disclosures\/([^/?#]+)/.exec(ana.url())?.[1] ?? '';

    const apr = await signIn(browser, s.url, s.tenantId, 'apr');
    await apr.goto(`${s.url}/console/disclosures/${id}`);
    await apr.getByTestId('dsc-approve').click();
    await apr.getByText('审批通过：已完成').waitFor();
    await apr.context().close();

    await ana.reload();
    await ana.getByTestId('dsc-publish').click();
    await ana.getByTestId('dsc-verify').click();
    await ana.getByText('验证通过：已发布文档的哈希与账本记录一致，且包含在已签名的检查点中。').waitFor();
    expect(await ana.getByTestId('dsc-verification').innerText()).not.toContain('无效');
    expect(await ana.getByTestId('dsc-public').getAttribute('href')).toBe(
      `/portal/${s.tenantId}/disclosures/${lastMonth}?lang=zh-CN`,
    );
    await ana.getByText('累计借贷金额').first().waitFor();
    await accessible(ana, 'disclosure');
    await shoot(ana, 'console-disclosures');
    const pub = await fetch(`${s.url}/portal/${s.tenantId}/disclosures/${lastMonth}.json`);
    expect(pub.status).toBe(200);
    expect(((await pub.json()) as { hash: string }).hash).toBe(await ana.getByTestId('dsc-hash').innerText());

    // A repayment recorded late changes the month: the correction is a new version with its reason and
    // the changed figures side by side; the published version stays as it was.
    await ok(
      s.post('/v1/events', {
        id: `pc-repay-${process.pid}`,
        type: 'loan_repayment',
        occurredAt: `${lastMonth}-20T10:00:00+08:00`,
        amount: { value: '8080.00', currency: 'CNY' },
        debtor: { partyId: 'cust-loan', partyType: 'person' },
        creditor: { partyId: 'fund-a', partyType: 'organization' },
        channel: 'api',
        attributes: { loanId: 'PL1' },
      }),
    );
    await ana.getByRole('link', { name: '信息披露' }).click();
    await ana.getByTestId('dsc-period').fill(lastMonth);
    await ana.getByTestId('dsc-reason').fill('还款记录补录');
    await ana.getByTestId('dsc-compute').click();
    const diff = ana.getByTestId('dsc-diff');
    await diff.getByText('更正原因：还款记录补录').waitFor();
    const changed = await diff.innerText();
    expect(changed).toContain('借贷余额');
    expect(changed).toContain('¥8,000.00');
    expect(changed).toContain('¥0.00');
    await accessible(ana, 'disclosure correction');
    await shoot(ana, 'console-disclosure-correction');
    const versions = await ok(s.as('ana', 'GET', `/v1/disclosures?period=${lastMonth}`));
    expect(versions.disclosures.map((d: { version: number; state: string }) => `${d.version} ${d.state}`)).toEqual([
      '2 draft',
      '1 published',
    ]);
    await ana.context().close();
  }, 120_000);

  it('shows suitability and privacy with their second approvers, then the queue in English', async () => {
    const apr = await signIn(browser, s.url, s.tenantId, 'apr');
    await apr.getByRole('menuitem', { name: '适当性管理' }).click();
    await apr.getByRole('tab', { name: '专业投资者申请' }).click();
    await apr.getByTestId('pro-approve-cust-pro').click();
    await apr.getByText('审批专业投资者：已完成').waitFor();
    await apr.getByRole('tab', { name: '客户' }).click();
    await apr.getByPlaceholder('客户编号').fill('cust-pro');
    await apr.keyboard.press('Enter');
    await apr.getByTestId('suit-profile').getByText('已认定').waitFor();
    await accessible(apr, 'suitability');
    await shoot(apr, 'console-suitability');

    // The approver carries out the deletion the analyst verified (four eyes), and sees the incident's notice clocks.
    await apr.getByRole('menuitem', { name: '个人信息与事件' }).click();
    await apr.getByRole('cell', { name: 'cust-gone' }).click();
    await apr.getByTestId('dsr-fulfil').click();
    // A deletion shreds keys and writes the ledger: on a loaded machine it can outlast a toast's wait.
    const fulfilled = apr.waitForResponse((r) => r.url().endsWith('/fulfil') && r.request().method() === 'POST', {
      timeout: 90_000,
    });
    await apr.getByRole('button', { name: '确认', exact: true }).click();
    const res = await fulfilled;
    expect(res.status(), await res.text()).toBe(200);
    await apr.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await apr.locator('.ant-drawer-close').click();
    await apr.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });
    await apr.getByRole('tab', { name: '突发事件' }).click();
    await apr.getByText('客户名单外泄').waitFor();
    expect(await apr.locator('[data-notice]').count()).toBeGreaterThan(0);
    await shoot(apr, 'console-privacy');
    await apr.getByText('支付中断').click();
    await apr.getByText('银行卡支付中断 20 分钟。').waitFor();
    await apr.getByTestId('inc-approve_report').click();
    await apr.getByText('审批报告：已完成').waitFor();
    await apr.getByText(/审批人 我/).waitFor();
    await apr.context().close();

    const en = await signIn(browser, s.url, s.tenantId, 'ana', 'en');
    await en.getByRole('menuitem', { name: 'Complaints' }).click();
    await en.getByText(/Breached: due/).waitFor();
    await accessible(en, 'complaints (en)');
    await shoot(en, 'console-complaints-en');
    await en.context().close();
  }, 120_000);
});
