/**
 * Filings and indicators, over real HTTP: one hub and two platform servers. Platforms push a
 * disclosure, complaint statistics, an incident and a report copy (`POST /v1/hub-sync` on each
 * platform); the hub verifies the disclosure against the platform's witnessed ledger, flags one whose
 * stored row was edited on the platform, shows flags with their thresholds, asks for a report file,
 * tracks a wind-down plan to an exit under four eyes, and throttles an attacker's sign-ins.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, type TestServer } from '../support/server.ts';
import { PASSWORD, requestKeys, startHub, startPlatform, type TestHub } from './hub-support.ts';

let t: TestHub;
const tok: Record<string, string> = {};
const a = { id: '', origin: 'pay-a.example/audit', keys: requestKeys('pay-a.example') };
const b = { id: '', origin: 'lend-b.example/audit', keys: requestKeys('lend-b.example') };
let pa: TestServer;
let pb: TestServer;
let hubClosed = false;
const pbocConfig = {
  pbocInstitutionCode: 'ZHILI000000003',
  pbocBranchCode: 'ZHILI00000000301',
  pbocAreaCode: 'CHN310000',
};

const ok = (r: { status: number; body: unknown }, status = 200) =>
  expect(r.status, JSON.stringify(r.body)).toBe(status);

async function fourEyes(platformId: string, to: string): Promise<void> {
  const p = await t.call(
    'POST',
    `/v1/hub/platforms/${platformId}/status-changes`,
    { to, reason: 'test 测试' },
    tok.alice,
  );
  ok(p, 201);
  ok(await t.call('POST', `/v1/hub/status-changes/${p.body.id}/approve`, undefined, tok.bob));
}

/** A loan event on a platform (1-month term). */
const loan = (
  s: TestServer,
  type: 'loan_disbursement' | 'loan_repayment',
  day: string,
  amount: string,
  id: string,
  customer: string,
) =>
  s.call('POST', '/v1/events', {
    id: `${id}-${type}`,
    type,
    occurredAt: `${day}T10:00:00+08:00`,
    amount: { value: amount, currency: 'CNY' },
    debtor: {
      partyId: type === 'loan_disbursement' ? 'fund-a' : customer,
      partyType: type === 'loan_disbursement' ? 'organization' : 'person',
    },
    creditor: {
      partyId: type === 'loan_disbursement' ? customer : 'fund-a',
      partyType: type === 'loan_disbursement' ? 'person' : 'organization',
    },
    channel: 'api',
    attributes: type === 'loan_disbursement' ? { loanId: id, termMonths: 1, payments: amount } : { loanId: id },
  });

/** Publishes October's disclosure with four eyes on a platform. */
async function publishDisclosure(s: TestServer): Promise<string> {
  const ana = await s.login(['analyst'], `ana-${Math.random().toString(36).slice(2, 8)}`);
  const apr = await s.login(['approver'], `apr-${Math.random().toString(36).slice(2, 8)}`);
  const created = await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana);
  ok(created, 201);
  const id = created.body.id as string;
  for (const [action, who] of [
    ['submit', ana],
    ['approve', apr],
    ['publish', ana],
  ] as const)
    ok(await s.call('POST', `/v1/disclosures/${id}/actions`, { action }, who));
  return id;
}

/** Signs in through the pages' form; the session cookie. */
async function pageSession(username: string): Promise<string> {
  const r = await fetch(`${t.url}/hub/login?lang=en`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: PASSWORD }).toString(),
  });
  expect(r.status).toBe(303);
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const sync = async (s: TestServer) => {
  const r = await s.call('POST', '/v1/hub-sync', {});
  ok(r);
  return r.body as {
    disclosures: { id: string; state: string }[];
    fileRequests: { reportId: string }[];
    received: Record<string, number>;
  };
};

