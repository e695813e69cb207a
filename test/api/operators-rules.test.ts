import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSetDocument } from '../../src/monitoring/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});

/** The four-eyes path to a live rule set: the maker creates and submits, an approver approves, the maker activates. */
async function publish(doc: { version: string }, maker: string): Promise<void> {
  const checker = await s.login(['approver']);
  expect((await s.call('POST', '/v1/rulesets', doc, maker)).status).toBe(201);
  for (const [step, who] of [
    ['submit', maker],
    ['approve', checker],
    ['activate', maker],
  ] as const) {
    const r = await s.call('POST', `/v1/rulesets/${doc.version}:${step}`, {}, who);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}
afterAll(async () => {
  await s.close();
});

describe('operators', () => {
  it('log in with a token, see who they are, and admins create users', async () => {
    const admin = await s.login(['admin'], 'root-admin');
    const me = await s.call('GET', '/v1/me', undefined, admin);
    expect(me.body).toMatchObject({ kind: 'operator', username: 'root-admin', roles: ['admin'], tenantId: s.tenantId });
    const created = await s.call(
      'POST',
      '/v1/users',
      { username: 'wang.fang', password: 'long enough pw', roles: ['analyst'] },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const dup = await s.call(
      'POST',
      '/v1/users',
      { username: 'wang.fang', password: 'long enough pw', roles: ['analyst'] },
      admin,
    );
    expect(dup.status).toBe(409);
    const login = await s.call(
      'POST',
      '/v1/auth/login',
      { tenantId: s.tenantId, username: 'wang.fang', password: 'long enough pw' },
      null,
    );
    expect(login.status).toBe(200);
    const analyst = login.body.token as string;
    const forbidden = await s.call(
      'POST',
      '/v1/users',
      { username: 'x.y', password: 'long enough pw', roles: ['admin'] },
      analyst,
    );
    expect(forbidden.status).toBe(403);
    await s.call('POST', '/v1/auth/logout', undefined, analyst);
    expect((await s.call('GET', '/v1/me', undefined, analyst)).status).toBe(401);
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const a = await s.call(
      'POST',
      '/v1/auth/login',
      { tenantId: s.tenantId, username: 'root-admin', password: 'wrong password' },
      null,
    );
    const b = await s.call(
      'POST',
      '/v1/auth/login',
      { tenantId: s.tenantId, username: 'nobody', password: 'wrong password' },
      null,
    );
    expect(a.status).toBe(401);
    expect(b.body).toEqual(a.body);
  });

  it('stores passwords only as scrypt hashes and API keys only as SHA-256 hashes', async () => {
    const u = await s.zhili.store.findUserByName(s.tenantId, 'wang.fang');
    expect(u?.passwordHash).toMatch(/^scrypt\$/);
    expect(u?.passwordHash).not.toContain('long enough pw');
    expect(await s.zhili.store.findApiKey(s.apiKey)).toBeUndefined();
  });
});

describe('rule sets', () => {
  it('refuses a rule set that does not compile, naming the field and the expression position', async () => {
    const admin = await s.login(['admin']);
    const doc = defaultRuleSetDocument() as any;
    doc.version = 'broken-1';
    doc.rules[0].expression = "event.amount.minor > 'x'";
    doc.rules[1].expression = 'features.no_such_feature > 1';
    const r = await s.call('POST', '/v1/rulesets', doc, admin);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ZHILI_E_RULESET_INVALID');
    const pointers = r.body.error.details.map((d: { pointer: string }) => d.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/rules/0/expression', '/rules/1/expression']));
    expect(r.body.error.details[0].message).toMatch(/expression 1:\d+/);
    expect((await s.call('GET', '/v1/rulesets/active', undefined, admin)).body.version).toBe('cn-default-2026.11.2');
  });

  it('fails closed: a rule that errors at run time sends the event to review, never allow', async () => {
    const admin = await s.login(['admin']);
    const doc = defaultRuleSetDocument() as any;
    doc.version = 'fail-closed-1';
    doc.typologies.push({ id: 'velocity', name: 'Velocity', nameZh: '交易频率', alertThreshold: 50 });
    doc.features.push({ id: 'tx_count_1h', entity: 'debtor.accountId', aggregation: 'count', window: '1h' });
    doc.rules.push({
      id: 'needs-score-attribute',
      name: 'External score',
      nameZh: '外部评分',
      expression: "event.attributes['riskScore'] > 80",
      reason: 'External risk score above 80.',
      reasonZh: '外部风险评分高于 80。',
      weight: 10,
    });
    await publish(doc, admin);
    expect((await s.call('GET', '/v1/rulesets', undefined, admin)).body.find((v: any) => v.active).version).toBe(
      'fail-closed-1',
    );

    const missing = await s.call('POST', '/v1/events', event());
    expect(missing.body.outcome).toBe('review');
    expect(missing.body.ruleSetVersion).toBe('fail-closed-1');
    expect(missing.body.reasons).toEqual([
      expect.objectContaining({ ruleId: 'needs-score-attribute', error: 'ZHILI_E_RULE_RUNTIME' }),
    ]);
    const fine = await s.call('POST', '/v1/events', event({ attributes: { riskScore: 10 } }));
    expect(fine.body.outcome).toBe('allow');
    const high = await s.call('POST', '/v1/events', event({ attributes: { riskScore: 95 } }));
    expect(high.body.reasons.map((x: any) => x.ruleId)).toEqual(['needs-score-attribute']);
  });

  it('rebuilds features from history when a new rule set adds a window', async () => {
    const admin = await s.login(['admin']);
    const acct = { partyId: 'hist-1', partyType: 'person', accountId: 'hist-acct', country: 'CN' };
    for (let i = 0; i < 3; i++) {
      await s.call(
        'POST',
        '/v1/events',
        event({ debtor: acct, attributes: { riskScore: 1 }, occurredAt: `2026-11-26T10:0${i}:00+08:00` }),
      );
    }
    const doc = (await s.call('GET', '/v1/rulesets/active', undefined, admin)).body;
    doc.version = 'with-history-1';
    doc.features.push({ id: 'acct_count_1h', entity: 'debtor.accountId', aggregation: 'count', window: '1h' });
    await publish(doc, admin);
    const r = await s.call(
      'POST',
      '/v1/events',
      event({ debtor: acct, attributes: { riskScore: 1 }, occurredAt: '2026-11-26T10:30:00+08:00' }),
    );
    expect(r.body.features.acct_count_1h).toBe(4);
  });
});

describe('health, metrics, docs', () => {
  it('serves health, readiness, Prometheus metrics and the OpenAPI document', async () => {
    expect((await s.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await s.call('GET', '/readyz')).body).toMatchObject({ status: 'ready', store: 'sqlite' });
    await s.call('POST', '/v1/events', event({ attributes: { riskScore: 1 } }));
    // Metrics need a credential (an admin here; Prometheus uses ZHILI_METRICS_TOKEN).
    const m = await s.call('GET', '/metrics', undefined, await s.login(['admin'], 'metrics.reader'));
    expect(m.body).toMatch(/zhili_decisions_total\{outcome="(allow|review)"\} \d+/);
    expect(m.body).toMatch(/zhili_commit_batch_size_bucket\{le="1"\} \d+/);
    expect(m.body).toMatch(/zhili_http_request_duration_seconds_bucket\{route="\/v1\/events",le="0.005"\} \d+/);
    const api = await s.call('GET', '/openapi.json');
    expect(api.body.openapi).toBe('3.1.0');
    expect(Object.keys(api.body.paths)).toEqual(
      expect.arrayContaining(['/v1/events', '/v1/events:batch', '/v1/events/{id}']),
    );
    expect((await fetch(`${s.url}/docs`)).status).toBeLessThan(400);
  });
});

describe('audit ledger of operator actions', () => {
  it('records logins, failed logins, user creation and rule-set activation as hash-only ledger entries', async () => {
    const admin = await s.login(['admin'], 'auditee');
    await s.call(
      'POST',
      '/v1/auth/login',
      { tenantId: s.tenantId, username: 'auditee', password: 'not the password' },
      null,
    );
    const doc = (await s.call('GET', '/v1/rulesets/active', undefined, admin)).body;
    doc.version = 'audited-1';
    await publish(doc, admin);
    await s.zhili.ledger.catchUp();
    const entries: { action?: string; tenantId: string }[] = [];
    for (let i = 0; ; i++) {
      const row = await s.zhili.ledger.entry(i);
      if (!row) break;
      entries.push(JSON.parse(row.entry));
    }
    const actions = entries.filter((e) => e.tenantId === s.tenantId).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'tenant.create',
        'user.create',
        'auth.login',
        'auth.login_failed',
        'ruleset.create',
        'ruleset.submit',
        'ruleset.approve',
        'ruleset.activate',
      ]),
    );
    const text = JSON.stringify(entries);
    expect(text).not.toContain('auditee'); // no personal data in the ledger
    expect(text).not.toContain('not the password');
  });
});
