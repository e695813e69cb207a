import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSetDocument } from '../../src/monitoring/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let analyst: string;
beforeAll(async () => {
  s = await startServer();
  analyst = await s.login(['analyst'], 'bt-analyst');
});
afterAll(async () => {
  await s.close();
});

async function waitFor(id: string, token: string): Promise<any> {
  for (let i = 0; i < 400; i++) {
    const r = await s.call('GET', `/v1/backtests/${id}`, undefined, token);
    expect(r.status).toBe(200);
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('backtest did not finish');
}

const cash = (i: number, value: string, account: string) =>
  event({
    id: `bt-${i}`,
    amount: { value, currency: 'CNY' },
    occurredAt: `2026-11-20T0${i % 10}:00:00+08:00`,
    debtor: { partyId: `p-${account}`, partyType: 'person', accountId: account, country: 'CN' },
  });

describe('POST /v1/backtests', () => {
  it('replays inline events through a rule set document in the background and reports with labels', async () => {
    const events = [
      cash(1, '60000.00', 'big-1'),
      cash(2, '100.00', 'small-1'),
      cash(3, '100.00', 'small-2'),
      cash(4, '70000.00', 'big-2'),
      { id: 'broken' },
    ];
    const start = await s.call(
      'POST',
      '/v1/backtests',
      { rules: defaultRuleSetDocument(), events, labels: { suspiciousAccounts: ['big-1', 'small-2'] } },
      analyst,
    );
    expect(start.status).toBe(202);
    expect(start.headers.get('location')).toBe(`/v1/backtests/${start.body.id}`);
    expect(['queued', 'running']).toContain(start.body.status);
    const done = await waitFor(start.body.id, analyst);
    expect(done.status).toBe('done');
    expect(done.progress).toMatchObject({ phase: 'done', done: 4, total: 4 });
    const report = done.result;
    expect(report.ruleSet.version).toBe('cn-default-2026.11.2');
    expect(report.data).toMatchObject({ format: 'inline', events: 4, rejected: 1 });
    expect(report.outcomes.review + report.outcomes.block).toBe(2);
    expect(report.overall.alertedAccounts).toBeGreaterThanOrEqual(2);
    expect(report.overall.account).toMatchObject({ tp: 1 });
  });

  it("replays the tenant's stored history with its active version, and keeps tenants apart", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await s.call('POST', '/v1/events', event({ occurredAt: `2026-10-01T0${i}:00:00+08:00` }));
      expect(r.status).toBe(200);
    }
    const start = await s.call(
      'POST',
      '/v1/backtests',
      { history: { from: '2026-10-01T00:00:00+08:00', to: '2026-10-02T00:00:00+08:00' } },
      analyst,
    );
    expect(start.status).toBe(202);
    const done = await waitFor(start.body.id, analyst);
    expect(done.result.data).toMatchObject({ format: 'history', events: 5 });

    const other = await s.zhili.createTenant('Other Pay');
    const otherAdmin = await (async () => {
      const { provisionUser } = await import('../../src/runtime/index.ts');
      await provisionUser(s.zhili.store, {
        tenantId: other.tenant.id,
        username: 'o',
        password: 'correct horse battery',
        roles: ['admin'],
      });
      const r = await s.call(
        'POST',
        '/v1/auth/login',
        { tenantId: other.tenant.id, username: 'o', password: 'correct horse battery' },
        null,
      );
      return r.body.token as string;
    })();
    expect((await s.call('GET', `/v1/backtests/${start.body.id}`, undefined, otherAdmin)).status).toBe(404);
  });

  it('refuses bad requests up front: no data, both data kinds, a bad rule set, too many events, no permission', async () => {
    const auditor = await s.login(['auditor']);
    expect((await s.call('POST', '/v1/backtests', { events: [event()] }, auditor)).status).toBe(403);
    expect((await s.call('POST', '/v1/backtests', { events: [event()] })).status).toBe(403); // API keys neither
    const none = await s.call('POST', '/v1/backtests', {}, analyst);
    expect(none.status).toBe(400);
    const both = await s.call(
      'POST',
      '/v1/backtests',
      { events: [event()], history: { from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' } },
      analyst,
    );
    expect(both.status).toBe(400);
    const bad = defaultRuleSetDocument() as any;
    bad.rules[0].expression = 'nope(';
    const invalid = await s.call('POST', '/v1/backtests', { rules: bad, events: [event()] }, analyst);
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('ZHILI_E_RULESET_INVALID');
    const many = Array.from({ length: 10_001 }, () => ({}));
    const tooMany = await s.call('POST', '/v1/backtests', { events: many }, analyst);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.pointer).toBe('/events');
    const unknown = await s.call('POST', '/v1/backtests', { version: 'nope', events: [event()] }, analyst);
    expect(unknown.status).toBe(404);
    expect((await s.call('GET', '/v1/backtests/bt_nope', undefined, analyst)).status).toBe(404);
  });

  it('keeps the decision API responsive while a large backtest runs', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) => cash(i, '100.00', `acct-${i % 500}`));
    const start = await s.call('POST', '/v1/backtests', { events }, analyst);
    expect(start.status).toBe(202);
    const live = await s.call('POST', '/v1/events', event());
    expect(live.status).toBe(200);
    const done = await waitFor(start.body.id, analyst);
    expect(done.status).toBe('done');
    expect(done.result.data.events).toBe(10_000);
  });
});
