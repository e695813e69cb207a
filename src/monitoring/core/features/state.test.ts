import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../../kernel/index.ts';
import { compileRuleSet } from '../rules/compile.ts';
import type { NormalizedEvent } from '../normalize.ts';
import { transfer } from './transfer.fixture.ts';
import type { FeatureSpec } from './spec.ts';
import { FeatureState } from './state.ts';

const T0 = Date.parse('2026-11-26T00:00:00+08:00');

const specs: FeatureSpec[] = [
  { id: 'cnt_10m', entity: 'debtor.accountId', aggregation: 'count', window: '10m' },
  { id: 'sum_1h', entity: 'debtor.accountId', aggregation: 'sum', window: '1h', value: 'amount', currency: 'CNY' },
  { id: 'min_1d', entity: 'debtor.accountId', aggregation: 'min', window: '1d', value: 'amount', currency: 'CNY' },
  { id: 'max_1d', entity: 'debtor.accountId', aggregation: 'max', window: '1d', value: 'amount', currency: 'CNY' },
  { id: 'avg_1d', entity: 'debtor.accountId', aggregation: 'avg', window: '1d', value: 'amount', currency: 'CNY' },
  { id: 'day_sum', entity: 'debtor.accountId', aggregation: 'sum', window: 'day', value: 'amount', currency: 'CNY' },
  { id: 'dist_cpty', entity: 'debtor.accountId', aggregation: 'distinct', window: '1d', of: 'creditor.accountId' },
  { id: 'new_cpty', entity: 'debtor.accountId', aggregation: 'is_new', window: '90d', of: 'creditor.accountId' },
  { id: 'since', entity: 'debtor.accountId', aggregation: 'since_last', window: '90d' },
  { id: 'first', entity: 'debtor.accountId', aggregation: 'first_seen', window: '90d' },
  {
    id: 'big_count',
    entity: 'debtor.accountId',
    aggregation: 'count',
    window: '1d',
    when: "event.type == 'transfer' && event.amount.minor >= cny(1000)",
  },
];

