import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveScorecards, LoanBookMemory, type CreditStore } from '../../src/credit/index.ts';
import { creditPort } from '../../src/credit/decision-port.ts';
import { chinaCalendar, fixedClock, makeFxTable } from '../../src/kernel/index.ts';
import { compileRuleSet, decide, normalizeEvent } from '../../src/monitoring/index.ts';
import { ExternalCreditCache, MultiLendingClient } from '../../src/supervision/lending/index.ts';
import { startLendingServers, type LendingServers } from './lending-support.ts';

const applicant = '11010519491231002X';
const fx = makeFxTable({ source: 't', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14' } }] });
const application = (customerId: string) => {
  const n = normalizeEvent(
    {
      id: `app-${customerId}`,
      type: 'loan_application',
      occurredAt: '2026-11-26T10:00:00+08:00',
      amount: { value: '3000.00', currency: 'CNY' },
      debtor: { partyId: customerId, partyType: 'person' },
    },
    { timeZone: 'Asia/Shanghai', fx },
  );
  if (!n.ok) throw new Error('bad event');
  return n.event;
};
const noCards = { live: async () => [], liveKeys: async () => '' } as unknown as CreditStore;

let s: LendingServers;
const client = (platform: string) =>
  new MultiLendingClient({
    keyHolderUrl: s.keyHolderUrl,
    registryUrl: s.registryUrl,
    keyHolderPublicKey: s.publicKey,
    loanRefKey: new TextEncoder().encode(platform),
    headers: () => ({ 'x-test-platform': platform }),
  });
beforeAll(async () => {
  s = await startLendingServers();
  const asOf = Date.now();
  await client('p1').register([
    { idNumber: applicant, loanId: 'a', currency: 'CNY', outstanding: '4000.00', status: 'outstanding', asOf },
  ]);
  await client('p2').register([
    { idNumber: applicant, loanId: 'b', currency: 'CNY', outstanding: '2500.00', status: 'outstanding', asOf },
  ]);
});
afterAll(async () => {
  await s?.close();
});

describe('the hub check in the credit decision (credit.external)', () => {
  it('a result fetched at intake reaches the rules; without one, a rule that reads it fails closed', async () => {
    const clock = fixedClock(Date.now());
    const cache = new ExternalCreditCache({ clock, ttlMs: 600_000 });
    const live = new LiveScorecards(noCards);
    await live.load();
    const port = creditPort({ live, book: new LoanBookMemory(), external: cache.lookup });
    const rules = compileRuleSet(
      {
        version: 'ml-1',
        name: 'multi-lending',
        nameZh: '多头借贷',
        features: [],
        typologies: [],
        rules: [
          {
            id: 'many-lenders',
            name: 'Borrowing at two or more other platforms',
            nameZh: '在两家及以上其他平台有未结清借款',
            expression:
              'credit.external.platforms >= 2 || credit.outstanding + credit.external.outstanding + event.amount.minor > cny(8000)',
            reason: 'multi-lending',
            reasonZh: '多头借贷',
            outcome: 'review',
            weight: 1,
          },
        ],
      },
      { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' },
    );
    if (!rules.ok) throw new Error(JSON.stringify(rules.errors));
    const needs = rules.ruleSet.creditFields ?? new Set<string>();
    expect([...needs]).toEqual(['external', 'outstanding']);

    await cache.prefetch(client('p3'), {
      tenantId: 't',
      customerId: 'c9',
      idNumber: applicant,
      applicationEventId: 'app-c9',
    });
    const r = port('t', application('c9'), {}, needs);
    expect(r?.errors).toEqual([]);
    expect(r?.input?.external).toEqual({ checked: true, platforms: 2, outstanding: 650_000 });
    const d = decide(rules.ruleSet, application('c9'), {}, [], {}, clock.now(), undefined, r!.input);
    expect(d.outcome).toBe('review');
    expect(d.reasons.map((x) => x.ruleId)).toContain('many-lenders');

    // No check at hand (another customer, or the result expired): the rule cannot be read, review.
    const none = port('t', application('c10'), {}, needs);
    expect(none?.errors).toEqual([
      { featureId: 'credit.external', message: expect.stringMatching(/multi-lending/) as string },
    ]);
    // Other platforms' balances in another currency: no sum without a rate, so no result.
    cache.put('t', 'c11', { platforms: 1, outstanding: [{ currency: 'USD', amount: '10.00' }] });
    expect(cache.lookup('t', 'c11', 'CNY')).toBeUndefined();
    expect(cache.lookup('t', 'c11', 'USD')).toEqual({ checked: true, platforms: 1, outstanding: 1000 });
    clock.advance(600_001);
    expect(port('t', application('c9'), {}, needs)?.errors.map((e) => e.featureId)).toEqual(['credit.external']);
  });
});
