import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPack, runBacktest } from '../src/monitoring/backtest/index.ts';
import { simulate } from '../src/monitoring/simulate/index.ts';

// A small generated platform (about 20k events over 14 days, every injected pattern twice) through the
// aml-typologies pack: the queue an AML team would work, and whether the planted schemes are found.
describe('aml-typologies pack on simulated platform traffic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-sim-'));
  const out = join(dir, 'events.jsonl');
  const sim = simulate({
    out,
    events: 20_000,
    days: 14,
    seed: 11,
    start: '2026-03-01T00:00:00+08:00',
    patternsPerKind: 2,
  });

  it('writes labelled accounts beside the events, one per planted account', () => {
    const rows = readFileSync(sim.labels, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('accountId,suspicious,typology');
    expect(rows.length - 1).toBe(sim.labelledAccounts);
    expect(sim.events).toBeGreaterThan(18_000);
    expect(sim.patternEvents).toBeGreaterThan(50);
  });

  it('sends at most 1 % of ordinary events to review or block and alerts ≥ 90 % of planted accounts at ≥ 80 % precision', async () => {
    const r = await runBacktest({ data: out, rules: readPack('aml-typologies') });
    expect(r.data.rejected).toBe(0);
    expect(r.failures).toBe(0);
    expect(r.data.suspiciousAccounts).toBe(sim.labelledAccounts);
    const o = r.overall;
    expect(o.ordinary.events).toBe(sim.events - sim.patternEvents);
    expect(o.ordinary.share).toBeLessThanOrEqual(0.01);
    expect(o.ordinary.blocked).toBe(0);
    expect(o.account?.recall).toBeGreaterThanOrEqual(0.9);
    expect(o.account?.precision).toBeGreaterThanOrEqual(0.8);
    // Every kind of planted scheme is found at least once.
    expect(new Set(r.byPattern?.filter((p) => p.alerted > 0).map((p) => p.typology)).size).toBe(8);
  }, 120_000);
});
