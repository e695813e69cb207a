import { describe, expect, it } from 'vitest';
import { ivOf, woeOf } from './woe.ts';

describe('WOE and IV (hand-computed)', () => {
  // Two bins of ten applicants: A = 4 goods, 1 bad; B = 1 good, 4 bads. Totals: 5 goods, 5 bads.
  const totals = { good: 5, bad: 5 };
  it('WOE is ln(bad share / good share)', () => {
    expect(woeOf({ good: 4, bad: 1 }, totals)).toBeCloseTo(Math.log(0.2 / 0.8), 12); // −1.386294
    expect(woeOf({ good: 1, bad: 4 }, totals)).toBeCloseTo(Math.log(4), 12); // +1.386294
  });
  it('IV sums (bad share − good share) × WOE over bins', () => {
    const iv = ivOf({ good: 4, bad: 1 }, totals) + ivOf({ good: 1, bad: 4 }, totals);
    expect(iv).toBeCloseTo(1.2 * Math.log(4), 12); // 1.663553
    expect(iv).toBeCloseTo(1.663553, 6);
  });
  it('an empty cell gets half an observation in each cell of its bin, so WOE stays finite', () => {
    // Totals 4 goods, 2 bads; the bin has 2 goods and no bad: (0.5/2) / (2.5/4) = 0.4.
    expect(woeOf({ good: 2, bad: 0 }, { good: 4, bad: 2 })).toBeCloseTo(Math.log(0.4), 12);
    expect(ivOf({ good: 2, bad: 0 }, { good: 4, bad: 2 })).toBeCloseTo((0.25 - 0.625) * Math.log(0.4), 12);
    // Bins with both classes present are untouched by the correction.
    expect(woeOf({ good: 2, bad: 2 }, { good: 4, bad: 2 })).toBeCloseTo(Math.log(1 / 0.5), 12);
  });
});
