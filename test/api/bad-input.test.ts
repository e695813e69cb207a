import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

const expectError = (r: { status: number; body: any }, status: number, code: string, pointer?: string) => {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message.length).toBeGreaterThan(0);
  expect(r.body.error.messageZh).toMatch(/[\u4e00-\u9fff]/);
  if (pointer !== undefined) expect(r.body.error.pointer).toBe(pointer);
};

describe('bad input gets a 4xx with a stable code, a JSON pointer and messages in en and zh', () => {
  const cases: [string, Record<string, unknown>, number, string, string][] = [
    [
      'unknown currency',
      { amount: { value: '1.00', currency: 'XYZ' } },
      400,
      'ZHILI_E_UNKNOWN_CURRENCY',
      '/amount/currency',
    ],
    [
      'too many decimals',
      { amount: { value: '1.001', currency: 'CNY' } },
      400,
      'ZHILI_E_AMOUNT_PRECISION',
      '/amount/value',
    ],
    [
      'decimals on yen',
      { amount: { value: '100.5', currency: 'JPY' } },
      400,
      'ZHILI_E_AMOUNT_PRECISION',
      '/amount/value',
    ],
    [
      'negative amount',
      { amount: { value: '-5.00', currency: 'CNY' } },
      400,
      'ZHILI_E_AMOUNT_NEGATIVE',
      '/amount/value',
    ],
    ['number instead of string', { amount: { value: 5, currency: 'CNY' } }, 400, 'ZHILI_E_VALIDATION', '/amount/value'],
    ['unknown type', { type: 'teleport' }, 400, 'ZHILI_E_VALIDATION', '/type'],
    ['no time zone', { occurredAt: '2026-11-26T10:00:00' }, 400, 'ZHILI_E_TIMESTAMP', '/occurredAt'],
    ['impossible date', { occurredAt: '2026-02-30T10:00:00+08:00' }, 400, 'ZHILI_E_TIMESTAMP', '/occurredAt'],
    ['unknown field', { colour: 'red' }, 400, 'ZHILI_E_VALIDATION', '/colour'],
    [
      'bad party type',
      { debtor: { partyId: 'x', partyType: 'robot' } },
      400,
      'ZHILI_E_VALIDATION',
      '/debtor/partyType',
    ],
    ['withdrawal without amount', { amount: undefined }, 400, 'ZHILI_E_VALIDATION', '/amount'],
    ['transfer without creditor', { type: 'transfer', creditor: undefined }, 400, 'ZHILI_E_VALIDATION', '/creditor'],
  ];
  for (const [name, over, status, code, pointer] of cases) {
    it(name, async () => {
      const body = JSON.parse(JSON.stringify(event(over)));
      const r = await s.call('POST', '/v1/events', body);
      expectError(r, status, code, pointer);
      expect((await s.call('GET', `/v1/events/${body.id}`)).status).toBe(404); // nothing partial stored
    });
  }

  it('a missing id is named', async () => {
    const { id: _id, ...rest } = event();
    expectError(await s.call('POST', '/v1/events', rest), 400, 'ZHILI_E_VALIDATION', '/id');
  });

  it('malformed JSON', async () => {
    expectError(await s.call('POST', '/v1/events', '{"id": "x",'), 400, 'ZHILI_E_BAD_JSON');
  });

  it('prototype poisoning is refused', async () => {
    const r = await s.call('POST', '/v1/events', '{"id":"pp","__proto__":{"admin":true}}');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toMatch(/^ZHILI_E_/);
  });

  it('a body over the size limit', async () => {
    const huge = event({ attributes: { blob: 'x'.repeat(1000) } });
    const r = await s.call(
      'POST',
      '/v1/events',
      JSON.stringify(huge).replace('"attributes"', `"pad":"${'y'.repeat(1_100_000)}","attributes"`),
    );
    expectError(r, 413, 'ZHILI_E_BODY_TOO_LARGE');
  });

  it('a body that is not JSON', async () => {
    const res = await fetch(`${s.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.apiKey}`, 'content-type': 'text/csv' },
      body: 'a,b,c',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as any).error.code).toBe('ZHILI_E_UNSUPPORTED_MEDIA_TYPE');
  });

  it('missing, unknown and wrong-kind credentials', async () => {
    expectError(await s.call('POST', '/v1/events', event(), null), 401, 'ZHILI_E_UNAUTHENTICATED');
    expectError(await s.call('POST', '/v1/events', event(), 'zk_nope'), 401, 'ZHILI_E_UNAUTHENTICATED');
    expectError(await s.call('POST', '/v1/events', event(), 'garbage'), 401, 'ZHILI_E_UNAUTHENTICATED');
    const token = await s.login(['auditor']);
    expectError(await s.call('POST', '/v1/events', event(), token), 403, 'ZHILI_E_FORBIDDEN');
  });

  it('an unknown route', async () => {
    expectError(await s.call('GET', '/v1/nothing-here'), 404, 'ZHILI_E_ROUTE_NOT_FOUND');
  });
});

describe('no input makes the server answer 5xx or stop (property)', () => {
  const jsonish = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer(),
      fc.string(),
      fc.constantFrom(
        '50000.00',
        '-1',
        '1e9',
        'CNY',
        'XXX',
        '2026-11-26T10:00:00+08:00',
        'transfer',
        'person',
        '__proto__',
      ),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        fc.oneof(
          fc.string(),
          fc.constantFrom(
            'id',
            'type',
            'amount',
            'value',
            'currency',
            'debtor',
            'partyId',
            'occurredAt',
            'constructor',
          ),
        ),
        tie('value'),
        { maxKeys: 6 },
      ),
    ),
  })).value;

  // Mutations of a valid event reach deeper than random JSON does.
  const mutated = fc
    .tuple(
      fc.constantFrom('id', 'type', 'occurredAt', 'amount', 'debtor', 'creditor', 'device', 'attributes', 'channel'),
      jsonish,
    )
    .map(([k, v]) => ({ ...event(), [k]: v }));

  it('random JSON and mutated events to /v1/events and /v1/events:batch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonish, mutated), fc.boolean(), async (body, batch) => {
        const r = batch
          ? await s.call('POST', '/v1/events:batch', { events: [body, event()] })
          : await s.call('POST', '/v1/events', body);
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(r.body.error.code).toMatch(/^ZHILI_E_[A-Z0-9_]+$/);
        if (batch && r.status === 200) {
          for (const item of r.body.results) expect(item.status).toBeLessThan(500);
        }
      }),
      { numRuns: 400, seed: 20261127 },
    );
    const health = await s.call('GET', '/healthz');
    expect(health.status).toBe(200);
  });
});
