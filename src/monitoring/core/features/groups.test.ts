import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, makeFxTable } from '../../../kernel/index.ts';
import { normalizeEvent, type NormalizedEvent } from '../normalize.ts';
import { compileRuleSet } from '../rules/compile.ts';
import type { CompiledFeature } from './compiled.ts';
import { groupFeatures } from './groups.ts';
import { FeatureState } from './state.ts';

const fx = makeFxTable({ source: 'test', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14', USD: '1' } }] });
const T0 = Date.parse('2026-11-26T00:00:00+08:00');
const pack = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as unknown;

function features(doc: unknown): readonly CompiledFeature[] {
  const r = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.ruleSet.features;
}

const types = ['transfer', 'payment', 'cash_withdrawal', 'cash_deposit', 'login'] as const;
const item = fc.record({
  from: fc.integer({ min: 0, max: 4 }),
  to: fc.integer({ min: 0, max: 4 }),
  minute: fc.integer({ min: 0, max: 4 * 24 * 60 }),
  yuan: fc.integer({ min: 1, max: 60_000 }),
  usd: fc.boolean(),
  type: fc.constantFrom(...types),
  org: fc.boolean(),
  device: fc.integer({ min: 0, max: 2 }),
});

type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;

function ev(i: number, it: Item): NormalizedEvent | undefined {
  const party = (n: number, org = false) => ({
    partyId: `p${n}`,
    partyType: org ? ('organization' as const) : ('person' as const),
    accountId: `a${n}`,
    country: n === 4 ? 'HK' : 'CN',
    isCustomer: n !== 3,
  });
  const n = normalizeEvent(
    {
      id: `e${i}`,
      type: it.type,
      occurredAt: new Date(T0 + it.minute * 60_000).toISOString(),
      ...(it.type === 'login' ? {} : { amount: { value: `${it.yuan}.00`, currency: it.usd ? 'USD' : 'CNY' } }),
      debtor: party(it.from, it.org),
      ...(it.type === 'login' ? {} : { creditor: party(it.to) }),
      device: { id: `d${it.device}`, ip: `10.0.0.${it.device}` },
    },
    { timeZone: 'Asia/Shanghai', fx },
  );
  return n.ok ? n.event : undefined;
}

describe('features that share a log', () => {
  for (const [name, file] of [
    ['bench-rules', '../../../../bench/packs/bench-rules.json'],
    ['aml-typologies', '../../packs/aml-typologies.json'],
  ] as const) {
    it(`give every ${name} feature the value it has with a log of its own, out-of-order arrivals included (property)`, () => {
      const fs = features(pack(file));
      // The pack really shares: fewer logs than features.
      expect(groupFeatures(fs).length).toBeLessThan(fs.length);
      fc.assert(
        fc.property(fc.array(item, { minLength: 1, maxLength: 80 }), (items) => {
          const shared = new FeatureState(fs);
          const alone = fs.map((f) => new FeatureState([{ ...f, index: 0 }]));
          items.forEach((it, i) => {
            const e = ev(i, it);
            if (!e) return;
            const got = shared.values(e);
            const want: Record<string, unknown> = {};
            const wantErrors: string[] = [];
            for (const s of alone) {
              const r = s.values(e);
              Object.assign(want, r.values);
              wantErrors.push(...r.errors.map((x) => x.message));
            }
            expect(got.values, `event ${i}`).toEqual(want);
            expect(Object.keys(got.values)).toEqual(fs.map((f) => f.id).filter((id) => id in want));
            expect(got.errors.map((x) => x.message)).toEqual(wantErrors);
            shared.record(e);
            for (const s of alone) s.record(e);
          });
        }),
        { numRuns: 60, seed: 20261130 },
      );
    });
  }
});
