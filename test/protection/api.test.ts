import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/cases/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let analyst: string;
let approver: string;
let admin: string;
let auditor: string;

beforeAll(async () => {
  s = await startServer();
  analyst = await s.login(['analyst'], 'ana');
  approver = await s.login(['approver'], 'bob');
  admin = await s.login(['admin'], 'adm');
  auditor = await s.login(['auditor'], 'aud');
});
afterAll(() => s.close());

const filing = (over: Record<string, unknown> = {}) => ({
  customerId: 'cust-42',
  channel: 'phone',
  category: 'B05',
  cause: 'C05',
  productId: 'loan-easy-30',
  loanIds: ['loan-1'],
  complainant: { name: '张三', phone: '13800138000' },
  description: '利息收取过高，要求退还。',
  ...over,
});

describe('complaints over HTTP', () => {
  it('a complaint through its whole life: compensation approved by a second operator, paid from the reserve', async () => {
    const dep = await s.call(
      'POST',
      '/v1/risk-reserve/movements',
      { kind: 'deposit', amount: { value: '10000.00', currency: 'CNY' } },
      admin,
    );
    expect(dep.status).toBe(201);

    const filed = await s.call('POST', '/v1/complaints', filing());
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect(filed.body.state).toBe('received');
    expect(filed.body.clock).toMatchObject({ regulator: 'pboc', days: 15, status: 'on_time', dayKind: 'calendar' });
    expect(filed.body.clock.source).toContain('PBOC Order [2020] No. 5');
    expect(JSON.stringify(filed.body)).not.toContain('张三');

    const act = (token: string, body: Record<string, unknown>) =>
      s.call('POST', `/v1/complaints/${id}/actions`, body, token);
    expect((await act(analyst, { action: 'acknowledge' })).body.state).toBe('acknowledged');
    expect((await act(analyst, { action: 'investigate' })).body.state).toBe('investigating');
    expect((await act(analyst, { action: 'close' })).body.error.code).toBe('ZHILI_E_COMPLAINT_TRANSITION');
    const proposed = await act(analyst, {
      action: 'propose',
      outcome: 'partially_upheld',
      compensation: { value: '1500.00', currency: 'CNY' },
      rootCause: 'fee-disclosure',
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.proposal.compensation).toEqual({ value: '1500.00', currency: 'CNY' });

    // Above the CNY 1,000.00 threshold: the proposer cannot approve (analysts may approve small ones).
    const self = await act(analyst, { action: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    expect(self.body.error.messageZh).toMatch(/审批/);
    const approved = await act(approver, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'decision_approved', approvedBy: expect.any(String) });
    expect(approved.body.clock.status).toBe('met');

    expect((await act(analyst, { action: 'communicate' })).body.state).toBe('communicated');
    expect((await act(analyst, { action: 'close' })).body.state).toBe('closed');

    const reserve = await s.call('GET', '/v1/risk-reserve', undefined, auditor);
    expect(reserve.body.balances).toEqual([{ value: '8500.00', currency: 'CNY' }]);
    const today = shanghaiToday();
    const payouts = await s.call('GET', `/v1/risk-reserve/payouts?from=2020-01-01&to=${today}`, undefined, auditor);
    expect(payouts.body).toMatchObject({ count: 1, totals: [{ value: '1500.00', currency: 'CNY' }] });
    expect(payouts.body.payouts[0].complaintId).toBe(id);

    // Appeal: back to investigating; closing again needs a fresh decision.
    const reopened = await act(analyst, { action: 'reopen' });
    expect(reopened.body).toMatchObject({ state: 'investigating', reopened: 1 });
    expect(reopened.body.proposal).toBeUndefined();
    expect(reopened.body.rootCause).toBe('fee-disclosure');
    expect((await act(analyst, { action: 'propose', outcome: 'rejected' })).body.state).toBe('decision_proposed');
    expect((await act(analyst, { action: 'approve' })).body.state).toBe('decision_approved'); // no compensation: no four eyes
    expect((await act(analyst, { action: 'communicate' })).status).toBe(200);
    expect((await act(analyst, { action: 'escalate', to: 'mediation' })).body).toMatchObject({
      state: 'escalated',
      escalatedTo: 'mediation',
    });

    const history = await s.call('GET', `/v1/complaints/${id}/history`, undefined, auditor);
    expect(history.body.history.map((h: { action: string }) => h.action)).toEqual([
      'file',
      'acknowledge',
      'investigate',
      'propose',
      'approve',
      'communicate',
      'close',
      'reopen',
      'propose',
      'approve',
      'communicate',
      'escalate',
    ]);
    expect(JSON.stringify(history.body)).not.toMatch(/张三|13800138000|利息/);

    // On the audit ledger: ids and hashes only.
    await s.zhili.ledger.catchUp();
    const db = await import('better-sqlite3');
    const conn = new db.default(`${s.dataDir}/zhili.db`, { readonly: true });
    const raw = JSON.stringify(conn.prepare("SELECT entry FROM ledger_leaves WHERE kind != 'decision'").all());
    conn.close();
    expect(raw).toContain('complaint.approve');
    expect(raw).toContain('reserve.payout');
    expect(raw).not.toMatch(/张三|13800138000|利息/);
  });

  it('personal data is sealed at rest, revealed only with the permission (audited), and erased by shredding', async () => {
    const filed = await s.call('POST', '/v1/complaints', filing({ channel: 'branch' }), analyst);
    const id = filed.body.id as string;
    const db = await import('better-sqlite3');
    const conn = new db.default(`${s.dataDir}/zhili.db`, { readonly: true });
    const rows =
      JSON.stringify(conn.prepare('SELECT * FROM complaint_personal').all()) +
      JSON.stringify(conn.prepare('SELECT * FROM complaint_complaints').all());
    conn.close();
    expect(rows).not.toMatch(/张三|13800138000|利息/);

    expect((await s.call('GET', `/v1/complaints/${id}?reveal=true`, undefined, auditor)).status).toBe(403);
    const shown = await s.call('GET', `/v1/complaints/${id}?reveal=true&reason=callback`, undefined, analyst);
    expect(shown.body.personal).toEqual({
      complainant: { name: '张三', phone: '13800138000' },
      description: '利息收取过高，要求退还。',
    });
    expect((await s.call('DELETE', `/v1/complaints/${id}/personal-data`, undefined, admin)).status).toBe(204);
    const after = await s.call('GET', `/v1/complaints/${id}?reveal=true`, undefined, admin);
    expect(after.body.personal).toBeUndefined();
    expect(after.body.personalErased).toBe(true);
  });

  it('a breach warning when the clock is past due (receipt backdated, as for a phone complaint entered late)', async () => {
    const received = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const late = await s.call('POST', '/v1/complaints', filing({ receivedAt: received }), analyst);
    expect(late.body.clock.status).toBe('breached');
    expect(late.body.clock.daysLeft).toBeLessThan(0);
    const soon = await s.call(
      'POST',
      '/v1/complaints',
      filing({ receivedAt: new Date(Date.now() - 13 * 86_400_000).toISOString() }),
      analyst,
    );
    expect(soon.body.clock.status).toBe('due_soon');
    const fresh = await s.call('POST', '/v1/complaints', filing(), analyst);
    const due = await s.call('GET', '/v1/complaints/due', undefined, auditor);
    const ids = due.body.complaints.map((c: { id: string }) => c.id);
    expect(ids).toContain(late.body.id);
    expect(ids).toContain(soon.body.id);
    expect(ids).not.toContain(fresh.body.id);
    expect(ids[0]).toBe(late.body.id); // earliest deadline first

    // A tenant may count working days instead and lengthen the warning window.
    const put = await s.call(
      'PUT',
      '/v1/complaints/settings',
      { clocks: { pboc: { dayKind: 'working', warnDays: 5 } } },
      admin,
    );
    expect(put.status).toBe(200);
    expect(put.body.clocks.pboc).toMatchObject({ dayKind: 'working', warnDays: 5, decisionDays: 15 });
    const again = await s.call('GET', `/v1/complaints/${fresh.body.id}`, undefined, auditor);
    expect(again.body.clock.dayKind).toBe('working');
  });

  it('bad input is refused with a code, a pointer and both languages', async () => {
    const bad = await s.call('POST', '/v1/complaints', filing({ channel: 'fax' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'ZHILI_E_VALIDATION', messageZh: expect.any(String) });
    expect(JSON.stringify(bad.body.error)).toContain('/channel');
    const code = await s.call('POST', '/v1/complaints', filing({ category: 'X01' }));
    expect(code.body.error).toMatchObject({ code: 'ZHILI_E_COMPLAINT_CODE', pointer: '/category' });
    const future = await s.call('POST', '/v1/complaints', filing({ receivedAt: '2099-01-01T00:00:00Z' }));
    expect(future.body.error.pointer).toBe('/receivedAt');
    const id = (await s.call('POST', '/v1/complaints', filing())).body.id;
    await s.call('POST', `/v1/complaints/${id}/actions`, { action: 'investigate' }, analyst);
    const money = await s.call(
      'POST',
      `/v1/complaints/${id}/actions`,
      { action: 'propose', outcome: 'upheld', compensation: { value: '1.005', currency: 'CNY' } },
      analyst,
    );
    expect(money.body.error).toMatchObject({ code: 'ZHILI_E_AMOUNT_PRECISION', pointer: '/compensation/value' });
    const ext = await s.call('POST', `/v1/complaints/${id}/actions`, { action: 'extend', to: 'special' }, analyst);
    expect(ext.body.error.code).toBe('ZHILI_E_COMPLAINT_NOTICE');
    expect((await s.call('POST', `/v1/complaints/${id}/actions`, { action: 'approve' })).status).toBe(403); // API key
    expect((await s.call('GET', '/v1/complaints/nope', undefined, auditor)).status).toBe(404);
  });

  it('statistics and the quarterly CSV', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await s.call('POST', '/v1/complaints', filing({ receivedAt: old }), analyst);
    const today = shanghaiToday();
    const st = await s.call('GET', `/v1/complaints/statistics?from=2020-01-01&to=${today}`, undefined, auditor);
    expect(st.status).toBe(200);
    expect(st.body.received).toBeGreaterThanOrEqual(5);
    expect(st.body.byChannel.phone).toBeGreaterThanOrEqual(1);
    expect(st.body.byCategory.B05).toBe(st.body.received);
    expect(st.body.breached).toBeGreaterThanOrEqual(1);
    const y = Number(today.slice(0, 4));
    const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const csv = await s.call('GET', `/v1/complaints/statistics.csv?quarter=${y}Q${q}`, undefined, auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('"category","B05","Online lending","网络借贷"');
    expect(csv.body).toContain('"summary","breach_rate"');
    expect(csv.body).toContain('"root_cause","fee-disclosure"');
    const x = await fetch(`${s.url}/v1/complaints/statistics.xlsx?quarter=${y}Q${q}`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    const files = readZip(new Uint8Array(await x.arrayBuffer()));
    const sheet = new TextDecoder().decode(files.find((f) => f.name === 'xl/worksheets/sheet1.xml')?.data);
    expect(sheet).toContain('网络借贷');
    expect((await s.call('GET', '/v1/complaints/statistics.csv?quarter=2026Q5', undefined, auditor)).status).toBe(400);
    const cls = await s.call('GET', '/v1/complaints/classification', undefined, auditor);
    expect(cls.body.categories.length).toBeGreaterThan(10);
  });
  it('a tenant may replace the classification table; the API documents the complaint routes', async () => {
    const table = {
      categories: [{ code: 'P2P', en: 'Peer-to-peer lending', zh: '网络借贷信息中介' }],
      causes: [{ code: 'FEE', en: 'Hidden fees', zh: '隐性收费' }],
    };
    const put = await s.call(
      'PUT',
      '/v1/complaints/settings',
      { classification: table, fourEyes: { thresholds: { CNY: 500_000 } } },
      admin,
    );
    expect(put.status).toBe(200);
    expect(put.body.fourEyes.thresholds.CNY).toBe(500_000);
    expect((await s.call('PUT', '/v1/complaints/settings', { classification: table }, analyst)).status).toBe(403);
    const cls = await s.call('GET', '/v1/complaints/classification', undefined, auditor);
    expect(cls.body).toMatchObject({ id: 'tenant', categories: table.categories, causes: table.causes });
    expect((await s.call('POST', '/v1/complaints', filing())).body.error.code).toBe('ZHILI_E_COMPLAINT_CODE');
    const ok = await s.call('POST', '/v1/complaints', filing({ category: 'P2P', cause: 'FEE' }));
    expect(ok.status).toBe(201);
    // Under the tenant's CNY 5,000.00 threshold the analyst who proposes may approve alone.
    const act = (b: Record<string, unknown>) => s.call('POST', `/v1/complaints/${ok.body.id}/actions`, b, analyst);
    await act({ action: 'investigate' });
    await act({ action: 'propose', outcome: 'upheld', compensation: { value: '1500.00', currency: 'CNY' } });
    expect((await act({ action: 'approve' })).body.state).toBe('decision_approved');
    const api = await s.call('GET', '/openapi.json');
    expect(Object.keys(api.body.paths)).toEqual(
      expect.arrayContaining(['/v1/complaints', '/v1/complaints/{id}/actions', '/v1/risk-reserve/payouts']),
    );
  });
});

/** Today in the tenant's time zone: the reports take local dates (from 16:00 UTC Shanghai is on the next day). */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
