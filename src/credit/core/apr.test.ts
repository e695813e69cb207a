import { describe, expect, it } from 'vitest';
import { annualisedCost, irr, loanCashFlows, repaymentSchedule, type LoanTerms } from './apr.ts';

const monthly = { periods: 12, periodsPerYear: 12 };

describe('annualised cost by IRR (hand-computed cases)', () => {
  it('12-month equal-instalment loan of CNY 12,000.00 at 12 %: the IRR is the stated 1 % a month', () => {
    const t: LoanTerms = { principalMinor: 1_200_000, nominalRate: 0.12, repayment: 'equal-instalment', ...monthly };
    const s = repaymentSchedule(t);
    // Instalment = 1,200,000 × 0.01 / (1 − 1.01^−12) = 106,618.55 fen → 106,619; first interest 1 % of 1,200,000.
    expect(s[0]).toEqual({ period: 1, principal: 94_619, interest: 12_000, fee: 0, payment: 106_619 });
    expect(s.reduce((a, x) => a + x.principal, 0)).toBe(1_200_000);
    const c = annualisedCost(loanCashFlows(t, s), 12)!;
    expect(c.periodRate).toBeCloseTo(0.01, 6);
    expect(c.apr).toBeCloseTo(0.12, 5);
    // (1.01)^12 − 1 = 0.126825
    expect(c.effectiveAnnualRate).toBeCloseTo(0.126825, 5);
  });

  it('a fee taken up front: CNY 10,000.00 lent, 1,000.00 kept as a fee, 10,000.00 repaid after a year', () => {
    const t: LoanTerms = {
      principalMinor: 1_000_000,
      nominalRate: 0,
      repayment: 'bullet',
      upfrontFeeMinor: 100_000,
      ...monthly,
    };
    const flows = loanCashFlows(t);
    expect(flows[0]).toEqual({ at: 0, minor: 900_000 });
    expect(flows.at(-1)).toEqual({ at: 12, minor: -1_000_000 });
    const c = annualisedCost(flows, 12)!;
    // 9,000 grows to 10,000 in a year: effective 10/9 − 1 = 11.1111 %; per month (10/9)^(1/12) − 1 = 0.8818701 %.
    expect(c.effectiveAnnualRate).toBeCloseTo(1 / 9, 9);
    expect(c.periodRate).toBeCloseTo(0.0088187006, 9);
    expect(c.apr).toBeCloseTo(0.1058244073, 8);
  });

  it('a "flat" 10 % a year (等本等息) on CNY 12,000.00 costs about 17.97 % a year', () => {
    // Interest 100.00 a month on the original 12,000.00 although the balance falls: 1,000 + 100 each month.
    const t: LoanTerms = { principalMinor: 1_200_000, nominalRate: 0.1, repayment: 'flat', ...monthly };
    const s = repaymentSchedule(t);
    expect(s.every((x) => x.payment === 110_000)).toBe(true);
    // 12,000 = 1,100 × (1 − (1 + r)^−12) / r  ⇒  r = 1.4977 % a month, 17.972 % a year.
    const c = annualisedCost(loanCashFlows(t, s), 12)!;
    expect(c.periodRate).toBeCloseTo(0.0149766646, 9);
    expect(c.apr).toBeCloseTo(0.17972, 5);
  });

  it('fees raise the annualised cost above the stated rate; equal-principal at a stated rate keeps it', () => {
    const fee: LoanTerms = {
      principalMinor: 1_200_000,
      nominalRate: 0.12,
      repayment: 'equal-instalment',
      upfrontFeeMinor: 24_000,
      periodicFeeMinor: 1_000,
      ...monthly,
    };
    const withFees = annualisedCost(loanCashFlows(fee), 12)!;
    expect(withFees.apr).toBeGreaterThan(0.12 + 0.01);
    const ep = annualisedCost(
      loanCashFlows({ principalMinor: 1_200_000, nominalRate: 0.18, repayment: 'equal-principal', ...monthly }),
      12,
    )!;
    expect(ep.apr).toBeCloseTo(0.18, 5);
  });

  it('falls back to bisection when Newton cannot start, and gives up on flows without a sign change', () => {
    // A near-total loss: 100 lent, 1 repaid in month 1. IRR = −99 % a month; Newton from +1 % leaves (−1, ∞).
    const x = irr([
      { at: 0, minor: 100 },
      { at: 1, minor: -1 },
    ])!;
    expect(x.rate).toBeCloseTo(-0.99, 9);
    expect(x.method).toBe('bisection');
    expect(irr([{ at: 0, minor: 100 }])).toBeUndefined();
    expect(
      irr([
        { at: 0, minor: -100 },
        { at: 1, minor: -1 },
      ]),
    ).toBeUndefined();
  });
});