function compiled() {
  const r = compileRuleSet(
    { version: 't', name: 't', nameZh: '测', timeZone: 'Asia/Shanghai', features: specs, typologies: [], rules: [] },
    { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.ruleSet;
}

const ev = (i: number, acct: string, cpty: string, minute: number, yuan: number, type: string): NormalizedEvent =>
  transfer(i, acct, cpty, T0 + minute * 60_000, yuan, type);

/** The obvious, slow definition every feature must agree with. */
function reference(history: NormalizedEvent[], e: NormalizedEvent, id: string): number | boolean {
  const mine = history.filter((h) => h.debtor?.accountId === e.debtor?.accountId && h.time <= e.time);
  const inWin = (ms: number) => [...mine.filter((h) => h.time > e.time - ms), e];
  const minor = (xs: NormalizedEvent[]) => xs.map((x) => x.amount?.minor ?? 0);
  const H = 3_600_000;
  switch (id) {
    case 'cnt_10m':
      return inWin(600_000).length;
    case 'sum_1h':
      return minor(inWin(H)).reduce((a, b) => a + b, 0);
    case 'min_1d':
      return Math.min(...minor(inWin(24 * H)));
    case 'max_1d':
      return Math.max(...minor(inWin(24 * H)));
    case 'avg_1d': {
      const xs = minor(inWin(24 * H));
      return Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    }
    case 'day_sum':
      return minor([...mine.filter((h) => h.localDate === e.localDate), e]).reduce((a, b) => a + b, 0);
    case 'dist_cpty':
      return new Set(inWin(24 * H).map((x) => x.creditor?.accountId)).size;
    case 'new_cpty':
      return !mine.some((h) => h.creditor?.accountId === e.creditor?.accountId && h.time > e.time - 90 * 24 * H);
    case 'since': {
      const last = Math.max(...mine.map((h) => h.time));
      return mine.length === 0 ? -1 : e.time - last;
    }
    case 'first':
      return Math.min(e.time, ...mine.map((h) => h.time));
    case 'big_count':
      return [...mine.filter((h) => h.time > e.time - 24 * H), e].filter(
        (x) => x.type === 'transfer' && (x.amount?.minor ?? 0) >= 100_000,
      ).length;
    default:
      throw new Error(id);
  }
}

describe('window features', () => {
  it('agree with the reference definitions on random histories, out-of-order arrivals included (property)', () => {
    const rs = compiled();
    const arb = fc.array(
      fc.record({
        acct: fc.constantFrom('A', 'B', 'C'),
        cpty: fc.constantFrom('x', 'y', 'z', 'w'),
        minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        yuan: fc.integer({ min: 1, max: 5000 }),
        type: fc.constantFrom('transfer', 'payment'),
      }),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, (items) => {
        const state = new FeatureState(rs.features);
        const history: NormalizedEvent[] = [];
        items.forEach((it, i) => {
          const e = ev(i, it.acct, it.cpty, it.minute, it.yuan, it.type);
          const { values, errors } = state.values(e);
          expect(errors).toEqual([]);
          for (const s of specs) expect(values[s.id], `${s.id} at event ${i}`).toEqual(reference(history, e, s.id));
          state.record(e);
          history.push(e);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reading is pure: values() twice gives the same answer and records nothing', () => {
    const state = new FeatureState(compiled().features);
    const e = ev(1, 'A', 'x', 10, 100, 'transfer');
    const a = state.values(e);
    const b = state.values(e);
    expect(a).toEqual(b);
    expect(state.entityCount).toBe(0);
  });

  it('keeps sums exact in minor units', () => {
    const state = new FeatureState(compiled().features);
    let expected = 0;
    for (let i = 0; i < 1000; i++) {
      const e = ev(i, 'A', 'x', i % 50, 999_999, 'transfer');
      expected += 99_999_900;
      state.record(e);
    }
    const probe = ev(5000, 'A', 'x', 50, 1, 'transfer');
    expect(state.values(probe).values.day_sum).toBe(expected + 100);
  });
});

describe('idle entities', () => {
  it('are evicted without changing any value, late arrivals within a day included (property)', () => {
    const rs = compiled();
    const DAY_MIN = 24 * 60;
    const arb = fc.array(
      fc.record({
        acct: fc.constantFrom('A', 'B', 'C', 'D'),
        cpty: fc.constantFrom('x', 'y', 'z'),
        gap: fc.integer({ min: 0, max: 40 * DAY_MIN }),
        late: fc.integer({ min: 0, max: DAY_MIN - 1 }),
        yuan: fc.integer({ min: 1, max: 5000 }),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (items) => {
        const swept = new FeatureState(rs.features);
        const kept: NormalizedEvent[] = [];
        let clock = 0;
        let latest = Number.NEGATIVE_INFINITY;
        items.forEach((it, i) => {
          clock += it.gap;
          const e = ev(i, it.acct, it.cpty, clock - it.late, it.yuan, 'transfer');
          const got = swept.values(e).values;
          // first_seen and since_last remember for ever; every other feature must match its definition.
          for (const s of specs) expect(got[s.id], `${s.id} at event ${i}`).toEqual(reference(kept, e, s.id));
          swept.record(e);
          kept.push(e);
          latest = Math.max(latest, e.time);
          swept.evictIdle(latest);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('evicted between reading an event and recording it: the event starts a new history that later reads see', () => {
    const state = new FeatureState(compiled().features);
    state.record(ev(1, 'A', 'x', 0, 100, 'transfer'));
    const late = ev(2, 'A', 'y', 200 * 24 * 60, 50, 'transfer');
    expect(state.values(late).values.cnt_10m).toBe(1);
    // Long idle: every window-only history of A goes (first_seen and since_last remember it).
    expect(state.evictIdle(late.time)).toBeGreaterThan(0);
    state.record(late);
    const next = ev(3, 'A', 'z', 200 * 24 * 60 + 1, 10, 'transfer');
    expect(state.values(next).values.cnt_10m).toBe(2);
    expect(state.values(next).values.sum_1h).toBe(6_000);
  });

  it('leave memory: a stream of one-off entities holds only those active within the windows', () => {
    const state = new FeatureState(compiled().features);
    for (let i = 0; i < 5000; i++) state.record(ev(i, `acct${i}`, 'x', i * 40, 10, 'transfer'));
    // 5,000 one-off accounts, one every 40 minutes over 139 days: the 90-day feature holds at most
    // twice its last 93 days, the others at most twice their last few days, first_seen and since_last
    // all of them; without eviction every feature would hold all 5,000 (55,000 histories).
    const held = state.entityCount;
    expect(held).toBeLessThan(5000 * 2 + 2 * 3348 + 8 * 2 * 144);
    const dropped = state.evictIdle(T0 + 600 * 86_400_000);
    expect(dropped).toBeGreaterThan(0);
    // Only first_seen and since_last (they remember for ever, and keep the same entries: one history) are left.
    expect(state.entityCount).toBe(5000);
  });
});
