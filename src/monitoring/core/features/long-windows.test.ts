import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../../kernel/index.ts';
import { compileRuleSet } from '../rules/compile.ts';
import type { NormalizedEvent } from '../normalize.ts';
import { transfer } from './transfer.fixture.ts';
import { FeatureState } from './state.ts';

const T0 = Date.parse('2026-11-26T00:00:00+08:00');
const MIN = 60_000;

function ruleSet() {
  const r = compileRuleSet(
    {
      version: 't',
      name: 't',
      nameZh: '测',
      timeZone: 'Asia/Shanghai',
      features: [
        { id: 'd_1h', entity: 'debtor.accountId', aggregation: 'distinct', window: '1h', of: 'creditor.accountId' },
        { id: 'd_6h', entity: 'debtor.accountId', aggregation: 'distinct', window: '6h', of: 'creditor.accountId' },
        { id: 'd_day', entity: 'debtor.accountId', aggregation: 'distinct', window: 'day', of: 'creditor.accountId' },
        { id: 'new_1d', entity: 'debtor.accountId', aggregation: 'is_new', window: '1d', of: 'creditor.accountId' },
        {
          id: 'same_1d',
          entity: 'debtor.accountId',
          aggregation: 'count_same',
          window: '1d',
          of: 'creditor.accountId',
        },
        {
          id: 'max_6h',
          entity: 'debtor.accountId',
          aggregation: 'max',
          window: '6h',
          value: 'amount',
          currency: 'CNY',
        },
        {
          id: 'min_1d',
          entity: 'debtor.accountId',
          aggregation: 'min',
          window: '1d',
          value: 'amount',
          currency: 'CNY',
        },
        {
          id: 'max_day',
          entity: 'debtor.accountId',
          aggregation: 'max',
          window: 'day',
          value: 'amount',
          currency: 'CNY',
        },
      ],
      typologies: [],
      rules: [],
    },
    { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.ruleSet;
}

const ev = (i: number, acct: string, cpty: string, at: number, yuan: number): NormalizedEvent =>
  transfer(i, acct, cpty, at, yuan);

/** The obvious definitions, over every event recorded before this one (the event itself included). */
function reference(history: readonly NormalizedEvent[], e: NormalizedEvent): Record<string, number | boolean> {
  const mine = history.filter((h) => h.debtor?.accountId === e.debtor?.accountId && h.time <= e.time);
  const payees = (xs: NormalizedEvent[]) => new Set([...xs, e].map((x) => x.creditor?.accountId)).size;
  const within = (ms: number) => mine.filter((h) => h.time > e.time - ms);
  const minor = (xs: NormalizedEvent[]) => [...xs, e].map((x) => x.amount?.minor ?? 0);
  const today = mine.filter((h) => h.localDate === e.localDate);
  return {
    d_1h: payees(within(60 * MIN)),
    d_6h: payees(within(360 * MIN)),
    d_day: payees(mine.filter((h) => h.localDate === e.localDate)),
    new_1d: !within(1440 * MIN).some((h) => h.creditor?.accountId === e.creditor?.accountId),
    same_1d: [...within(1440 * MIN), e].filter((h) => h.creditor?.accountId === e.creditor?.accountId).length,
    max_6h: Math.max(...minor(within(360 * MIN))),
    min_1d: Math.min(...minor(within(1440 * MIN))),
    max_day: Math.max(...minor(today)),
  };
}

describe('long windows: distinct and count_same from sorted times, min and max from blocks, agree with counting', () => {
  it('on long busy histories with many payees, late arrivals and pruning (property)', () => {
    // A busy account and a quieter one, up to 40 payees, a few minutes apart over two days and more: windows
    // hold hundreds of entries (many min/max blocks), histories are pruned past two days (≥ 64 entries, a
    // quarter stale), and now and then an event arrives up to two hours late.
    const arb = fc.array(
      fc.record({
        acct: fc.constantFrom('A', 'A', 'A', 'B'),
        cpty: fc.integer({ min: 0, max: 39 }),
        gap: fc.integer({ min: 0, max: 6 }),
        late: fc.oneof(
          { arbitrary: fc.constant(0), weight: 30 },
          { arbitrary: fc.integer({ min: 1, max: 120 }), weight: 1 },
        ),
        yuan: fc.integer({ min: 1, max: 100_000 }),
      }),
      { minLength: 1200, maxLength: 1600, size: 'max' },
    );
    fc.assert(
      fc.property(arb, (items) => {
        const rs = ruleSet();
        const state = new FeatureState(rs.features);
        const history: NormalizedEvent[] = [];
        let clock = T0;
        items.forEach((it, i) => {
          clock += it.gap * MIN;
          const e = ev(i, it.acct, `p${it.cpty}`, clock - it.late * MIN, it.yuan);
          const got = state.values(e);
          expect(got.errors).toEqual([]);
          expect(got.values).toEqual(reference(history, e));
          state.record(e);
          history.push(e);
        });
      }),
      { numRuns: 20, endOnFailure: true }, // shrinking 1,500-event histories takes minutes: report the first
    );
  });
});
