import { describe, expect, it } from 'vitest';
import { prf, prfOfSets, rocAuc, rocCurve } from './metrics.ts';

const items = (pos: number[], neg: number[]) => [
  ...pos.map((score) => ({ score, positive: true })),
  ...neg.map((score) => ({ score, positive: false })),
];

describe('backtest metrics', () => {
  it('precision, recall and F1 from counts', () => {
    expect(prf(3, 1, 2)).toEqual({ tp: 3, fp: 1, fn: 2, precision: 0.75, recall: 0.6, f1: (2 * 0.75 * 0.6) / 1.35 });
    expect(prf(0, 0, 5)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    const positives = new Set(['a', 'b', 'c']);
    expect(prfOfSets(['a', 'x', 'b'], (id) => positives.has(id), 3)).toMatchObject({ tp: 2, fp: 1, fn: 1 });
  });

  it('ROC AUC: perfect, inverted, random ties and a hand-computed case', () => {
    expect(rocAuc(items([3, 4], [1, 2]))).toBe(1);
    expect(rocAuc(items([1, 2], [3, 4]))).toBe(0);
    expect(rocAuc(items([5, 5], [5, 5, 5]))).toBe(0.5);
    // pairs: (3>1)(3>2)(3=3 half)(1=1 half)(1<2)(1<3) → (1+1+0.5+0.5)/6
    expect(rocAuc(items([3, 1], [1, 2, 3]))).toBeCloseTo(3 / 6, 12);
    expect(rocAuc(items([1], []))).toBeNaN();
  });

  it('ROC curve runs from (0,0) to (1,1) through one point per distinct score', () => {
    expect(rocCurve(items([3, 1], [2]))).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 1, tpr: 0.5 },
      { fpr: 1, tpr: 1 },
    ]);
  });
});
