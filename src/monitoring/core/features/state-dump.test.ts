import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, makeFxTable } from '../../../kernel/index.ts';
import { normalizeEvent, type NormalizedEvent } from '../normalize.ts';
import { compileRuleSet } from '../rules/compile.ts';
import type { CompiledFeature } from './compiled.ts';
import { FeatureState } from './state.ts';
import { StateDumpError, StateDumpSchema, type StateDump } from './state-dump.ts';

const fx = makeFxTable({ source: 'test', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14', USD: '1' } }] });
const T0 = Date.parse('2026-11-26T00:00:00+08:00');
const HOUR = 60;

function features(file: string): readonly CompiledFeature[] {
  const doc = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as unknown;
  const r = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.ruleSet.features;
}

const types = ['transfer', 'payment', 'cash_withdrawal', 'cash_deposit', 'login'] as const;
/** Gaps up to 40 days (histories pruned, idle entities swept), arrivals up to 4 days late. */
const item = fc.record({
  from: fc.integer({ min: 0, max: 2 }),
  to: fc.integer({ min: 0, max: 3 }),
  gap: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 * 24 * HOUR })),
  late: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 * 24 * HOUR })),
  yuan: fc.integer({ min: 1, max: 60_000 }),
  usd: fc.boolean(),
  type: fc.constantFrom(...types),
  device: fc.integer({ min: 0, max: 2 }),
});
type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;

function events(items: readonly Item[]): NormalizedEvent[] {
  let minute = 0;
  const out: NormalizedEvent[] = [];
  items.forEach((it, i) => {
    minute += it.gap;
    const party = (n: number) => ({ partyId: `p${n}`, partyType: 'person' as const, accountId: `a${n}` });
    const n = normalizeEvent(
      {
        id: `e${i}`,
        type: it.type,
        occurredAt: new Date(T0 + (minute - it.late) * 60_000).toISOString(),
        ...(it.type === 'login' ? {} : { amount: { value: `${it.yuan}.00`, currency: it.usd ? 'USD' : 'CNY' } }),
        debtor: party(it.from),
        ...(it.type === 'login' ? {} : { creditor: party(it.to) }),
        device: { id: `d${it.device}`, ip: `10.0.0.${it.device}` },
      },
      { timeZone: 'Asia/Shanghai', fx },
    );
    if (n.ok) out.push(n.event);
  });
  return out;
}

/** Through text and the schema, as a snapshot travels. */
const roundTrip = (d: StateDump): StateDump => {
  const back: unknown = JSON.parse(JSON.stringify(d));
  if (!Value.Check(StateDumpSchema, back)) throw new Error('dump does not match its schema');
  return back;
};

describe('window state dump (snapshots)', () => {
  // bench-rules has short windows, so these histories get pruned; the AML pack's longer ones mostly not.
  for (const [name, file, prunes] of [
    ['bench-rules', '../../../../bench/packs/bench-rules.json', true],
    ['aml-typologies', '../../packs/aml-typologies.json', false],
  ] as const) {
    it(`${name}: restoring from a dump every few events and recording on equals recording everything, values and state (property)`, () => {
      const fs = features(file);
      let pruned = 0;
      fc.assert(
        fc.property(
          fc.array(item, { minLength: 100, maxLength: 400 }),
          fc.integer({ min: 1, max: 120 }),
          (items, every) => {
            const whole = new FeatureState(fs);
            let restored = new FeatureState(fs);
            for (const [i, e] of events(items).entries()) {
              if (i % every === 0) {
                const next = new FeatureState(fs);
                next.load(roundTrip(restored.dump()));
                restored = next;
              }
              const want = whole.values(e);
              const got = restored.values(e);
              expect(got.values, `event ${i}`).toEqual(want.values);
              expect(got.errors.map((x) => x.message)).toEqual(want.errors.map((x) => x.message));
              whole.record(e);
              restored.record(e);
            }
            const end = whole.dump();
            expect(restored.dump()).toEqual(end);
            expect(restored.entityCount).toBe(whole.entityCount);
            for (const g of end.groups) for (const l of g.logs.logs) if (l.firstSeen < (l.d[0] ?? 0)) pruned++;
          },
        ),
        { numRuns: 30, seed: 20261130, endOnFailure: true }, // shrinking 400-event histories takes minutes
      );
      // The histories really were pruned (and idle entities swept): the dump carries what pruning keeps.
      if (prunes) expect(pruned).toBeGreaterThan(0);
    });
  }

  it('refuses a dump of other features, a log out of order, a loaded state loaded again', () => {
    const fs = features('../../packs/aml-typologies.json');
    const other = features('../../../../bench/packs/bench-rules.json');
    const s = new FeatureState(fs);
    for (const e of events([{ from: 1, to: 2, gap: 5, late: 0, yuan: 10, usd: false, type: 'transfer', device: 0 }]))
      s.record(e);
    const dump = s.dump();
    expect(() => new FeatureState(other).load(dump)).toThrow(StateDumpError);
    expect(() => s.load(dump)).toThrow(/recorded events/);
    const g = dump.groups.find((x) => x.logs.logs.length > 0);
    const log = g?.logs.logs[0];
    if (!log) throw new Error('no history in the dump');
    log.d = [...log.d, ...log.d.map((v, i) => (i % 4 === 0 ? v - 1 : v))];
    expect(() => new FeatureState(fs).load(dump)).toThrow(/out of time order/);
    log.d = log.d.slice(0, 3);
    expect(() => new FeatureState(fs).load(dump)).toThrow(/no whole entries/);
  });
});
