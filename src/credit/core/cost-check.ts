import { annualisedCost, type CashFlow } from './apr.ts';

export interface CostFinding {
  code: 'apr_mismatch' | 'apr_over_cap' | 'apr_undefined';
  en: string;
  zh: string;
}

export interface CostCheck {
  /** The annualised rate from the cash flows (rate per period × periods per year); undefined without an IRR. */
  apr: number | undefined;
  effectiveAnnualRate: number | undefined;
  findings: CostFinding[];
}

const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
const pctZh = (x: number): string => `${(x * 100).toFixed(2)}%`;

/**
 * Checks a loan's annualised cost against what the lender states and a cap (e.g. 0.24, or four times
 * the one-year LPR of the day): the material for a `cn-lending` rule, with the figures in the reason.
 * `tolerance` is how far (as a rate, e.g. 0.0005 = 0.05 percentage points) the stated rate may be off.
 */
export function checkAnnualisedCost(
  flows: readonly CashFlow[],
  o: { periodsPerYear: number; statedRate?: number; cap?: number; tolerance?: number },
): CostCheck {
  const c = annualisedCost(flows, o.periodsPerYear);
  if (!c)
    return {
      apr: undefined,
      effectiveAnnualRate: undefined,
      findings: [
        {
          code: 'apr_undefined',
          en: 'The cash flows have no annualised rate (nothing is paid out, or nothing is repaid).',
          zh: '现金流无法计算年化利率（没有放款或没有还款）。',
        },
      ],
    };
  const findings: CostFinding[] = [];
  if (o.statedRate !== undefined && Math.abs(c.apr - o.statedRate) > (o.tolerance ?? 0.0005))
    findings.push({
      code: 'apr_mismatch',
      en: `The stated annual rate is ${pct(o.statedRate)} but the annualised cost from the cash flows is ${pct(c.apr)}.`,
      zh: `标称年化利率为 ${pctZh(o.statedRate)}，按现金流计算的综合年化成本为 ${pctZh(c.apr)}。`,
    });
  if (o.cap !== undefined && c.apr > o.cap)
    findings.push({
      code: 'apr_over_cap',
      en: `The annualised cost ${pct(c.apr)} exceeds the cap of ${pct(o.cap)}.`,
      zh: `综合年化成本 ${pctZh(c.apr)} 超过上限 ${pctZh(o.cap)}。`,
    });
  return { apr: c.apr, effectiveAnnualRate: c.effectiveAnnualRate, findings };
}
