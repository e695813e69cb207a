import { describe, expect, it } from 'vitest';
import { makeFxTable } from '../src/kernel/index.ts';
import { compilePack, readPack } from '../src/monitoring/backtest/index.ts';
import type { EventInput } from '../src/monitoring/core/event-schema.ts';
import { FeatureState } from '../src/monitoring/core/features/state.ts';
import { normalizeEvent } from '../src/monitoring/core/normalize.ts';
import { decide } from '../src/monitoring/core/rules/decide.ts';
import { fxTableData } from '../src/monitoring/packs/load.ts';

const rs = compilePack(readPack('aml-typologies'));
const fx = makeFxTable(fxTableData());
const person = (id: string) => ({ partyId: id, partyType: 'person' as const, accountId: `ac-${id}` });
const shop = { partyId: 'shop', partyType: 'organisation' as const, accountId: 'ac-shop' };

/** Decides events one after another through the pack, as the decision API would. */
function run(events: EventInput[]): { id: string; outcome: string; rules: string[] }[] {
  const state = new FeatureState(rs.features);
  return events.map((input) => {
    const n = normalizeEvent(input, { timeZone: rs.timeZone, fx });
    if (!n.ok) throw new Error(JSON.stringify(n.errors));
    const fv = state.values(n.event);
    const d = decide(rs, n.event, fv.values, [], {}, n.event.time);
    state.record(n.event);
    return { id: input.id, outcome: d.outcome, rules: d.reasons.map((r) => r.ruleId) };
  });
}

const at = (day: number, hour: number, minute = 0): string =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;

describe('aml-typologies pack on ordinary and suspicious behaviour', () => {
  it('allows three small payments by one customer to one merchant in a day', () => {
    const out = run(
      [8, 12, 18].map((h, i) => ({
        id: `pay-${i}`,
        type: 'payment',
        occurredAt: at(2, h),
        amount: { value: '15.00', currency: 'CNY' },
        debtor: person('alice'),
        creditor: shop,
      })),
    );
    expect(out.map((o) => o.outcome)).toEqual(['allow', 'allow', 'allow']);
  });

  it('does not treat a popular merchant as fan-in: 300 payers in a day are allowed', () => {
    const out = run(
      Array.from({ length: 300 }, (_, i) => ({
        id: `m-${i}`,
        type: 'payment' as const,
        occurredAt: at(3, 8 + Math.floor(i / 30), i % 60),
        amount: { value: '38.50', currency: 'CNY' },
        debtor: person(`c${i}`),
        creditor: shop,
      })),
    );
    expect(out.filter((o) => o.outcome !== 'allow')).toEqual([]);
  });

  it('alerts structuring by cash deposit on the receiving customer (no debtor)', () => {
    const out = run(
      [1, 2, 3, 4].map((d) => ({
        id: `dep-${d}`,
        type: 'cash_deposit' as const,
        occurredAt: at(d + 1, 10),
        amount: { value: '49000.00', currency: 'CNY' },
        creditor: person('bob'),
        channel: 'counter',
      })),
    );
    expect(out.map((o) => o.outcome)).toEqual(['allow', 'allow', 'review', 'review']);
    expect(out[2]?.rules).toContain('aml-near-threshold-deposit');
  });

  it('alerts structuring by cash withdrawal on the paying customer', () => {
    const out = run(
      [1, 2, 3].map((d) => ({
        id: `wd-${d}`,
        type: 'cash_withdrawal' as const,
        occurredAt: at(d + 1, 15),
        amount: { value: '48500.00', currency: 'CNY' },
        debtor: person('carol'),
        channel: 'atm',
      })),
    );
    expect(out[2]).toMatchObject({ outcome: 'review' });
    expect(out[2]?.rules).toContain('aml-near-threshold-out');
  });

  it('alerts a collection account: many payers in, most of it passed on', () => {
    const ins: EventInput[] = Array.from({ length: 12 }, (_, i) => ({
      id: `in-${i}`,
      type: 'transfer',
      occurredAt: at(5, 9 + (i % 8), i),
      amount: { value: '3000.00', currency: 'CNY' },
      debtor: person(`v${i}`),
      creditor: person('mule'),
    }));
    const outTx: EventInput = {
      id: 'out-1',
      type: 'transfer',
      occurredAt: at(6, 10),
      amount: { value: '32000.00', currency: 'CNY' },
      debtor: person('mule'),
      creditor: person('boss'),
    };
    const out = run([...ins, outTx]);
    expect(out.slice(0, 12).every((o) => o.outcome === 'allow')).toBe(true);
    expect(out[12]).toMatchObject({ outcome: 'review' });
    expect(out[12]?.rules).toEqual(expect.arrayContaining(['aml-fan-in', 'aml-pass-through']));
  });
});
