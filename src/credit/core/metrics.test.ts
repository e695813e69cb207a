import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, cumulative, figures, ks } from './metrics.ts';

const items = (goods: number[], bads: number[]) => [
  ...goods.map((score) => ({ score, bad: false })),
  ...bads.map((score) => ({ score, bad: true })),
];

describe('AUC, KS and Gini (hand-computed)', () => {
  it('AUC counts good-over-bad pairs, ties as half', () => {
    // Goods 3, 4; bads 1, 3. Pairs: (3,1) 1, (3,3) ½, (4,1) 1, (4,3) 1 → 3.5 / 4.
    expect(auc(items([3, 4], [1, 3]))).toBe(0.875);
    expect(auc(items([1], [2]))).toBe(0);
    expect(auc(items([5, 5], [5]))).toBe(0.5);
    expect(auc(items([1], []))).toBeNaN();
  });
  it('KS is the widest gap of cumulative bad and good shares', () => {
    // At score 1: bads ½, goods 0; at 3: bads 1, goods ½; at 4: both 1 → KS ½.
    expect(ks(items([3, 4], [1, 3]))).toBe(0.5);
    expect(cumulative(items([3, 4], [1, 3])).map((p) => [p.bad, p.good])).toEqual([
      [0, 0],
      [0.5, 0],
      [1, 0.5],
      [1, 1],
    ]);
    expect(ks(items([10, 11], [1, 2]))).toBe(1);
  });
  it('Gini = 2 AUC − 1', () => {
    expect(figures(items([3, 4], [1, 3]))).toEqual({ auc: 0.875, ks: 0.5, gini: 0.75 });
  });
  it('AUC and KS stay in [0, 1] and AUC flips when scores are negated', () => {
    const arb = fc.array(fc.record({ score: fc.integer({ min: -5, max: 5 }), bad: fc.boolean() }), { maxLength: 60 });
    fc.assert(
      fc.property(arb, (xs) => {
        const a = auc(xs);
        const k = ks(xs);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(1);
        if (Number.isNaN(a)) return;
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
        expect(auc(xs.map((x) => ({ ...x, score: -x.score })))).toBeCloseTo(1 - a, 12);
      }),
    );
  });
});
