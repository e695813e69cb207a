import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

const person = (id: string, over: Record<string, unknown> = {}) => ({
  partyId: id,
  partyType: 'person',
  accountId: `acct-${id}`,
  country: 'CN',
  ...over,
});

describe('POST /v1/events — the contract', () => {
  it('answers the issue example: a RMB 50,000 cash withdrawal is a large-value obligation due in 5 working days', async () => {
    const r = await s.call('POST', '/v1/events', {
      id: 'evt-1001',
      type: 'cash_withdrawal',
      occurredAt: '2026-11-26T10:00:00+08:00',
      amount: { value: '50000.00', currency: 'CNY' },
      debtor: { partyId: 'p-1', partyType: 'person', accountId: 'a-1', country: 'CN' },
      creditor: { partyId: 'p-2', partyType: 'organization', accountId: 'a-2', country: 'CN' },
      channel: 'counter',
      device: { id: 'd-1', ip: '203.0.113.7' },
      attributes: {},
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      eventId: 'evt-1001',
      outcome: 'review',
      score: 40,
      reasons: [
        {
          ruleId: 'cn-pboc-lv-cash',
          message: expect.stringContaining('50,000'),
          messageZh: expect.stringContaining('5万元'),
        },
      ],
      obligations: [{ kind: 'large_value_report', code: '0501', dueBy: '2026-12-03' }],
      ruleSetVersion: 'cn-default-2026.11.2',
    });
    expect(Date.parse(r.body.decidedAt)).not.toBeNaN();
  });

  it('lets an amount just below the threshold through', async () => {
    const r = await s.call('POST', '/v1/events', event({ amount: { value: '49999.99', currency: 'CNY' } }));
    expect(r.body).toMatchObject({ outcome: 'allow', score: 0, reasons: [], obligations: [] });
  });

  it('adds up the same local day per customer and direction, and starts again the next day', async () => {
    const d = person('cum-1');
    const at = (t: string, v: string, id: string) =>
      s.call('POST', '/v1/events', event({ id, debtor: d, occurredAt: t, amount: { value: v, currency: 'CNY' } }));
    expect((await at('2026-11-26T09:00:00+08:00', '30000.00', 'cum-a')).body.outcome).toBe('allow');
    const second = await at('2026-11-26T23:30:00+08:00', '20000.00', 'cum-b');
    expect(second.body).toMatchObject({ outcome: 'review', obligations: [{ code: '0501' }] });
    expect(second.body.features.lv_cash_out_cny_day).toBe(5_000_000);
    // 00:10 Beijing time on the 27th is still the 26th in UTC: the tenant's day counts, not UTC's.
    const next = await at('2026-11-27T00:10:00+08:00', '20000.00', 'cum-c');
    expect(next.body.outcome).toBe('allow');
    expect(next.body.features.lv_cash_out_cny_day).toBe(2_000_000);
    // Deposits are the other direction: they do not add to withdrawals.
    const dep = await s.call(
      'POST',
      '/v1/events',
      event({
        id: 'cum-d',
        type: 'cash_deposit',
        creditor: d,
        occurredAt: '2026-11-27T08:00:00+08:00',
        amount: { value: '40000.00', currency: 'CNY' },
      }),
    );
    expect(dep.body.outcome).toBe('allow');
    expect(dep.body.features.lv_cash_in_cny_day).toBe(4_000_000);
  });

  it('counts due dates on the Chinese working-day calendar across the National Day holiday', async () => {
    const r = await s.call(
      'POST',
      '/v1/events',
      event({ occurredAt: '2026-09-30T15:00:00+08:00', amount: { value: '80000', currency: 'CNY' } }),
    );
    expect(r.body.obligations).toEqual([
      { kind: 'large_value_report', code: '0501', dueBy: '2026-10-13', ruleId: 'cn-pboc-lv-cash' },
    ]);
  });

  it('applies the USD-equivalent threshold to foreign-currency cash', async () => {
    const below = await s.call('POST', '/v1/events', event({ amount: { value: '9999.99', currency: 'USD' } }));
    expect(below.body.outcome).toBe('allow');
    const at = await s.call('POST', '/v1/events', event({ amount: { value: '10000.00', currency: 'USD' } }));
    expect(at.body.obligations[0]).toMatchObject({ code: '0501' });
  });

  it('reports transfers by organisations, and domestic and cross-border transfers by persons', async () => {
    const transfer = (debtor: object, creditor: object, value: string) =>
      s.call('POST', '/v1/events', event({ type: 'transfer', debtor, creditor, amount: { value, currency: 'CNY' } }));
    const org = { partyId: 'org-1', partyType: 'organization', accountId: 'o-1', country: 'CN' };
    const r1 = await transfer(org, person('x-1'), '2000000.00');
    expect(r1.body.obligations.map((o: { code: string }) => o.code)).toContain('0502');
    const r2 = await transfer(person('dom-1'), person('dom-2'), '500000.00');
    expect(r2.body.obligations.map((o: { code: string }) => o.code)).toEqual(['0503']);
    const r3 = await transfer(person('dom-3'), person('dom-4'), '499999.99');
    expect(r3.body.obligations).toEqual([]);
    const r4 = await transfer(person('xb-1'), person('xb-2', { country: 'HK' }), '200000.00');
    expect(r4.body.obligations.map((o: { code: string }) => o.code)).toEqual(['0504']);
    const r5 = await transfer(person('xb-3'), person('xb-4', { country: 'SG', isCustomer: false }), '199999.00');
    expect(r5.body.obligations).toEqual([]);
  });
});

