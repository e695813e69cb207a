import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { EventSchema } from '../src/monitoring/core/event-schema.ts';
import { simulate, type SimulateOptions } from '../src/monitoring/simulate/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhili-simulate-'));
const opts = (name: string, seed: number): SimulateOptions => ({
  out: join(dir, `${name}.jsonl`),
  events: 8_000,
  days: 12,
  seed,
  start: '2026-03-01T00:00:00+08:00',
  patternsPerKind: 1,
});
const check = TypeCompiler.Compile(EventSchema);

describe('zhili simulate', () => {
  const a = simulate(opts('a', 5));
  const lines = readFileSync(a.out, 'utf8').trim().split('\n');
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('is reproducible: the same seed writes the same bytes, another seed other traffic', () => {
    const b = simulate(opts('b', 5));
    const c = simulate(opts('c', 6));
    expect(readFileSync(b.out, 'utf8')).toBe(readFileSync(a.out, 'utf8'));
    expect(readFileSync(b.labels, 'utf8')).toBe(readFileSync(a.labels, 'utf8'));
    expect(readFileSync(c.out, 'utf8')).not.toBe(readFileSync(a.out, 'utf8'));
  });

  it('writes POST /v1/events bodies in time order, with unique ids, the label only on planted events', () => {
    expect(events).toHaveLength(a.events);
    const bodies = events.map(({ label: _label, ...e }) => e);
    expect(bodies.filter((e) => !check.Check(e))).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const times = events.map((e) => Date.parse(e.occurredAt as string));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expect(events.filter((e) => 'label' in e)).toHaveLength(a.patternEvents);
  });

  it('has the shapes of a platform: busy merchants, salaries, cash, loans, new accounts', () => {
    const types = new Map<string, number>();
    for (const e of events) types.set(e.type as string, (types.get(e.type as string) ?? 0) + 1);
    for (const t of ['payment', 'transfer', 'cash_deposit', 'cash_withdrawal', 'loan_repayment', 'account_opening'])
      expect(types.get(t) ?? 0).toBeGreaterThan(0);
    const payersPerMerchantDay = new Map<string, Set<string>>();
    for (const e of events) {
      if (e.type !== 'payment') continue;
      const key = `${(e.creditor as { accountId: string }).accountId} ${(e.occurredAt as string).slice(0, 10)}`;
      const s = payersPerMerchantDay.get(key) ?? new Set<string>();
      s.add((e.debtor as { accountId: string }).accountId);
      payersPerMerchantDay.set(key, s);
    }
    expect(Math.max(...[...payersPerMerchantDay.values()].map((s) => s.size))).toBeGreaterThan(50);
    expect(a.labelledAccounts).toBeGreaterThanOrEqual(8);
  });

  it('refuses runs too short for the planted patterns', () => {
    expect(() => simulate({ ...opts('d', 1), days: 5 })).toThrow(/at least 10/);
  });
});
