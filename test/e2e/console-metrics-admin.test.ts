// The Compliance metrics and Administration pages in a real browser, with axe-core, and the Performance
// timings of a case with 500 alerts and a counterparty graph of ~300 nodes (recorded, never asserted).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../src/runtime/index.ts';
import { launch, navigationTiming, seriousViolations, shoot, signIn } from './browser.ts';
import {
  browserMissing,
  ensureConsoleBuilt,
  password,
  seed,
  startConsoleServer,
  type ConsoleServer,
} from './support.ts';

const missing = browserMissing();
if (missing) console.warn(missing);

let s: ConsoleServer;
let browser: Browser;
const perf: Record<string, unknown> = {};

async function accessible(page: Page, where: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const v = await seriousViolations(page);
  expect(v.map((x) => `${where}: ${x.id} (${x.impact}) ${x.help} ${JSON.stringify(x.nodes[0]?.target)}`)).toEqual([]);
}

async function downloaded(page: Page, testId: string): Promise<Buffer> {
  const wait = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return readFileSync(await (await wait).path());
}

const countBy = (xs: readonly string[]) =>
  xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

/** Works a case through the API to its closure: assign, start, ask to close, a second operator approves. */
async function close(caseId: string, resolution: string): Promise<void> {
  const ana = (await s.as('ana', 'GET', '/v1/me')).body.userId as string;
  await s.as('ana', 'POST', `/v1/cases/${caseId}/assign`, { assignee: ana });
  await s.as('ana', 'POST', `/v1/cases/${caseId}/actions`, { type: 'start' });
  await s.as('ana', 'POST', `/v1/cases/${caseId}/request-close`, { resolution, reason: 'worked' });
  expect((await s.as('apr', 'POST', `/v1/cases/${caseId}/approve`, {})).status).toBe(200);
}