beforeAll(async () => {
  t = await startHub({ ZHILI_HUB_THRESHOLDS: JSON.stringify({ overdueRate: 0.1, openIncidents: 0 }) });
  for (const u of ['alice', 'bob', 'carol'])
    await t.hub.supervisors.create({ username: u, password: PASSWORD, admin: u === 'alice' }, 'cli');
  tok.alice = await t.login('alice');
  tok.bob = await t.login('bob');
  for (const p of [a, b]) {
    const r = await t.call(
      'POST',
      '/v1/hub/platforms',
      {
        name: p === a ? 'Pay A 甲支付' : 'Lend B 乙网贷',
        licenceType: p === a ? 'payment' : 'online_lending',
        businessScope: ['lending'],
        origin: p.origin,
        ledgerKeys: [requestKeys(p.origin).verifierKey],
        requestKey: p.keys.verifierKey,
      },
      tok.alice,
    );
    ok(r, 201);
    p.id = r.body.id;
  }
  pa = await startPlatform(t, a, pbocConfig);
  pb = await startPlatform(t, b);
  for (const [p, s] of [
    [a, pa],
    [b, pb],
  ] as const) {
    const key = (await s.call('GET', '/v1/ledger/key')).body.keys[0].verifierKey as string;
    ok(await t.call('PUT', `/v1/hub/platforms/${p.id}/ledger-keys`, { ledgerKeys: [key] }, tok.alice));
    await fourEyes(p.id, 'licensed');
  }
}, 90_000);

afterAll(async () => {
  await pa?.close();
  await pb?.close();
  if (!hubClosed) await t?.close();
});

