// The supervision hub's pages in the console (the same React build the platform serves), in Chromium
// against a real hub and a real platform server over HTTP: two supervisors sign in; the dashboard shows
// the platform that pushed its checkpoint and filings and one registered through the API, with flags and
// thresholds; a status change under four eyes is done in the browser (the proposer cannot approve and
// is told why, the second supervisor approves); a rewritten-history alert acknowledged and resolved under
// four eyes, the hub's own ledger checkpoint; ledger alerts and an exit plan; Chinese (the default) and
// English; axe-core finds no serious issue on any page. Screenshots go to ZHILI_SCREENSHOTS when set.
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, type TestServer } from '../support/server.ts';
import { PASSWORD, requestKeys, startHub, startPlatform, type TestHub } from '../supervision/hub-support.ts';
import { writeFileSync, mkdirSync } from 'node:fs';
import { launch, navigationTiming, seriousViolations, shoot } from './browser.ts';
import { browserMissing, ensureConsoleBuilt } from './support.ts';

const missing = browserMissing();
if (missing) console.warn(missing);

let t: TestHub;
let pa: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tok: Record<string, string> = {};
const a = { id: '', origin: `pay-a-${process.pid}.example/audit`, keys: requestKeys('pay-a.example') };
let bId = '';
/** Timings recorded for the report, never asserted: tmp/hub-console-timings.json. */
const perf: Record<string, unknown> = {};
/** How long the console's first question (GET /v1/hub/info) took in this page, from Resource Timing. */
const infoMs = (page: Page) =>
  page.evaluate<number>(`(() => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/v1/hub/info'));
    return e ? Math.round(e.responseEnd - e.startTime) : -1;
  })()`);

function expectOk(r: { status: number; body: unknown }, status = 200): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
}

/** A response of the hub's API: `method path` (path without the query) answered with `status`. */
const answered =
  (method: string, path: RegExp, status = 200) =>
  (r: Response): boolean =>
    r.request().method() === method && path.test(new URL(r.url()).pathname) && r.status() === status;

async function accessible(page: Page, where: string): Promise<void> {
  await page.mouse.move(0, 0);
  const v = await seriousViolations(page);
  expect(v.map((x) => `${where}: ${x.id} (${x.impact}) ${x.help} ${JSON.stringify(x.nodes[0]?.target)}`)).toEqual([]);
}

/** A supervisor signed in through the hub console's own sign-in, in a fresh context. */
async function signInAtHub(user: string, lang?: 'en'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(ctx);
  if (lang) await ctx.addInitScript("localStorage.setItem('zhili.lang', 'en')");
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[browser ${user}] ${e.message}`));
  await page.goto(`${t.url}/console/`);
  await page.getByLabel(/^(用户名|Username)$/).fill(user);
  await page.getByLabel(/^(密码|Password)$/).fill(PASSWORD);
  const login = page.waitForResponse(answered('POST', /^\/v1\/hub\/auth\/login$/));
  const dashboard = page.waitForResponse(answered('GET', /^\/v1\/hub\/dashboard$/));
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await login;
  await dashboard;
  await expect.poll(() => page.getByTestId('whoami').textContent()).toBe(user);
  return page;
}

/** Opens a platform's page on its status tab, once its history has arrived. */
async function statusTab(page: Page, id: string): Promise<void> {
  const history = page.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${id}/status-changes$`)));
  await page.getByRole('tab', { name: /^(状态与历史|Status and history)$/ }).click();
  await history;
}