describe('idempotency', () => {
  it('returns the original decision for a repeat and counts nothing twice', async () => {
    const d = person('idem-1');
    const e1 = event({ id: 'idem-1', debtor: d, amount: { value: '30000.00', currency: 'CNY' } });
    const first = await s.call('POST', '/v1/events', e1);
    // same body with keys in another order
    const reordered = Object.fromEntries(Object.entries(e1).reverse());
    const again = await s.call('POST', '/v1/events', reordered);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const e2 = await s.call(
      'POST',
      '/v1/events',
      event({ id: 'idem-2', debtor: d, amount: { value: '10000.00', currency: 'CNY' } }),
    );
    expect(e2.body.features.lv_cash_out_cny_day).toBe(4_000_000); // 30,000 + 10,000, not 70,000
  });

  it('answers 409 when the same id comes with a different body', async () => {
    const e = event({ id: 'idem-3' });
    await s.call('POST', '/v1/events', e);
    const r = await s.call('POST', '/v1/events', { ...e, amount: { value: '999.00', currency: 'CNY' } });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'ZHILI_E_IDEMPOTENCY_CONFLICT', pointer: '/id' });
  });

  it('decides concurrent duplicates once', async () => {
    const e = event({ id: 'idem-race', amount: { value: '60000', currency: 'CNY' } });
    const before = await s.zhili.store.countDecisions(s.tenantId);
    const rs = await Promise.all(Array.from({ length: 20 }, () => s.call('POST', '/v1/events', e)));
    expect(new Set(rs.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(rs.map((r) => r.body.decidedAt)).size).toBe(1);
    expect(await s.zhili.store.countDecisions(s.tenantId)).toBe(before + 1);
    const stored = await s.call('GET', '/v1/events/idem-race');
    expect(stored.body.decision.decidedAt).toBe(rs[0]!.body.decidedAt);
  });
});

describe('batch and read-back', () => {
  it('decides each item and reports bad items without sinking the rest', async () => {
    const good = event({ id: 'batch-ok-1' });
    const bad = event({ id: 'batch-bad', amount: { value: '10.00', currency: 'XYZ' } });
    const big = event({ id: 'batch-ok-2', amount: { value: '50000.00', currency: 'CNY' } });
    const r = await s.call('POST', '/v1/events:batch', { events: [good, bad, big, { nonsense: true }] });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected).toBe(2);
    expect(r.body.results[0]).toMatchObject({ index: 0, status: 200, decision: { outcome: 'allow' } });
    expect(r.body.results[1]).toMatchObject({
      index: 1,
      status: 400,
      error: { code: 'ZHILI_E_UNKNOWN_CURRENCY', pointer: '/events/1/amount/currency' },
    });
    expect(r.body.results[2].decision.outcome).toBe('review');
    expect(r.body.results[3].error.code).toBe('ZHILI_E_VALIDATION');
    expect((await s.call('GET', '/v1/events/batch-bad')).status).toBe(404);
  });

  it('refuses more than 1,000 events in a batch', async () => {
    const events = Array.from({ length: 1001 }, (_, i) => event({ id: `too-many-${i}` }));
    const r = await s.call('POST', '/v1/events:batch', { events });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ZHILI_E_BATCH_TOO_LARGE');
    expect((await s.call('GET', '/v1/events/too-many-0')).status).toBe(404);
  });

  it('returns the event as received (personal fields masked) with its decision, to its own tenant only', async () => {
    const e = event({ id: 'readback-1' });
    const d = await s.call('POST', '/v1/events', e);
    const r = await s.call('GET', '/v1/events/readback-1');
    expect(r.status).toBe(200);
    expect(r.body.event).toEqual({ ...e, device: { id: 'd-1', ip: '2********' } });
    expect(r.body.revealed).toBe(false);
    expect(r.body.decision).toEqual(d.body);
    const other = await s.zhili.createTenant('Other 其他');
    const hidden = await s.call('GET', '/v1/events/readback-1', undefined, other.apiKey);
    expect(hidden.status).toBe(404);
  });
});
