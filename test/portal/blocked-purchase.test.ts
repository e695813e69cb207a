// A purchase that the decision blocked never happened: it must not open a cooling-off period nor count as
// "past behaviour" in recommendations, neither on the node that decided it nor after a restart (the
// rebuild from stored decisions).
import { afterAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire as q } from '../../src/protection/suitability/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

/** A balanced investor (C3). */
const balanced = Object.fromEntries(
  q.questions.map((x) => [
    x.id,
    [
      x.options[
        x.id === 'k_leverage' ? 2 : x.id === 'k_guarantee' ? 1 : x.id.startsWith('k_') ? 0 : x.options.length >> 1
      ]!.id,
    ],
  ]),
);
const product = (risk: string) => ({
  name: { en: `Fund ${risk}`, zh: `${risk}基金` },
  risk,
  horizonMonths: 12,
  liquidity: 'weekly',
  goals: ['growth'],
});
const buy = (id: string, productId: string) =>
  event({
    id,
    type: 'investment_purchase',
    occurredAt: '2026-11-26T10:00:00+08:00',
    amount: { value: '10000.00', currency: 'CNY' },
    debtor: { partyId: 'inv-b', partyType: 'person', accountId: 'a-1', country: 'CN' },
    creditor: { partyId: 'fund', partyType: 'organization', accountId: 'f', country: 'CN' },
    attributes: { productId },
  });
const cancel = (id: string, purchaseId: string, productId: string) =>
  event({
    id,
    type: 'investment_cancellation',
    occurredAt: '2026-11-26T12:00:00+08:00',
    amount: { value: '10000.00', currency: 'CNY' },
    debtor: { partyId: 'fund', partyType: 'organization', accountId: 'f', country: 'CN' },
    creditor: { partyId: 'inv-b', partyType: 'person', accountId: 'a-1', country: 'CN' },
    attributes: { productId, purchaseId },
  });
const holds = (rec: { body: { recommendations: { productId: string; explanation: { en: string }[] }[] } }) =>
  rec.body.recommendations
    .filter((r) => r.explanation.some((x) => x.en.includes('already hold')))
    .map((r) => r.productId);

describe('a blocked investment purchase', () => {
  it('does not count for cooling-off or recommendations, before and after a restart', async () => {
    const s = await startServer({ screeningLists: '' });
    servers.push(s);
    const { apiKey } = await s.zhili.createTenant('Fund Blocked 基金', 'Asia/Shanghai', 'cn-suitability');
    const call = (m: string, p: string, b?: unknown) => s.call(m, p, b, apiKey);
    expect((await call('PUT', '/v1/products/f-r2', product('R2'))).status).toBe(200);
    expect((await call('PUT', '/v1/products/f-r5', product('R5'))).status).toBe(200);
    expect((await call('POST', '/v1/suitability/assessments', { customerId: 'inv-b', answers: balanced })).status).toBe(
      201,
    );

    const allowed = await call('POST', '/v1/events', buy('b-1', 'f-r2'));
    expect(allowed.body.outcome).toBe('allow');
    const blocked = await call('POST', '/v1/events', buy('b-2', 'f-r5'));
    expect(blocked.body.outcome).toBe('block'); // C3 above R3 without the acknowledgement

    // Cancelling the allowed purchase is within cooling-off; the blocked one is not a known purchase.
    const ok = await call('POST', '/v1/events', cancel('c-1', 'b-1', 'f-r2'));
    expect(ok.body.suitability.coolingOff).toBe(true);
    const none = await call('POST', '/v1/events', cancel('c-2', 'b-2', 'f-r5'));
    expect(none.body.outcome).toBe('review');
    expect(none.body.reasons[0].error).toBe('ZHILI_E_RULE_RUNTIME');
    expect(JSON.stringify(none.body.reasons)).toContain('purchase b-2 is not known');

    const rec = await call('GET', '/v1/customers/inv-b/recommendations');
    expect(rec.status).toBe(200);
    expect(holds(rec)).toEqual(['f-r2']);

    // After a restart the purchases are rebuilt from the stored decisions: still only the allowed one.
    await s.close();
    servers.pop();
    const again = await startServer({ screeningLists: '', dataDir: s.dataDir });
    servers.push(again);
    const call2 = (m: string, p: string, b?: unknown) => again.call(m, p, b, apiKey);
    expect(holds(await call2('GET', '/v1/customers/inv-b/recommendations'))).toEqual(['f-r2']);
    const after = await call2('POST', '/v1/events', cancel('c-3', 'b-2', 'f-r5'));
    expect(after.body.outcome).toBe('review');
    expect(JSON.stringify(after.body.reasons)).toContain('purchase b-2 is not known');
    const still = await call2('POST', '/v1/events', cancel('c-4', 'b-1', 'f-r2'));
    expect(still.body.suitability.coolingOff).toBe(true);
  }, 60_000);
});
