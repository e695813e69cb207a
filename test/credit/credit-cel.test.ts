import { describe, expect, it } from 'vitest';
import { chinaCalendar, makeFxTable } from '../../src/kernel/index.ts';
import { compileRuleSet, decide, normalizeEvent, type CreditInput } from '../../src/monitoring/index.ts';

const fx = makeFxTable({ source: 'test', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14' } }] });
const n = normalizeEvent(
  {
    id: 'app-1',
    type: 'loan_application',
    occurredAt: '2026-11-26T10:00:00+08:00',
    amount: { value: '30000.00', currency: 'CNY' },
    debtor: { partyId: 'c', partyType: 'person' },
  },
  { timeZone: 'Asia/Shanghai', fx },
);
if (!n.ok) throw new Error('bad event');
const event = n.event;

const credit: CreditInput = {
  scored: true,
  scorecard: 'card-1',
  score: 512,
  points: { duration_in_month: 20, credit_amount: 31 },
  reasons: [
    { code: 'duration_in_month', lost: 25, en: 'Duration: [36, inf) (25 points below the best)', zh: '期限' },
    { code: 'credit_amount', lost: 9, en: 'Amount', zh: '金额' },
  ],
  limit: 2_000_000,
  limitCurrency: 'CNY',
  apr: 0.2424,
  statedRate: 0.18,
  aprGap: 0.0624,
  lprCap: 0.12,
  outstanding: 19_000_000,
};

const rule = (id: string, expression: string, reason = 'fired') => ({
  id,
  name: id,
  nameZh: id,
  expression,
  reason,
  reasonZh: reason,
  outcome: 'review' as const,
  weight: 1,
});

// The CEL type of `credit` (maps, lists of reason objects, doubles) against real values, and the
// figures a reason quotes.
describe('credit in CEL', () => {
  const compiled = compileRuleSet(
    {
      version: 'credit-cel-1',
      name: 'credit',
      nameZh: '信贷',
      features: [],
      typologies: [],
      rules: [
        rule('score', 'credit.scored && credit.score < 600 && credit.scorecard == "card-1"'),
        rule(
          'reason',
          "credit.reasons.exists(r, r.code == 'duration_in_month' && r.lost > 20) && size(credit.reasons) == 2",
        ),
        rule('points', "credit.points['credit_amount'] == 31"),
        rule('limit', 'event.amount.minor > credit.limit && credit.limitCurrency == event.amount.currency'),
        rule('apr', 'credit.apr > 0.24 && credit.apr > credit.lprCap', 'APR {credit.apr} over {credit.lprCap}'),
        rule('gap', 'credit.aprGap > 0.0005 && credit.statedRate < credit.apr'),
        rule('cap', 'credit.outstanding + event.amount.minor > cny(200000)', 'owes {credit.outstanding}'),
        rule('not', 'credit.score > 900'),
      ],
    },
    { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' },
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));

  it('reads every credit field and quotes the figures in the reason', () => {
    const d = decide(compiled.ruleSet, event, {}, [], {}, 0, undefined, credit);
    expect(d.reasons.map((r) => r.ruleId)).toEqual(['score', 'reason', 'points', 'limit', 'apr', 'gap', 'cap']);
    expect(d.reasons.find((r) => r.ruleId === 'apr')?.message).toBe('APR 24.24% over 12.00%');
    expect(d.reasons.find((r) => r.ruleId === 'cap')?.message).toBe('owes 190000.00');
    expect(d.credit).toMatchObject({ scorecard: 'card-1', score: 512, limit: 2_000_000, apr: 0.2424 });
    expect(d.credit?.reasons).toHaveLength(2);
  });

  it('records which credit fields the active rules read', () => {
    expect([...(compiled.ruleSet.creditFields ?? [])].sort()).toEqual(
      [
        'apr',
        'aprGap',
        'limit',
        'limitCurrency',
        'lprCap',
        'outstanding',
        'points',
        'reasons',
        'score',
        'scorecard',
        'scored',
        'statedRate',
      ].sort(),
    );
  });

  it('without a credit input (not a loan event) nothing fires and the decision has no credit field', () => {
    const d = decide(compiled.ruleSet, event, {}, [], {}, 0);
    expect(d.reasons.filter((r) => !r.error).map((r) => r.ruleId)).toEqual([]);
    expect(d.credit).toBeUndefined();
  });
});
