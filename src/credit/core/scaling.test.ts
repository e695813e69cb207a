import { describe, expect, it } from 'vitest';
import { binPoints, scalingFactors } from './scaling.ts';

describe('points scaling (hand-computed)', () => {
  const f = scalingFactors({ baseScore: 600, baseOdds: 19, pdo: 50 });
  it('factor = PDO / ln 2, offset = base score − factor × ln(base odds)', () => {
    expect(f.factor).toBeCloseTo(72.134752, 5);
    expect(f.offset).toBeCloseTo(600 - 72.134752 * 2.944439, 3); // 387.6037
    expect(f.offset + f.factor * Math.log(19)).toBeCloseTo(600, 9);
    expect(f.offset + f.factor * Math.log(38)).toBeCloseTo(650, 9);
  });
  it('bin points = −(coef × WOE) × factor + (offset − factor × intercept) / n', () => {
    // coef 0.8, WOE 0.5, intercept −0.9, 4 characteristics:
    // −0.4 × 72.134752 + (387.6037 + 64.921277) / 4 = −28.853901 + 113.131244 = 84.277343
    expect(binPoints(0.8, 0.5, -0.9, 4, f)).toBeCloseTo(84.2773, 3);
  });
  it("a card's points add up to offset + factor × ln(odds of good)", () => {
    const intercept = -0.9;
    const parts = [
      { coef: 0.8, woe: 0.5 },
      { coef: 1.1, woe: -0.3 },
      { coef: 0.4, woe: 1.2 },
    ];
    const logOddsBad = intercept + parts.reduce((s, p) => s + p.coef * p.woe, 0);
    const total = parts.reduce((s, p) => s + binPoints(p.coef, p.woe, intercept, parts.length, f), 0);
    expect(total).toBeCloseTo(f.offset + f.factor * -logOddsBad, 9);
  });
});
