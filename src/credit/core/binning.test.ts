import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBin, isMonotonic } from './bins.ts';
import { binCharacteristic, fineCuts } from './binning.ts';
import { optimalGrouping } from './optimal.ts';
import { totalOf, woeOf } from './woe.ts';

const opts = { fineBins: 20, minBinShare: 0.05, maxBins: 5, missing: new Set(['', 'NA']) };

describe('optimal grouping', () => {
  it('merges cells of like risk and keeps the split that carries the information', () => {
    const cells = [
      { good: 10, bad: 0 },
      { good: 10, bad: 0 },
      { good: 0, bad: 10 },
      { good: 0, bad: 10 },
    ];
    const g = optimalGrouping(cells, totalOf(cells), { minCount: 1, maxBins: 4, trend: 'auto' });
    expect(g.starts).toEqual([0, 2]);
  });
  it('merges a violator so the WOE is monotonic', () => {
    // Bad rates 10 %, 50 %, 20 %, 90 %: the 50 % cell breaks the rise and must be pooled with a neighbour.
    const cells = [
      { good: 9, bad: 1 },
      { good: 5, bad: 5 },
      { good: 8, bad: 2 },
      { good: 1, bad: 9 },
    ];
    const t = totalOf(cells);
    const g = optimalGrouping(cells, t, { minCount: 1, maxBins: 4, trend: 'increasing' });
    const woes = g.starts.map((s, k) => woeOf(totalOf(cells.slice(s, g.starts[k + 1] ?? cells.length)), t));
    expect(isMonotonic(woes)).toBe(true);
    expect(g.starts).toEqual([0, 1, 3]);
  });
  it('respects the minimum bin size', () => {
    const cells = [
      { good: 1, bad: 0 },
      { good: 20, bad: 10 },
      { good: 20, bad: 10 },
    ];
    const g = optimalGrouping(cells, totalOf(cells), { minCount: 5, maxBins: 3, trend: 'none' });
    expect(g.starts[0]).toBe(0);
    expect(g.starts).not.toContain(1);
  });
  it('monotone bins stay monotone: any counts, any trend asked for', () => {
    const cell = fc.record({ good: fc.integer({ min: 0, max: 40 }), bad: fc.integer({ min: 0, max: 40 }) });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 6 }), (cells, maxBins) => {
        const t = totalOf(cells);
        if (t.good === 0 || t.bad === 0) return;
        const g = optimalGrouping(cells, t, { minCount: 3, maxBins, trend: 'auto' });
        expect(g.starts.length).toBeLessThanOrEqual(maxBins);
        expect(g.starts[0]).toBe(0);
        const woes = g.starts.map((s, k) => woeOf(totalOf(cells.slice(s, g.starts[k + 1] ?? cells.length)), t));
        expect(isMonotonic(woes)).toBe(true);
      }),
    );
  });
});

describe('binning a characteristic', () => {
  it('fine classes: every value when few, quantiles otherwise', () => {
    expect(fineCuts([1, 1, 2, 3, 3, 4], 20)).toEqual([2, 3, 4]);
    const many = Array.from({ length: 100 }, (_, i) => i);
    expect(fineCuts(many, 4)).toEqual([25, 50, 75]);
  });
  it('numeric: monotonic ranges, missing values in their own bin, every value found again', () => {
    const values: string[] = [];
    const bad: boolean[] = [];
    for (let i = 0; i < 400; i++) {
      values.push(i % 40 === 0 ? 'NA' : String(i % 100));
      bad.push((i * 7919) % 100 < (i % 100) * 0.6);
    }
    const c = binCharacteristic('x', 'numeric', values, bad, {}, opts);
    expect(c.ordinal).toBe(true);
    expect(c.monotonic).toBe(true);
    expect(c.bins.at(-1)?.match).toEqual({ kind: 'missing' });
    expect(c.bins.reduce((s, b) => s + b.good + b.bad, 0)).toBe(400);
    for (const v of values) expect(findBin(c.bins, v, opts.missing)).toBeGreaterThanOrEqual(0);
    expect(c.iv).toBeCloseTo(
      c.bins.reduce((s, b) => s + b.iv, 0),
      12,
    );
  });
  it('numeric: user-fixed cut points are used as given', () => {
    const values = ['1', '5', '10', '15', '20', '25', '30', '35'];
    const bad = [true, false, true, false, false, true, false, false];
    const c = binCharacteristic('x', 'numeric', values, bad, { cuts: [12, 30] }, opts);
    expect(c.fixed).toBe(true);
    expect(c.bins.map((b) => b.match)).toEqual([
      { kind: 'range', lower: null, upper: 12 },
      { kind: 'range', lower: 12, upper: 30 },
      { kind: 'range', lower: 30, upper: null },
    ]);
    expect(c.bins.map((b) => [b.good, b.bad])).toEqual([
      [1, 2],
      [2, 1],
      [2, 0],
    ]);
  });
  it('categorical: categories grouped by bad rate; an order makes it ordinal and monotonic', () => {
    const values = [...Array<string>(30).fill('a'), ...Array<string>(30).fill('b'), ...Array<string>(30).fill('c')];
    const bad = values.map((v, i) => (v === 'a' ? i % 10 < 1 : v === 'b' ? i % 10 < 6 : i % 10 < 2));
    const c = binCharacteristic('x', 'categorical', values, bad, {}, { ...opts, minBinShare: 0 });
    expect(c.ordinal).toBe(false);
    expect(c.bins.map((b) => b.match)).toEqual([
      { kind: 'categories', values: ['a'] },
      { kind: 'categories', values: ['c'] },
      { kind: 'categories', values: ['b'] },
    ]);
    const o = binCharacteristic('x', 'categorical', values, bad, { order: ['a', 'b', 'c'] }, opts);
    expect(o.ordinal).toBe(true);
    expect(o.monotonic).toBe(true);
    expect(o.bins.flatMap((b) => (b.match.kind === 'categories' ? b.match.values : []))).toEqual(['a', 'b', 'c']);
  });
});
