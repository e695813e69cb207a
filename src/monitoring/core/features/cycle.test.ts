import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, makeFxTable } from '../../../kernel/index.ts';
import { compileRuleSet } from '../rules/compile.ts';
import { normalizeEvent, type NormalizedEvent } from '../normalize.ts';
import type { FeatureSpec } from './spec.ts';
import { FeatureState } from './state.ts';

const fx = makeFxTable({ source: 'test', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14' } }] });
const T0 = Date.parse('2026-03-01T00:00:00Z');
const H = 3_600_000;

function compiled(specs: FeatureSpec[]) {
  const r = compileRuleSet(
    { version: 't', name: 't', nameZh: '测', features: specs, typologies: [], rules: [] },
    { calendar: chinaCalendar(), defaultTimeZone: 'UTC' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.ruleSet.features;
}

function ev(i: number, from: string, to: string, minute: number): NormalizedEvent {
  const n = normalizeEvent(
    {
      id: `e${i}`,
      type: 'transfer',
      occurredAt: new Date(T0 + minute * 60_000).toISOString(),
      amount: { value: '10.00', currency: 'CNY' },
      debtor: { partyId: from, partyType: 'person', accountId: from },
      creditor: { partyId: to, partyType: 'person', accountId: to },
    },
    { timeZone: 'UTC', fx },
  );
  if (!n.ok) throw new Error('bad test event');
  return n.event;
}

interface Edge {
  from: string;
  to: string;
  t: number;
}

/** Every simple path payee → … → payer, the slow way: the shortest cycle the transfer closes. */
function referenceCycle(history: Edge[], e: Edge, windowMs: number, maxHops: number, ordered: boolean): number {
  if (e.from === e.to) return 1;
  const edges = history.filter((h) => h.t > e.t - windowMs && h.t <= e.t);
  let best = Infinity;
  const walk = (node: string, depth: number, lastT: number, visited: Set<string>): void => {
    if (node === e.from) {
      best = Math.min(best, depth);
      return;
    }
    if (depth >= maxHops - 1) return;
    for (const x of edges) {
      if (x.from !== node || visited.has(x.to) || (ordered && x.t < lastT)) continue;
      visited.add(x.to);
      walk(x.to, depth + 1, x.t, visited);
      visited.delete(x.to);
    }
  };
  walk(e.to, 0, -Infinity, new Set([e.to]));
  return best === Infinity ? 0 : best + 1;
}

describe('cycle feature', () => {
  it('agrees with brute-force path enumeration on small random graphs, out-of-order arrivals included (property)', () => {
    const arb = fc.record({
      maxHops: fc.integer({ min: 2, max: 6 }),
      ordered: fc.boolean(),
      windowH: fc.integer({ min: 1, max: 12 }),
      items: fc.array(
        fc.record({
          from: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
          to: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
          minute: fc.integer({ min: 0, max: 24 * 60 }),
        }),
        { minLength: 1, maxLength: 60 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ maxHops, ordered, windowH, items }) => {
        const spec: FeatureSpec = {
          id: 'cyc',
          entity: 'debtor.accountId',
          of: 'creditor.accountId',
          aggregation: 'cycle',
          window: `${windowH}h`,
          maxHops,
          ordered,
        };
        const state = new FeatureState(compiled([spec]));
        const history: Edge[] = [];
        items.forEach((it, i) => {
          const e = ev(i, it.from, it.to, it.minute);
          const edge = { from: it.from, to: it.to, t: e.time };
          const got = state.values(e).values.cyc;
          expect(got, `event ${i}`).toBe(referenceCycle(history, edge, windowH * H, maxHops, ordered));
          state.record(e);
          history.push(edge);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('finds a 6-transfer cycle and respects the hop limit and the window', () => {
    const spec = (maxHops: number, window = '1d'): FeatureSpec => ({
      id: `c${maxHops}_${window}`,
      entity: 'debtor.accountId',
      of: 'creditor.accountId',
      aggregation: 'cycle',
      window,
      maxHops,
    });
    const state = new FeatureState(compiled([spec(6), spec(5), spec(6, '3h')]));
    const ring = ['o', 'p', 'q', 'r', 's', 't'];
    for (let i = 0; i < 5; i++) state.record(ev(i, ring[i]!, ring[i + 1]!, i * 60));
    const closing = state.values(ev(9, 't', 'o', 5 * 60)).values;
    expect(closing).toEqual({ c6_1d: 6, c5_1d: 0, c6_3h: 0 });
  });

  it('count_same counts transfers to the same payee; lookup reads the payer as payee', () => {
    const state = new FeatureState(
      compiled([
        { id: 'same', entity: 'debtor.accountId', of: 'creditor.accountId', aggregation: 'count_same', window: '1d' },
        { id: 'recv', entity: 'creditor.accountId', lookup: 'debtor.accountId', aggregation: 'count', window: '1d' },
      ]),
    );
    state.record(ev(1, 'x', 'a', 0));
    state.record(ev(2, 'a', 'b', 1));
    state.record(ev(3, 'a', 'b', 2));
    state.record(ev(4, 'a', 'c', 3));
    state.record(ev(5, 'y', 'a', 4));
    expect(state.values(ev(6, 'a', 'b', 5)).values).toEqual({ same: 3, recv: 2 });
    expect(state.values(ev(7, 'a', 'a', 5)).values).toEqual({ same: 1, recv: 3 });
  });
});