describe.skipIf(missing !== undefined)('compliance metrics and administration in a real browser', () => {
  beforeAll(async () => {
    ensureConsoleBuilt();
    s = await startConsoleServer();
    await seed(s);
    await provisionUser(s.zhili.store, { tenantId: s.tenantId, username: 'adm2', password, roles: ['admin'] });
    const caseOf = async (c: string) => (await s.as('ana', 'GET', `/v1/cases?customerId=${c}`)).body.cases[0].id;
    await close(await caseOf('cust-smurf'), 'reported');
    await close(await caseOf('cust-lv'), 'no_report');
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    const file = process.env.ZHILI_PERF_OUT ?? 'tmp/console-perf.json';
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), perf }, null, 2)}\n`);
  }, 180_000);

  it('the analyst reads the funnel, aging and effectiveness, and exports CSV, XLSX and PDF', async () => {
    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.getByRole('menuitem', { name: '合规指标' }).click();
    await ana.getByText('转化漏斗：预警 → 案件 → 可疑交易报告').waitFor();
    // ECharts names its own container for screen readers; the card's canvas shows the chart was drawn.
    await ana.locator('.ant-card', { hasText: '转化漏斗：预警 → 案件 → 可疑交易报告' }).locator('canvas').waitFor();
    await ana.getByText('案件 → 可疑交易报告', { exact: true }).waitFor();
    await ana.getByRole('cell', { name: 'aml-near-threshold-out' }).first().waitFor();
    await ana.getByRole('button', { name: '统计口径' }).click();
    await ana.getByText(/最近秩/).waitFor();
    await accessible(ana, 'metrics');
    await shoot(ana, 'metrics-zh-CN');
    const csv: string[][] = parse(await downloaded(ana, 'export-rules-csv'), { bom: true });
    expect(csv[0]?.[0]).toBe('规则');
    expect(csv.map((r) => r[0])).toContain('aml-near-threshold-out');
    expect((await downloaded(ana, 'export-all-xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await downloaded(ana, 'export-funnel-pdf')).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    // In English, the page and its exports follow the switch.
    await ana.getByText('English', { exact: true }).click();
    await ana.getByText('Funnel: alerts → cases → suspicious reports').waitFor();
    const en: string[][] = parse(await downloaded(ana, 'export-aging-csv'), { bom: true });
    expect(en[0]).toEqual(['Age (days)', 'Open cases', 'Past SLA']);
    await accessible(ana, 'metrics (en)');
    await shoot(ana, 'metrics-en');
    await ana.context().close();
  }, 120_000);

  it('the auditor sees the metrics without any suspicious-report figure', async () => {
    const aud = await signIn(browser, s.url, s.tenantId, 'aud');
    await aud.goto(`${s.url}/console/metrics`);
    await aud.getByText('您的角色不显示与可疑交易报告相关的数据。').waitFor();
    await aud.getByText('转化漏斗：预警 → 案件 → 可疑交易报告').waitFor();
    expect(await aud.getByText('案件 → 可疑交易报告', { exact: true }).count()).toBe(0);
    expect(await aud.getByRole('columnheader', { name: '已报送报告' }).count()).toBe(0);
    const m = await s.as('aud', 'GET', '/v1/metrics/compliance');
    expect(m.body.funnel.reportedCases).toBeNull();
    await accessible(aud, 'metrics (auditor)');
    await aud.context().close();
  }, 120_000);

  it('administrators manage operators with four eyes on the approver role, and API keys shown once', async () => {
    const adm = await signIn(browser, s.url, s.tenantId, 'adm');
    await adm.getByRole('menuitem', { name: '系统管理' }).click();
    await adm.getByRole('cell', { name: 'ana', exact: true }).waitFor();
    await accessible(adm, 'admin users');
    await shoot(adm, 'admin-zh-CN');
    await adm.getByTestId('user-create').click();
    await adm.getByLabel('用户名').fill('neo');
    await adm.getByLabel('密码').fill('a long enough password');
    await adm.getByLabel('分析员').check();
    await adm.getByLabel('审批人').check();
    await accessible(adm, 'admin create user');
    await adm.getByTestId('user-create-submit').click();
    await adm.getByText(/待批：.*审批人/).waitFor();
    await adm.getByRole('tab', { name: /待审批授权/ }).click();
    // The proposer may not approve their own grant.
    await expect.poll(() => adm.getByTestId('grant-approve-neo').isDisabled()).toBe(true);
    await accessible(adm, 'admin grants');

    // A password reset: the operator signs in with the new one.
    await adm.getByRole('tab', { name: '用户与角色' }).click();
    await adm.getByRole('row', { name: /^bob/ }).getByRole('button', { name: '重置密码' }).click();
    await adm.getByLabel('新密码').fill('bob has a new password');
    await adm.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await adm.getByText('密码已重置').waitFor();
    const relog = await fetch(`${s.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: s.tenantId, username: 'bob', password: 'bob has a new password' }),
    });
    expect(relog.status).toBe(200);
    await adm.getByRole('tab', { name: 'API 密钥' }).click();
    await adm.getByTestId('key-create').click();
    await adm.getByLabel('备注').fill('metrics-test');
    await adm.getByTestId('key-create-submit').click();
    const secret = (await adm.getByTestId('key-secret').locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^zk_/);
    await accessible(adm, 'admin new key');
    await adm.getByRole('button', { name: '完成' }).click();
    const row = adm.getByRole('row', { name: /metrics-test/ });
    await row.getByRole('button', { name: '吊销' }).click();
    await adm.getByRole('button', { name: '确认' }).click();
    await row.getByText('已吊销').waitFor();
    const call = await fetch(`${s.url}/v1/events/nope`, { headers: { authorization: `Bearer ${secret}` } });
    expect(call.status).toBe(401);
    // Rotating the tenant's first key shows the new one once; the old one keeps working for the grace period.
    await adm.getByRole('button', { name: '轮换' }).click();
    await adm.getByRole('button', { name: '确认' }).click();
    const shown = adm.getByRole('dialog').getByTestId('key-secret').locator('code');
    await expect.poll(async () => (await shown.textContent()) ?? '').not.toBe(secret);
    const rotated = (await shown.textContent()) ?? '';
    expect(rotated).toMatch(/^zk_/);
    await adm.getByRole('button', { name: '完成' }).click();
    await adm.getByText(/过期$/).first().waitFor();
    const statusWith = async (key: string) =>
      (await fetch(`${s.url}/v1/events/nope`, { headers: { authorization: `Bearer ${key}` } })).status;
    expect({ rotated: await statusWith(rotated), old: await statusWith(s.apiKey) }).toEqual({ rotated: 404, old: 404 });
    await adm.getByRole('tab', { name: '筛查名单' }).click();
    await adm.getByText('未加载任何筛查名单').waitFor();
    await accessible(adm, 'admin lists');

    const adm2 = await signIn(browser, s.url, s.tenantId, 'adm2');
    await adm2.goto(`${s.url}/console/admin`);
    await adm2.getByRole('tab', { name: /待审批授权/ }).click();
    await adm2.getByTestId('grant-approve-neo').click();
    await adm2.getByText('授权已批准').waitFor();
    const users = (await s.as('adm', 'GET', '/v1/users')).body.users as { username: string; roles: string[] }[];
    expect(users.find((u) => u.username === 'neo')?.roles.sort()).toEqual(['analyst', 'approver']);
    await adm.getByText('English', { exact: true }).click();
    await adm.getByRole('tab', { name: 'Users and roles' }).click();
    await adm.getByRole('cell', { name: 'neo', exact: true }).waitFor();
    await accessible(adm, 'admin (en)');
    await shoot(adm, 'admin-en');
    await adm.context().close();
    await adm2.context().close();
  }, 180_000);

  it('records the timings of a case with 500 alerts and a ~300-node counterparty graph', async () => {
    // 300 transfers to 300 new counterparties in five hours: the AML pack's fan-out and spike rules raise
    // alerts on most of them (over 500), all grouped into the customer's one case.
    const big = {
      partyId: 'cust-big',
      partyType: 'person',
      accountId: '6222000055550000',
      country: 'CN',
    };
    const started = Date.now();
    for (let i = 0; i < 300; i += 25)
      await Promise.all(
        Array.from({ length: 25 }, (_, j) => i + j).map((k) =>
          s.post('/v1/events', {
            id: `perf-${process.pid}-${k}`,
            type: 'transfer',
            occurredAt: new Date(Date.parse('2026-11-20T00:00:00Z') + k * 60_000).toISOString(),
            amount: { value: `${1000 + k}.00`, currency: 'CNY' },
            debtor: big,
            creditor: {
              partyId: `cp-${k}`,
              partyType: 'person',
              accountId: `62220000${String(k).padStart(8, '0')}`,
              country: 'CN',
            },
            channel: 'mobile',
            attributes: {},
          }),
        ),
      );
    await s.catchUp();
    perf.seedMs = Date.now() - started;
    const c = (await s.as('ana', 'GET', '/v1/cases?customerId=cust-big')).body.cases;
    const caseId = c[0].id as string;
    const detail = (await s.as('ana', 'GET', `/v1/cases/${caseId}`)).body;
    const graph = (await s.as('ana', 'GET', `/v1/accounts/${big.accountId}/graph?hops=2`)).body;
    perf.case = {
      cases: c.length,
      alerts: detail.alerts.length,
      graphNodes: graph.nodes.length,
      graphEdges: graph.edges.length,
      alertsByRule: countBy((detail.alerts as { ruleIds: string[] }[]).flatMap((a) => a.ruleIds)),
    };

    const ana = await signIn(browser, s.url, s.tenantId, 'ana');
    await ana.addInitScript(`(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => Math.round(e.duration))))
        .observe({ type: 'longtask', buffered: true });
    })()`);
    await ana.goto(`${s.url}/console/cases/${caseId}`);
    await ana.getByRole('tab', { name: new RegExp(String(detail.alerts.length)) }).waitFor();
    const interactive = await ana.evaluate<number>('Math.round(performance.now())');
    perf.casePage = { ...(await navigationTiming(ana)), interactiveMs: interactive };
    const before = await ana.evaluate<number>('performance.now()');
    await ana.getByRole('tab', { name: /交易对手图谱|Counterparty graph/ }).click();
    await ana.getByRole('tabpanel').locator('canvas').first().waitFor();
    // Two animation frames after the canvas exists: the first full paint of the graph.
    const painted = await ana.evaluate<number>(
      'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
    );
    const box = await ana.getByRole('tabpanel').locator('canvas').first().boundingBox();
    const zoomStart = await ana.evaluate<number>('performance.now()');
    if (box) {
      await ana.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await ana.mouse.wheel(0, -400);
    }
    const zoomed = await ana.evaluate<number>(
      'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))',
    );
    perf.graph = {
      renderMs: Math.round(painted - before),
      zoomFrameMs: Math.round(zoomed - zoomStart),
      longTasksMs: await ana.evaluate<number[]>('window.__longTasks'),
    };
    console.log(JSON.stringify(perf));
    expect(detail.alerts.length).toBeGreaterThanOrEqual(500);
    await ana.context().close();
  }, 300_000);
});
