import { describe, expect, it } from 'vitest';
import { fitLogistic, predict, solve } from './logistic.ts';

describe('L2 logistic regression', () => {
  it('solves a linear system', () => {
    expect(
      solve(
        [
          [2, 1],
          [1, 3],
        ],
        [3, 5],
      ).map((v) => Number(v.toFixed(12))),
    ).toEqual([0.8, 1.4]);
  });
  it('without a penalty, recovers the log-odds of a 2×2 table exactly', () => {
    // x = 0: 1 bad, 3 goods → intercept ln(1/3); x = 1: 3 bads, 1 good → coefficient ln 3 − ln(1/3) = ln 9.
    const x = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const fit = fitLogistic(x, y, 0);
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 3), 8);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(9), 8);
    expect(predict(fit, [1])).toBeCloseTo(0.75, 8);
  });
  it('the L2 penalty shrinks the coefficient and leaves the fit deterministic', () => {
    const x = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const a = fitLogistic(x, y, 2);
    expect(a.coefficients[0]!).toBeLessThan(Math.log(9));
    expect(a.coefficients[0]!).toBeGreaterThan(0);
    expect(fitLogistic(x, y, 2)).toEqual(a);
  });
});