describe.skipIf(missing !== undefined)('the supervision hub in the console', () => {
  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startHub({ ZHILI_HUB_THRESHOLDS: JSON.stringify({ openIncidents: 0 }) });
    await t.hub.supervisors.create({ username: 'alice', password: PASSWORD, admin: true }, 'cli');
    await t.hub.supervisors.create({ username: 'bob', password: PASSWORD, admin: false }, 'cli');
    tok.alice = await t.login('alice');
    tok.bob = await t.login('bob');
    const register = async (name: string, licenceType: string, origin: string, requestKey: string) => {
      const r = await t.call(
        'POST',
        '/v1/hub/platforms',
        {
          name,
          licenceType,
          businessScope: ['lending'],
          origin,
          ledgerKeys: [requestKeys(origin).verifierKey],
          requestKey,
        },
        tok.alice,
      );
      expectOk(r, 201);
      return r.body.id as string;
    };
    // A: a real platform server that pushes its checkpoints and filings; B: registered through the API only.
    a.id = await register('Pay A 甲支付', 'payment', a.origin, a.keys.verifierKey);
    bId = await register('Lend B 乙网贷', 'online_lending', `lend-b-${process.pid}.example/audit`, a.keys.verifierKey);
    pa = await startPlatform(t, a);
    const key = (await pa.call('GET', '/v1/ledger/key')).body.keys[0].verifierKey as string;
    expectOk(await t.call('PUT', `/v1/hub/platforms/${a.id}/ledger-keys`, { ledgerKeys: [key] }, tok.alice));
    const licence = await t.call(
      'POST',
      `/v1/hub/platforms/${a.id}/status-changes`,
      { to: 'licensed', reason: '牌照已批 licence granted' },
      tok.alice,
    );
    expectOk(licence, 201);
    expectOk(await t.call('POST', `/v1/hub/status-changes/${licence.body.id}/approve`, undefined, tok.bob));
    // Events on A's ledger, a checkpoint cosigned by the hub, an open incident, then A's filings.
    for (let i = 0; i < 3; i++) expectOk(await pa.call('POST', '/v1/events', event()));
    await pa.zhili.ledger.catchUp();
    await pa.zhili.ledger.publishCheckpoint();
    expect(await pa.zhili.hubWitness?.sync()).toMatchObject({ cosigned: expect.any(Number) });
    expectOk(
      await pa.call('POST', '/v1/incidents', {
        type: 'system_outage',
        title: 'Payments down',
        titleZh: '支付中断',
        detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
        facts: { outageMinutes: 30 },
      }),
      201,
    );
    expectOk(await pa.call('POST', '/v1/hub-sync', {}));
    const seen = await t.call('GET', `/v1/hub/platforms/${a.id}`, undefined, tok.alice);
    expect(seen.body.witnessed?.size, JSON.stringify(seen.body)).toBeGreaterThan(0);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    mkdirSync('tmp', { recursive: true });
    writeFileSync(
      'tmp/hub-console-timings.json',
      `${JSON.stringify({ at: new Date().toISOString(), perf }, null, 2)}\n`,
    );
    for (const c of contexts) await c.close();
    await browser?.close();
    await pa?.close();
    await t?.close();
  });

  it('the platform still serves its own console: the hub pages show only on a hub', async () => {
    const ctx = await browser.newContext();
    contexts.push(ctx);
    const page = await ctx.newPage();
    const info = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/hub/info');
    await page.goto(`${pa.url}/console/`);
    expect((await info).status()).toBe(404);
    await page.getByLabel(/租户编号|Tenant ID/).waitFor();
    perf.platformInfoMs = await infoMs(page);
    perf.platformFirstLoad = await navigationTiming(page);
    expect(await page.getByText('治理监管枢纽').count()).toBe(0);
  });

  it('a supervisor signs in (Chinese) and sees every platform with its indicators, flags and thresholds', async () => {
    const page = await signInAtHub('alice');
    perf.hubInfoMs = await infoMs(page);
    perf.hubFirstLoad = await navigationTiming(page);
    const table = page.getByRole('table').first();
    await table.getByRole('link', { name: 'Pay A 甲支付' }).waitFor();
    await table.getByRole('link', { name: 'Lend B 乙网贷' }).waitFor();
    // A's open incident crosses the openIncidents threshold (0): flagged, with the threshold named.
    const rowA = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Pay A 甲支付' }) })
      .first();
    expect(await rowA.locator('[data-indicator="incidents"]').getAttribute('data-flagged')).toBe('warning');
    expect(await rowA.locator('[data-indicator="ledger"]').textContent()).toMatch(/小时.*告警 0 条/);
    await page.getByText('未关闭的突发事件 1 起（阈值 0）。').first().waitFor();
    await page.locator('[data-threshold="openIncidents"]').getByText('openIncidents').waitFor();
    // B sent nothing: no figures, no flags (an application is not measured).
    const rowB = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Lend B 乙网贷' }) })
      .first();
    await rowB.getByText('申请中').waitFor();
    expect(await rowB.locator('[data-indicator="caseBacklog"]').textContent()).toBe('未报送');
    await accessible(page, 'dashboard zh-CN');
    await shoot(page, 'hub-dashboard-zh-CN');
    // The language switch turns the same page to English at once.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Across platforms' }).waitFor();
    await page.getByRole('table', { name: 'Indicators by platform' }).getByText('Applying').waitFor();
  });

  it('four eyes in the browser: the proposer cannot approve and is told why; a second supervisor approves', async () => {
    const alice = await signInAtHub('alice');
    // Drill-down from the dashboard to B.
    const platform = alice.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${bId}$`)));
    await alice.getByRole('link', { name: 'Lend B 乙网贷' }).first().click();
    await platform;
    await statusTab(alice, bId);
    await alice.getByLabel('新状态').click();
    // Ant Design's list of options (its role=option elements are a hidden copy for screen readers).
    await alice.locator('.ant-select-item-option').filter({ hasText: '已许可' }).click();
    await alice.getByLabel('理由').fill('材料齐备，准予许可');
    const proposed = alice.waitForResponse(
      answered('POST', new RegExp(`^/v1/hub/platforms/${bId}/status-changes$`), 201),
    );
    const reread = alice.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${bId}/status-changes$`)));
    await alice.getByRole('button', { name: '提出' }).click();
    const change = (await (await proposed).json()) as { id: string; proposedBy: string };
    await reread;
    const card = alice.locator(`[data-pending="${change.id}"]`);
    await card.getByText('此变更由您提出，须由另一名监管人员审批。').waitFor();
    expect(await card.getByRole('button', { name: '批准' }).isDisabled()).toBe(true);
    expect(await card.getByRole('button', { name: '驳回' }).isDisabled()).toBe(true);
    // The disabled button is described by the reason (read out with it).
    const describedBy = await card.getByRole('button', { name: '批准' }).getAttribute('aria-describedby');
    expect(await alice.locator(`[id="${describedBy}"]`).textContent()).toMatch(/另一名监管人员/);
    expect((await t.call('GET', `/v1/hub/platforms/${bId}`, undefined, tok.alice)).body.platform.status).toBe(
      'applying',
    );
    await accessible(alice, 'platform status zh-CN');
    await shoot(alice, 'hub-platform-zh-CN');

    // Bob, in English, goes straight to B's page and approves.
    const bob = await signInAtHub('bob', 'en');
    const loaded = bob.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${bId}$`)));
    await bob.goto(`${t.url}/console/platforms/${bId}`);
    await loaded;
    await statusTab(bob, bId);
    const bobCard = bob.locator(`[data-pending="${change.id}"]`);
    await bobCard.getByText(/Applying → Licensed, proposed by alice: 材料齐备/).waitFor();
    const approve = bobCard.getByRole('button', { name: 'Approve' });
    expect(await approve.isEnabled()).toBe(true);
    const approved = bob.waitForResponse(answered('POST', new RegExp(`^/v1/hub/status-changes/${change.id}/approve$`)));
    const after = bob.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${bId}$`)));
    await approve.click();
    const decided = (await (await approved).json()) as { decision: string; decidedBy: string };
    await after;
    expect(decided.decision).toBe('approved');
    expect(decided.decidedBy).not.toBe(change.proposedBy);
    const row = bob.locator(`[data-change="${change.id}"]`);
    await row.locator('[data-decision="approved"]').waitFor();
    await row.getByText('bob (you)').waitFor();
    await row.getByText('alice').waitFor();
    await bob.getByRole('main').locator('[data-status="licensed"]').first().waitFor();
    expect((await t.call('GET', `/v1/hub/platforms/${bId}`, undefined, tok.bob)).body.platform.status).toBe('licensed');
    await accessible(bob, 'platform status en');
    await shoot(bob, 'hub-platform-en');
  });

  it("a platform's page: indicators, the witnessed ledger, filings; then its exit plan once winding down", async () => {
    const wind = await t.call(
      'POST',
      `/v1/hub/platforms/${a.id}/status-changes`,
      { to: 'winding_down', reason: '有序退出 orderly exit' },
      tok.alice,
    );
    expectOk(wind, 201);
    expectOk(await t.call('POST', `/v1/hub/status-changes/${wind.body.id}/approve`, undefined, tok.bob));
    expectOk(await pa.call('POST', '/v1/hub-sync', {}));
    const page = await signInAtHub('alice');
    const indicators = page.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${a.id}/dashboard$`)));
    await page.getByRole('link', { name: 'Pay A 甲支付' }).first().click();
    await indicators;
    // Indicators: the open incident, with the flag it raised.
    const incidents = page.locator('[data-indicator="incidents"]').first();
    await incidents.getByText('警告').waitFor();
    expect(await incidents.textContent()).toMatch(/^1/);
    await accessible(page, 'platform indicators zh-CN');
    // The ledger as the hub witnessed it: the size the API reports.
    const witnessed = (await t.call('GET', `/v1/hub/platforms/${a.id}`, undefined, tok.alice)).body.witnessed;
    const checkpoints = page.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${a.id}/checkpoints$`)));
    await page.getByRole('tab', { name: '账本见证' }).click();
    await checkpoints;
    expect(await page.getByTestId('witnessed-size').textContent()).toBe(String(witnessed.size));
    await page.getByRole('table', { name: '已联署的检查点（最新在前）' }).getByText(witnessed.rootHash).waitFor();
    await accessible(page, 'platform ledger zh-CN');
    const filings = page.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${a.id}/filings$`)));
    await page.getByRole('tab', { name: '报送材料' }).click();
    await filings;
    await page.getByRole('table', { name: '监管报告' }).waitFor();
    await accessible(page, 'platform filings zh-CN');
    // Winding down: the exit plan is one click away.
    const plan = page.waitForResponse(answered('GET', new RegExp(`^/v1/hub/platforms/${a.id}/exit-plan$`)));
    await page.getByRole('button', { name: '退出计划' }).click();
    const body = (await (await plan).json()) as { plan: { items: { key: string }[] } | null; ready: boolean };
    expect(body.plan?.items.length).toBeGreaterThan(0);
    for (const i of body.plan?.items ?? []) await page.locator(`[data-item="${i.key}"]`).waitFor();
    await page
      .getByTestId('exit-verdict')
      .getByText(body.ready ? '所有事项均已完成，可提出退出。' : '退出须待本计划完成')
      .waitFor();
    await accessible(page, 'exit plan zh-CN');
    await shoot(page, 'hub-exit-plan-zh-CN');
  });
  it("alert handling in the browser: acknowledge, a proposed resolution its proposer cannot confirm, a second supervisor confirms; the hub's own ledger", async () => {
    const alertId = `halert_e2e_${process.pid}`;
    await t.hub.store.raiseAlert({
      id: alertId,
      platformId: bId,
      kind: 'inconsistent',
      message: 'Platform Lend B rewrote its ledger history (e2e).',
      messageZh: '平台乙网贷的账本历史被改写（端到端测试）。',
      acceptedCheckpoint: 'lend-b.example/audit\n5\nroot-five\n',
      submittedCheckpoint: 'lend-b.example/audit\n5\nother-root\n',
      raisedAt: Date.now(),
      closedAt: null,
    });
    await t.hub.ledger.catchUp();
    await t.hub.ledger.publishCheckpoint();
    const alice = await signInAtHub('alice');
    const listed = alice.waitForResponse(answered('GET', /^\/v1\/hub\/alerts$/));
    const own = alice.waitForResponse(answered('GET', /^\/v1\/ledger\/checkpoint$/));
    await alice.getByRole('menuitem', { name: '账本见证与告警' }).click();
    await listed;
    // The hub's own ledger: the size and signing key the hub serves.
    const note = await (await own).text();
    const key = (await t.call('GET', '/v1/ledger/key')).body.keys[0].verifierKey as string;
    const panel = alice.getByTestId('hub-ledger');
    await expect.poll(() => panel.getByTestId('hub-ledger-size').textContent()).toBe(note.split('\n')[1]);
    expect(await panel.getByTestId('hub-ledger-key').textContent()).toBe(key);
    // Its newest entries up to that checkpoint, newest first, as the hub serves them to a supervisor.
    const size = Number(note.split('\n')[1]);
    const newest = (await t.call('GET', `/v1/ledger/entries/${size - 1}`, undefined, tok.alice)).body;
    const rows = panel.getByTestId('hub-ledger-entries').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(size, 10));
    const first = rows.first().locator('td');
    expect(await first.nth(0).textContent()).toBe(String(size - 1));
    expect(await first.nth(2).textContent()).toBe(newest.entry.actorId);
    expect(await first.nth(3).textContent()).toBe(newest.entry.action);
    const row = alice.locator(`[data-alert="${alertId}"]`);
    await row.getByText('须另一名监管人员复核方可解除').waitFor();

    // Acknowledge, with a note, in a dialog.
    const step = async (page: Page, button: RegExp, note: string, verb: string) => {
      await page.locator(`[data-alert="${alertId}"]`).getByRole('button', { name: button }).click();
      // The dialog of this step (the previous step's may still be fading out).
      const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: button }) });
      await dialog.getByRole('textbox').fill(note);
      // Any answer to the POST (a refusal is shown with its body), then the list read again.
      const path = `/v1/hub/alerts/${alertId}/${verb}`;
      const posted = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path,
        { timeout: 60_000 },
      );
      const reread = page.waitForResponse(answered('GET', /^\/v1\/hub\/alerts$/), { timeout: 60_000 });
      const ok = dialog.getByRole('button', { name: button });
      await expect.poll(() => ok.isEnabled(), { timeout: 30_000 }).toBe(true);
      await ok.click();
      const res = await posted;
      const text = await res.text();
      expect(res.status(), text).toBe(200);
      await reread;
      return (JSON.parse(text) as { state: string }).state;
    };
    expect(await step(alice, /^确认接手$/, '正在核查备份 checking backups', 'acknowledge')).toBe('acknowledged');
    await row.getByText(/^alice（您）|^alice \(/).waitFor();
    await row.getByText(/正在核查备份 checking backups/).waitFor();
    expect(await step(alice, /^提出解除$/, '已从备份恢复 restored from backup', 'resolve')).toBe('resolving');
    // Her own proposal: the confirm button is disabled and described by the reason.
    const confirm = row.getByRole('button', { name: '复核解除' });
    await row.getByText('该解除由您提出，须由另一名监管人员复核。').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    const describedBy = await confirm.getAttribute('aria-describedby');
    expect(await alice.locator(`[id="${describedBy}"]`).textContent()).toMatch(/另一名监管人员/);
    expect((await t.call('GET', `/v1/hub/alerts/${alertId}`, undefined, tok.alice)).body.state).toBe('resolving');
    await accessible(alice, 'alert handling zh-CN');
    await shoot(alice, 'hub-alert-handling-zh-CN');

    // Bob (English) confirms; the alert leaves the open list and shows resolved under "All".
    const bob = await signInAtHub('bob', 'en');
    const bobList = bob.waitForResponse(answered('GET', /^\/v1\/hub\/alerts$/));
    await bob.getByRole('menuitem', { name: 'Ledgers and alerts' }).click();
    await bobList;
    const bobRow = bob.locator(`[data-alert="${alertId}"]`);
    await bobRow.getByText(/Resolution proposed by alice, .*: 已从备份恢复 restored from backup/).waitFor();
    expect(await bobRow.getByRole('button', { name: 'Confirm resolution' }).isEnabled()).toBe(true);
    expect(await bobRow.getByRole('button', { name: 'Send back' }).isEnabled()).toBe(true);
    expect(await step(bob, /^Confirm resolution$/, 'backup verified 已核对备份', 'confirm-resolution')).toBe(
      'resolved',
    );
    await bobRow.waitFor({ state: 'detached' });
    const all = bob.waitForResponse(answered('GET', /^\/v1\/hub\/alerts$/));
    await bob.getByText('All', { exact: true }).click();
    await all;
    await bobRow.getByText(/Resolved by bob \(you\), /).waitFor();
    expect(await bobRow.getAttribute('data-state')).toBe('resolved');
    await accessible(bob, 'alert handling en');
    await shoot(bob, 'hub-alert-handling-en');
    const done = (await t.call('GET', `/v1/hub/alerts/${alertId}`, undefined, tok.bob)).body;
    expect(done.handling).toMatchObject({ resolutionNote: '已从备份恢复 restored from backup' });
    expect(done.names[done.handling.resolvedBy]).toBe('bob');
  }, 180_000); // two supervisors, four dialogs and axe twice: past a minute on a loaded CI machine

  it('ledgers and alerts: a stalled ledger is alerted and shown with its platform (English)', async () => {
    // Last in this file: the hub's clock moves on 48 hours (platforms' signed requests are then out of
    // its window, and earlier sessions expired).
    t.offset.ms += 48 * 3_600_000;
    await t.hub.checkStaleness();
    const open = await t.call('GET', `/v1/hub/alerts?open=true&platformId=${a.id}`, undefined, await t.login('bob'));
    expect(
      open.body.alerts.map((x: { kind: string }) => x.kind),
      JSON.stringify(open.body),
    ).toContain('stale');
    const page = await signInAtHub('bob', 'en');
    const alerts = page.waitForResponse(answered('GET', /^\/v1\/hub\/alerts$/));
    await page.getByRole('menuitem', { name: 'Ledgers and alerts' }).click();
    await alerts;
    const table = page.getByRole('table', { name: 'Hub alerts' });
    // Both licensed platforms are stale by now (B never sent a checkpoint); each row names its platform.
    for (const name of ['Pay A 甲支付', 'Lend B 乙网贷'])
      await table
        .getByRole('row')
        .filter({ has: page.locator('[data-kind="stale"]') })
        .filter({ has: page.getByRole('link', { name }) })
        .waitFor();
    // 48 hours on, A's ledger is flagged on the health table with the age and its threshold.
    const health = page.getByRole('table', { name: 'Ledger health by platform' });
    const rowA = health.getByRole('row').filter({ has: page.getByRole('link', { name: 'Pay A 甲支付' }) });
    await rowA.getByText(/Last cosigned ledger checkpoint 4\d\.\d h ago \(threshold 24\.0 h\)/).waitFor();
    await accessible(page, 'alerts en');
    await shoot(page, 'hub-alerts-en');
    // The dashboard's figures came with the health table above (one query): no new request.
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Across platforms' }).waitFor();
    await accessible(page, 'dashboard en');
    await shoot(page, 'hub-dashboard-en');
  });
});
