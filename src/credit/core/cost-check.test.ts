import { describe, expect, it } from 'vitest';
import { loanCashFlows } from './apr.ts';
import { checkAnnualisedCost } from './cost-check.ts';

const monthly = { periods: 12, periodsPerYear: 12, principalMinor: 1_200_000 };

describe('annualised cost against the stated rate and a cap', () => {
  it('an equal-instalment loan at a stated 12 % passes', () => {
    const flows = loanCashFlows({ ...monthly, nominalRate: 0.12, repayment: 'equal-instalment' });
    const c = checkAnnualisedCost(flows, { periodsPerYear: 12, statedRate: 0.12, cap: 0.24 });
    expect(c.findings).toEqual([]);
    expect(c.apr).toBeCloseTo(0.12, 4);
  });
  it('a "flat 10 %" loan is flagged with both figures in the reason', () => {
    const flows = loanCashFlows({ ...monthly, nominalRate: 0.1, repayment: 'flat' });
    const c = checkAnnualisedCost(flows, { periodsPerYear: 12, statedRate: 0.1, cap: 0.24 });
    expect(c.findings.map((f) => f.code)).toEqual(['apr_mismatch']);
    expect(c.findings[0]!.en).toBe(
      'The stated annual rate is 10.00 % but the annualised cost from the cash flows is 17.97 %.',
    );
    expect(c.findings[0]!.zh).toBe('标称年化利率为 10.00%，按现金流计算的综合年化成本为 17.97%。');
  });
  it('fees that push the cost over a 24 % cap are flagged', () => {
    // 12,000.00 at a stated 18 % equal instalments, 600.00 kept at disbursement and 30.00 a month in fees.
    const flows = loanCashFlows({
      ...monthly,
      nominalRate: 0.18,
      repayment: 'equal-instalment',
      upfrontFeeMinor: 60_000,
      periodicFeeMinor: 3_000,
    });
    const c = checkAnnualisedCost(flows, { periodsPerYear: 12, cap: 0.24 });
    expect(c.apr!).toBeGreaterThan(0.24);
    expect(c.findings.map((f) => f.code)).toEqual(['apr_over_cap']);
    expect(c.findings[0]!.zh).toContain('超过上限 24.00%');
  });
  it('flows without an IRR say so', () => {
    expect(checkAnnualisedCost([{ at: 0, minor: 100 }], { periodsPerYear: 12 }).findings[0]!.code).toBe(
      'apr_undefined',
    );
  });
});
