import { describe, expect, it } from 'vitest';
import { psi, scoreBandsOf, shareIn } from './stability.ts';

describe('population stability', () => {
  it('PSI of a hand-computed shift', () => {
    // (0.6 − 0.5) ln(0.6/0.5) + (0.4 − 0.5) ln(0.4/0.5) = 0.1 × 0.182322 + 0.1 × 0.223144 = 0.0405465
    expect(psi([0.5, 0.5], [0.6, 0.4])).toBeCloseTo(0.0405465, 6);
    expect(psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
    // An empty band counts as a share of 1e-4: (1e-4 − 0.5) ln(1e-4 / 0.5) + (1 − 0.5) ln(1 / 0.5)
    expect(psi([0.5, 0.5], [0, 1])).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 9);
  });
  it('score bands at the deciles hold a tenth each, and shares add up to one', () => {
    const scores = Array.from({ length: 100 }, (_, i) => 300 + i * 3);
    const b = scoreBandsOf(scores);
    expect(b.cuts).toHaveLength(9);
    for (const s of b.shares) expect(s).toBeCloseTo(0.1, 12);
    expect(shareIn([0, 10_000], b.cuts)).toEqual([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]);
    expect(psi(b.shares, shareIn(scores, b.cuts))).toBe(0);
  });
});
