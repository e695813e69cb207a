import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire as q } from '../../src/protection/suitability/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

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

/** Answers picking, per question, the option at `pick(options)` (index). */
const answers = (pick: (n: number, id: string) => number): Record<string, string[]> =>
  Object.fromEntries(q.questions.map((x) => [x.id, [x.options[pick(x.options.length, x.id)]!.id]]));
/** A balanced investor (C3): middle answers, knowledge questions wrong on leverage only. */
const balanced = answers((n, id) =>
  id === 'k_leverage' ? 2 : id === 'k_guarantee' ? 1 : id.startsWith('k_') ? 0 : Math.floor(n / 2),
);
/** Cannot accept any loss: C1. */
const cautious = { ...balanced, loss: ['a'] };
const product = (risk: string, over: Record<string, unknown> = {}) => ({
  name: { en: `Fund ${risk}`, zh: `${risk}基金` },
  risk,
  horizonMonths: 12,
  liquidity: 'weekly',
  goals: ['growth'],
  ...over,
});

describe('suitability over HTTP', () => {
  it('assessment, check, warning acknowledgement, C1 refusal, recommendation and education', async () => {
    const quest = await s.call('GET', '/v1/suitability/questionnaire', undefined, auditor);
    expect(quest.status).toBe(200);
    expect(quest.body).toMatchObject({ id: q.id, version: 1 });
    expect(quest.body.source.zh).toContain('证券期货投资者适当性管理办法');

    for (const [id, risk] of [
      ['p-r2', 'R2'],
      ['p-r3', 'R3'],
      ['p-r4', 'R4'],
      ['p-r5', 'R5'],
    ] as const)
      expect((await s.call('PUT', `/v1/products/${id}`, product(risk), admin)).status).toBe(200);
    expect((await s.call('PUT', '/v1/products/p-x', product('R3'), auditor)).status).toBe(403);
    const list = await s.call('GET', '/v1/products', undefined, auditor);
    expect(list.body.products.map((p: { id: string }) => p.id)).toEqual(['p-r2', 'p-r3', 'p-r4', 'p-r5']);

    const bad = await s.call('POST', '/v1/suitability/assessments', { customerId: 'c-1', answers: { age: ['a'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'ZHILI_E_VALIDATION' });
    expect(bad.body.error.messageZh).toBeTruthy();

    const asm = await s.call('POST', '/v1/suitability/assessments', { customerId: 'c-1', answers: balanced });
    expect(asm.status, JSON.stringify(asm.body)).toBe(201);
    expect(asm.body).toMatchObject({ category: 'C3', expired: false, knowledgeGaps: ['leverage'] });
    const years = (Date.parse(asm.body.expiresAt) - Date.parse(asm.body.assessedAt)) / (365 * 86_400_000);
    expect(years).toBeGreaterThan(1.99);
    expect(years).toBeLessThan(2.01);

    const ok = await s.call('POST', '/v1/suitability/check', { customerId: 'c-1', productId: 'p-r3' });
    expect(ok.body).toMatchObject({ category: 'C3', productRisk: 'R3', matched: true, allowed: true });
    const above = await s.call('POST', '/v1/suitability/check', { customerId: 'c-1', productId: 'p-r4' });
    expect(above.body).toMatchObject({ matched: false, allowed: false, needs: 'acknowledgement' });
    expect(above.body.warning.zh).toContain('风险警示');
    expect(above.body.warning.en).toContain('R4');

    const wrong = await s.call('POST', '/v1/suitability/acknowledgements', {
      customerId: 'c-1',
      productId: 'p-r4',
      warningHash: '0'.repeat(64),
    });
    expect(wrong.body.error.code).toBe('ZHILI_E_SUITABILITY_WARNING');
    const ack = await s.call('POST', '/v1/suitability/acknowledgements', {
      customerId: 'c-1',
      productId: 'p-r4',
      warningHash: above.body.warningHash,
      channel: 'app',
    });
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({ category: 'C3', productRisk: 'R4', channel: 'app' });
    const after = await s.call('POST', '/v1/suitability/check', { customerId: 'c-1', productId: 'p-r4' });
    expect(after.body).toMatchObject({ acknowledged: true, allowed: true, matched: false });

    // Policy for C3 set to refuse: the acknowledgement no longer allows it.
    const set = await s.call('PUT', '/v1/suitability/settings', { mismatch: { '3': 'refuse' } }, admin);
    expect(set.body.mismatch).toEqual({ '2': 'acknowledge', '3': 'refuse', '4': 'acknowledge', '5': 'acknowledge' });
    expect((await s.call('PUT', '/v1/suitability/settings', { coolingOffHours: 1 }, analyst)).status).toBe(403);
    expect((await s.call('POST', '/v1/suitability/check', { customerId: 'c-1', productId: 'p-r4' })).body.needs).toBe(
      'refused',
    );

    // C1: never above R1, whatever is acknowledged.
    const c1 = await s.call('POST', '/v1/suitability/assessments', { customerId: 'c-2', answers: cautious });
    expect(c1.body).toMatchObject({ category: 'C1', cappedBy: ['loss:a'] });
    const refused = await s.call('POST', '/v1/suitability/acknowledgements', {
      customerId: 'c-2',
      productId: 'p-r2',
      warningHash: above.body.warningHash,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ZHILI_E_SUITABILITY_REFUSED');
    expect(refused.body.error.messageZh).toContain('不得购买');

    const rec = await s.call('GET', '/v1/customers/c-1/recommendations', undefined, auditor);
    expect(rec.status).toBe(200);
    expect(rec.body.recommendations.map((r: { productId: string }) => r.productId)).toEqual(['p-r3', 'p-r2']);
    expect(rec.body.recommendations[0].explanation[0].zh).toBeTruthy();
    const none = await s.call('GET', '/v1/customers/nobody/recommendations', undefined, auditor);
    expect(none.body).toMatchObject({ recommendations: [], note: { zh: expect.stringContaining('评估') } });

    const edu = await s.call('GET', '/v1/customers/c-1/education');
    expect(edu.body).toMatchObject({ knowledgeGaps: ['leverage'], completed: 0, total: 2 });
    expect(edu.body.lessons.map((l: { id: string }) => l.id)).toEqual(['l-rights', 'l-leverage']);
    await s.call('POST', '/v1/customers/c-1/education/l-leverage', { action: 'start' });
    const done = await s.call('POST', '/v1/customers/c-1/education/l-leverage', { action: 'complete' });
    expect(done.body).toMatchObject({ completed: 1, total: 2 });
    expect(done.body.lessons[1]).toMatchObject({ state: 'completed', startedAt: expect.any(String) });
    expect((await s.call('POST', '/v1/customers/c-1/education/l-nope', { action: 'start' })).status).toBe(404);

    const profile = await s.call('GET', '/v1/suitability/customers/c-1', undefined, auditor);
    expect(profile.body).toMatchObject({ status: 'assessed', current: { category: 'C3' } });
  });

  it('refuses bad settings and questionnaires: no policy key for C1, bands must rise, the shipped id is reserved', async () => {
    const c1 = await s.call('PUT', '/v1/suitability/settings', { mismatch: { '1': 'acknowledge' } }, admin);
    expect(c1.status).toBe(400);
    const mine = { ...q, id: 'tenant-q', version: 1 };
    const falling = { ...mine, bands: [q.bands[0], { ...q.bands[1]!, minScore: 0 }] };
    const bad = await s.call('POST', '/v1/suitability/questionnaires', { questionnaire: falling }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.pointer).toBe('/bands/1');
    const reserved = await s.call('POST', '/v1/suitability/questionnaires', { questionnaire: q }, admin);
    expect(reserved.body.error.pointer).toBe('/id');
    const added = await s.call(
      'POST',
      '/v1/suitability/questionnaires',
      { questionnaire: mine, activate: true },
      admin,
    );
    expect(added.status).toBe(201);
    expect((await s.call('POST', '/v1/suitability/questionnaires', { questionnaire: mine }, admin)).status).toBe(409);
    expect((await s.call('GET', '/v1/suitability/questionnaire', undefined, auditor)).body.id).toBe('tenant-q');
    const scored = await s.call('POST', '/v1/suitability/assessments', { customerId: 'c-q', answers: balanced });
    expect(scored.body.questionnaire).toEqual({ id: 'tenant-q', version: 1 });
    // Back to the shipped questionnaire for the other tests.
    await s.call(
      'PUT',
      '/v1/suitability/settings',
      { mismatch: { '3': 'refuse' }, questionnaire: { id: q.id, version: 1 } },
      admin,
    );
  });

  it('professional investor status needs a second operator with the approver role', async () => {
    const path = '/v1/suitability/customers/c-pro/professional';
    expect(
      (await s.call('POST', path, { action: 'propose', basis: '金融资产不低于500万元' }, analyst)).body.state,
    ).toBe('proposed');
    const self = await s.call('POST', path, { action: 'approve' }, analyst);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    const approved = await s.call('POST', path, { action: 'approve' }, approver);
    expect(approved.body).toMatchObject({ state: 'approved', inForce: true, approvedBy: expect.any(String) });
    // A professional without an assessment may buy R5.
    const check = await s.call('POST', '/v1/suitability/check', { customerId: 'c-pro', productId: 'p-r5' });
    expect(check.body).toMatchObject({ professional: true, allowed: true });
    expect((await s.call('POST', path, { action: 'revoke' }, analyst)).body).toMatchObject({
      state: 'revoked',
      inForce: false,
    });

    const api = await s.call('GET', '/openapi.json');
    expect(Object.keys(api.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/suitability/assessments',
        '/v1/products/{id}',
        '/v1/customers/{id}/recommendations',
        '/v1/customers/{id}/education',
      ]),
    );

    await s.zhili.ledger.catchUp();
    const db = await import('better-sqlite3');
    const conn = new db.default(`${s.dataDir}/zhili.db`, { readonly: true });
    const raw = JSON.stringify(conn.prepare("SELECT entry FROM ledger_leaves WHERE kind != 'decision'").all());
    conn.close();
    for (const action of [
      'suitability.assess',
      'suitability.acknowledge',
      'suitability.professional.approve',
      'suitability.product',
    ])
      expect(raw).toContain(action);
    expect(raw).not.toContain('500万元');
  });

  it('investment events are checked inside the decision (cn-suitability pack), cooling-off on cancellation', async () => {
    const { apiKey } = await s.zhili.createTenant('Fund 基金销售', 'Asia/Shanghai', 'cn-suitability');
    const call = (m: string, p: string, b?: unknown) => s.call(m, p, b, apiKey);
    await call('PUT', '/v1/products/f-r2', product('R2'));
    await call('PUT', '/v1/products/f-r4', product('R4'));
    await call('POST', '/v1/suitability/assessments', { customerId: 'inv-1', answers: balanced });
    const buy = (id: string, productId: string, customer = 'inv-1', at = '2026-11-26T10:00:00+08:00') =>
      event({
        id,
        type: 'investment_purchase',
        occurredAt: at,
        amount: { value: '10000.00', currency: 'CNY' },
        debtor: { partyId: customer, partyType: 'person', accountId: 'a-1', country: 'CN' },
        creditor: { partyId: 'fund', partyType: 'organization', accountId: 'f', country: 'CN' },
        attributes: { productId },
      });

    const within = await call('POST', '/v1/events', buy('e-1', 'f-r2'));
    expect(within.status, JSON.stringify(within.body)).toBe(200);
    expect(within.body.outcome).toBe('allow');

    const above = await call('POST', '/v1/events', buy('e-2', 'f-r4'));
    expect(above.body.outcome).toBe('block');
    expect(above.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('suit.above_category');
    const check = await call('POST', '/v1/suitability/check', { customerId: 'inv-1', productId: 'f-r4' });
    await call('POST', '/v1/suitability/acknowledgements', {
      customerId: 'inv-1',
      productId: 'f-r4',
      warningHash: check.body.warningHash,
    });
    const acknowledged = await call('POST', '/v1/events', buy('e-3', 'f-r4'));
    expect(acknowledged.body.outcome).toBe('allow');
    expect(acknowledged.body.suitability).toEqual({
      category: 3,
      productRisk: 4,
      matched: false,
      expired: false,
      acknowledged: true,
      professional: false,
      coolingOff: false,
    });
    expect(acknowledged.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'suit.above_category_acknowledged',
    ]);

    // No assessment: the decision fails closed, the missing field named.
    const unknown = await call('POST', '/v1/events', buy('e-4', 'f-r2', 'inv-unknown'));
    expect(unknown.body.outcome).toBe('block');
    expect(
      unknown.body.reasons.some(
        (r: { ruleId: string; error?: string }) => r.ruleId.startsWith('feature:suitability') && r.error,
      ),
    ).toBe(true);

    const exit = (id: string, type: string, value: string, at: string, purchaseId = 'e-1') =>
      event({
        id,
        type,
        occurredAt: at,
        amount: { value, currency: 'CNY' },
        debtor: { partyId: 'fund', partyType: 'organization', accountId: 'f', country: 'CN' },
        creditor: { partyId: 'inv-1', partyType: 'person', accountId: 'a-1', country: 'CN' },
        attributes: { productId: 'f-r2', purchaseId },
      });
    const full = await call(
      'POST',
      '/v1/events',
      exit('x-1', 'investment_cancellation', '10000.00', '2026-11-27T09:00:00+08:00'),
    );
    expect(full.body.outcome).toBe('allow');
    expect(full.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['suit.cooling_off_cancellation']);
    const short = await call(
      'POST',
      '/v1/events',
      exit('x-2', 'investment_cancellation', '9900.00', '2026-11-26T12:00:00+08:00'),
    );
    expect(short.body.outcome).toBe('review');
    expect(short.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('suit.cooling_off_short_refund');
    const late = await call(
      'POST',
      '/v1/events',
      exit('x-3', 'investment_cancellation', '10000.00', '2026-11-27T10:00:00+08:00'),
    );
    expect(late.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['suit.cancellation_after_cooling_off']);
    const orphan = await call(
      'POST',
      '/v1/events',
      exit('x-4', 'investment_cancellation', '1.00', '2026-11-27T10:00:00+08:00', 'nope'),
    );
    expect(orphan.body.outcome).toBe('review');
    expect(orphan.body.reasons[0].error).toBe('ZHILI_E_RULE_RUNTIME');

    // Recommendations count the purchases the decisions saw.
    const rec = await call('GET', '/v1/customers/inv-1/recommendations');
    expect(
      rec.body.recommendations.find((r: { productId: string }) => r.productId === 'f-r2').explanation.at(-1).en,
    ).toContain('already hold');
  });
});