describe('filings: platforms to the hub', () => {
  it('stores a disclosure verified against the witnessed ledger, complaint statistics, an incident and a report copy', async () => {
    // A: an overdue loan (disbursed in August, due in September, never repaid), a complaint, an incident.
    ok(await loan(pa, 'loan_disbursement', '2026-08-15', '12000.00', 'LA1', 'ca1'));
    ok(
      await pa.call('POST', '/v1/complaints', {
        customerId: 'ca1',
        channel: 'phone',
        category: 'B05',
        cause: 'C05',
        complainant: { name: '张三' },
      }),
      201,
    );
    ok(
      await pa.call('POST', '/v1/incidents', {
        type: 'system_outage',
        title: 'Payments down',
        titleZh: '支付中断',
        detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
        facts: { outageMinutes: 30 },
      }),
      201,
    );
    // A large-value report, drafted, approved by another analyst and submitted.
    ok(
      await pa.call(
        'POST',
        '/v1/events',
        event({
          id: 'hub-lv-1',
          occurredAt: '2026-11-24T15:00:00+08:00',
          amount: { value: '60000.00', currency: 'CNY' },
          debtor: { partyId: 'cust-lv', partyType: 'person', accountId: '6222000000000004', country: 'CN' },
          attributes: { debtorName: '孙八', debtorIdType: '110001', debtorIdNumber: '110101199001011234' },
        }),
      ),
    );
    await pa.zhili.cases.projector.catchUp();
    const ana = await pa.login(['analyst'], 'ana-r');
    const apr = await pa.login(['approver'], 'apr-r');
    const alerts = (await pa.call('GET', '/v1/alerts?customerId=cust-lv', undefined, ana)).body.alerts as {
      id: string;
      type: string;
    }[];
    const ob = alerts.find((x) => x.type === 'large_value_report');
    const draft = await pa.call('POST', '/v1/reports/pboc/large-value', { alertIds: [ob?.id] }, ana);
    ok(draft, 201);
    const reportId = draft.body.report.id as string;
    ok(await pa.call('POST', `/v1/reports/${reportId}/approve`, {}, apr));
    ok(await pa.call('POST', '/v1/reports:submit', { reportIds: [reportId] }, ana));

    const disclosureId = await publishDisclosure(pa);
    const answer = await sync(pa);
    expect(answer.received).toMatchObject({
      reports: 1,
      disclosures: 1,
      complaintStats: 1,
      incidents: 1,
      indicators: 1,
    });
    expect(answer.disclosures).toEqual([{ tenantId: expect.any(String), id: disclosureId, state: 'verified' }]);

    const filings = await t.call('GET', `/v1/hub/platforms/${a.id}/filings`, undefined, tok.bob);
    ok(filings);
    expect(filings.body.reports).toMatchObject([
      { id: reportId, format: 'pboc_hvtr', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(filings.body.complaintStats[0]).toMatchObject({ received: 1 });
    expect(filings.body.incidents).toMatchObject([{ type: 'system_outage', state: 'open' }]);
    expect(filings.body.indicators[0].loans).toMatchObject([
      { currency: 'CNY', open: 1, balanceMinor: 1_200_000, overdueMinor: expect.any(Number) },
    ]);
    expect(filings.body.disclosures[0]).toMatchObject({ id: disclosureId, state: 'verified', reasons: [] });

    // The file only on request: asked at the hub, sent by the platform with its next sync.
    const tenantId = filings.body.reports[0].tenantId as string;
    const asked = await t.call(
      'POST',
      `/v1/hub/platforms/${a.id}/reports/${tenantId}/${reportId}/file-request`,
      {},
      tok.bob,
    );
    ok(asked, 202);
    expect(
      (await t.call('GET', `/v1/hub/platforms/${a.id}/reports/${tenantId}/${reportId}/file`, undefined, tok.bob))
        .status,
    ).toBe(404);
    expect((await sync(pa)).fileRequests).toEqual([{ tenantId, reportId }]);
    expect((await sync(pa)).fileRequests).toEqual([]);
    // Pushed three times: still one copy of each item (the latest).
    const again = (await t.call('GET', `/v1/hub/platforms/${a.id}/filings`, undefined, tok.bob)).body;
    expect([
      again.reports.length,
      again.complaintStats.length,
      again.incidents.length,
      again.indicators.length,
    ]).toEqual([1, 1, 1, 1]);
    const file = await fetch(`${t.url}/v1/hub/platforms/${a.id}/reports/${tenantId}/${reportId}/file`, {
      headers: { authorization: `Bearer ${tok.bob}` },
    });
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // the submitted package (zip)
    expect(file.headers.get('x-content-sha256')).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('sends one batch per tenant, each tenant’s figures kept apart at the hub', async () => {
    await pa.zhili.createTenant('Second tenant 第二租户');
    const answer = await sync(pa);
    expect(answer.received).toMatchObject({ indicators: 2, complaintStats: 2, reports: 1, disclosures: 1 });
    const filings = (await t.call('GET', `/v1/hub/platforms/${a.id}/filings`, undefined, tok.bob)).body;
    expect(new Set(filings.indicators.map((i: { tenantId: string }) => i.tenantId)).size).toBe(2);
  });

  it('refuses filings that are not signed by the platform', async () => {
    const r = await fetch(`${t.url}/v1/hub/filings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);
  });

  it('flags a disclosure whose stored row was edited on the platform', async () => {
    const id = await publishDisclosure(pb);
    expect((await sync(pb)).disclosures).toMatchObject([{ id, state: 'verified' }]);
    // An insider edits the published document in the platform's database.
    const db = new Database(join(pb.dataDir, 'zhili.db'));
    const row = db.prepare('SELECT doc FROM disclosure_versions WHERE id = ?').get(id) as { doc: string };
    const record = JSON.parse(row.doc); // the stored version: its document under `doc`
    record.doc.complaints.received += 7;
    db.prepare('UPDATE disclosure_versions SET doc = ? WHERE id = ?').run(JSON.stringify(record), id);
    db.close();
    expect((await sync(pb)).disclosures).toMatchObject([{ id, state: 'mismatch' }]);
    const alerts = await t.call('GET', `/v1/hub/alerts?platformId=${b.id}&open=true`, undefined, tok.bob);
    const alert = alerts.body.alerts.find((x: { kind: string }) => x.kind === 'disclosure_mismatch');
    expect(alert.message).toContain(id);
    expect(alert.messageZh).toContain('与经见证的账本不一致');
    expect(alert.acceptedCheckpoint).toContain(b.origin); // the cosigned checkpoint it was checked against
    // Pushed again: the same mismatch is not alarmed twice.
    await sync(pb);
    const again = await t.call('GET', `/v1/hub/alerts?platformId=${b.id}&open=true`, undefined, tok.bob);
    expect(again.body.alerts.filter((x: { kind: string }) => x.kind === 'disclosure_mismatch')).toHaveLength(1);
  }, 60_000);

  it('shows each early-warning flag with the threshold that raised it, across platforms and per platform', async () => {
    const d = await t.call('GET', '/v1/hub/dashboard', undefined, tok.bob);
    ok(d);
    expect(d.body.thresholds).toMatchObject({ overdueRate: 0.1, openIncidents: 0, complaintBreachRate: 0.05 });
    const byId = Object.fromEntries(d.body.platforms.map((p: { platform: { id: string } }) => [p.platform.id, p]));
    const flagsA = byId[a.id].flags as { code: string; value: number; threshold: number; setting: string }[];
    expect(flagsA).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'overdue_rate', value: 1, threshold: 0.1, setting: 'overdueRate' }),
        expect.objectContaining({ code: 'open_incidents', value: 1, threshold: 0, setting: 'openIncidents' }),
      ]),
    );
    expect(flagsA.map((f) => f.code)).not.toContain('disclosure_mismatch');
    expect(byId[a.id].indicators.disclosures).toMatchObject({ published: 1, verified: 1, mismatched: 0 });
    const flagsB = byId[b.id].flags as { code: string }[];
    expect(flagsB.map((f) => f.code)).toEqual(expect.arrayContaining(['disclosure_mismatch', 'ledger_alerts']));
    const one = await t.call('GET', `/v1/hub/platforms/${b.id}/dashboard`, undefined, tok.bob);
    ok(one);
    expect(one.body.indicators.disclosures.mismatched).toBe(1);
    expect(one.body.indicators.ledger.lastCosignedAt).toEqual(expect.any(Number));
  });

  it('serves the dashboard, drill-down and exit-plan pages in Chinese and English without script', async () => {
    const login = await fetch(`${t.url}/hub/login?lang=en`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'bob', password: PASSWORD }).toString(),
    });
    expect(login.status).toBe(303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const get = (path: string) => fetch(t.url + path, { headers: { cookie }, redirect: 'manual' });
    const zh = await get('/hub/dashboard');
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-security-policy')).toContain("default-src 'none'");
    const zhHtml = await zh.text();
    expect(zhHtml).toContain('跨平台监管看板');
    expect(zhHtml).toContain('data-flag="disclosure_mismatch"');
    expect(zhHtml).not.toMatch(/<script/i);
    const en = await (await get(`/hub/platforms/${b.id}?lang=en`)).text();
    expect(en).toContain('MISMATCH');
    expect(en).toContain('does not match the hash recorded at publication');
    expect((await get('/hub/dashboard')).status).toBe(200);
    const anonymous = await fetch(`${t.url}/hub/dashboard`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/hub/login');
  });
});

describe('wind-down: an exit plan tracked to completion', () => {
  it('closes items as the data shows them resolved, and exits only when done, under four eyes', async () => {
    // B lends once and has an open complaint when it starts winding down.
    ok(await loan(pb, 'loan_disbursement', '2026-11-20', '5000.00', 'LB1', 'cb1'));
    const complaint = await pb.call('POST', '/v1/complaints', {
      customerId: 'cb1',
      channel: 'phone',
      category: 'B05',
      cause: 'C05',
      complainant: { name: '李四' },
    });
    ok(complaint, 201);
    await fourEyes(b.id, 'winding_down');
    await sync(pb);
    const plan = await t.call('GET', `/v1/hub/platforms/${b.id}/exit-plan`, undefined, tok.bob);
    ok(plan);
    expect(plan.body.ready).toBe(false);
    const items = Object.fromEntries(plan.body.plan.items.map((i: { key: string }) => [i.key, i]));
    expect(items['loans:CNY']).toMatchObject({ current: 1, closedAt: null });
    expect(items['balance:CNY']).toMatchObject({ current: 500_000, closedAt: null });
    expect(items.customers).toMatchObject({ current: 1, closedAt: null });
    expect(items.complaints).toMatchObject({ current: 1, closedAt: null });
    const early = await t.call(
      'POST',
      `/v1/hub/platforms/${b.id}/status-changes`,
      { to: 'exited', reason: '退出' },
      tok.alice,
    );
    expect(early.status).toBe(409);
    expect(early.body.error.messageZh).toContain('退出计划仍有未完成事项');

    // The loan is repaid and the complaint resolved; the next sync shows it.
    ok(await loan(pb, 'loan_repayment', '2026-11-25', '5000.00', 'LB1', 'cb1'));
    const ana = await pb.login(['analyst'], 'ana-c');
    const apr = await pb.login(['approver'], 'apr-c');
    for (const [body, who] of [
      [{ action: 'acknowledge' }, ana],
      [{ action: 'investigate' }, ana],
      [{ action: 'propose', outcome: 'rejected' }, ana],
      [{ action: 'approve' }, apr],
      [{ action: 'communicate' }, ana],
    ] as const)
      ok(await pb.call('POST', `/v1/complaints/${complaint.body.id}/actions`, body, who));
    await sync(pb);
    const done = await t.call('GET', `/v1/hub/platforms/${b.id}/exit-plan`, undefined, tok.bob);
    expect(done.body.plan.items.every((i: { closedAt: number | null }) => i.closedAt !== null)).toBe(true);
    expect(done.body.plan.items.find((i: { key: string }) => i.key === 'balance:CNY')).toMatchObject({
      initial: 500_000,
      current: 0,
    });
    expect(done.body.ready).toBe(true);
    const page = await fetch(`${t.url}/hub/platforms/${b.id}/exit-plan?lang=en`, { redirect: 'manual' });
    expect(page.status).toBe(303); // pages need a session too
    const cookie = await pageSession('bob');
    const html = await (
      await fetch(`${t.url}/hub/platforms/${b.id}/exit-plan?lang=en`, { headers: { cookie } })
    ).text();
    expect(html).toContain('Exit may be approved');
    expect(html).toMatch(
      /Outstanding principal \(CNY\)<\/td><td>5000\.00<\/td><td>0\.00<\/td><td><span class="ok">closed/,
    );

    const exit = await t.call(
      'POST',
      `/v1/hub/platforms/${b.id}/status-changes`,
      { to: 'exited', reason: '清退完成' },
      tok.alice,
    );
    ok(exit, 201);
    const self = await t.call('POST', `/v1/hub/status-changes/${exit.body.id}/approve`, undefined, tok.alice);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    ok(await t.call('POST', `/v1/hub/status-changes/${exit.body.id}/approve`, undefined, tok.bob));
    expect((await t.call('GET', `/v1/hub/platforms/${b.id}`, undefined, tok.bob)).body.platform.status).toBe('exited');
  }, 60_000);
});

describe('supervisor sign-in throttling', () => {
  const login = (username: string, password: string) => t.call('POST', '/v1/hub/auth/login', { username, password });

  it('locks an attacker out of an account, also for the right password, while another account still signs in', async () => {
    for (let i = 0; i < 5; i++) expect((await login('carol', `guess-${i}-wrong-pw`)).status).toBe(401);
    const locked = await login('carol', 'another-guess-x');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('ZHILI_E_LOGIN_LOCKED');
    // The right password does not get through the lock (no probing while locked) …
    expect((await login('carol', PASSWORD)).status).toBe(429);
    const raw = await fetch(`${t.url}/v1/hub/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: PASSWORD }),
    });
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    // … but the right password of another account, from the same address, does.
    expect((await login('bob', PASSWORD)).status).toBe(200);
    // The lock ends; the next failure locks again, for twice as long (backoff).
    t.offset.ms += 61_000;
    expect((await login('carol', 'wrong-again-1')).status).toBe(401);
    t.offset.ms += 61_000;
    expect((await login('carol', PASSWORD)).status).toBe(429);
    t.offset.ms += 61_000;
    expect((await login('carol', PASSWORD)).status).toBe(200);
    const audit = await t.hub.store.auditLog(200);
    expect(
      audit.filter((e) => e.action === 'auth.login_failed' && e.subjectId === 'carol').length,
    ).toBeGreaterThanOrEqual(6);
    expect(audit.some((e) => e.action === 'auth.account_locked' && e.subjectId === 'carol')).toBe(true);
  });

  it('locks an address that sprays passwords over many usernames, audited', async () => {
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) status = (await login(`user${i}`, 'Password123!')).status;
    expect(status).toBe(429);
    expect((await login('bob', PASSWORD)).status).toBe(429);
    const audit = await t.hub.store.auditLog(100);
    expect(audit.some((e) => e.action === 'auth.address_locked')).toBe(true);
  });
});

describe('a hub out of reach', () => {
  it('answers the on-demand push with 503 ZHILI_E_HUB_UNAVAILABLE while decisions go on', async () => {
    await t.close();
    hubClosed = true;
    const r = await pa.call('POST', '/v1/hub-sync', {});
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('ZHILI_E_HUB_UNAVAILABLE');
    expect(r.body.error.messageZh).toContain('监管枢纽不可达');
    // Decisions go on while the hub is away.
    expect((await pa.call('POST', '/v1/events', event())).status).toBe(200);
  });
});
