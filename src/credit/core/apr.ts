/**
 * Annualised cost of a loan from its cash flows (the IRR method China's lending rules ask lenders to
 * disclose): the rate r per period at which the present value of everything the borrower receives
 * equals that of everything the borrower pays, every fee included. Amounts are integer minor units.
 */
export interface CashFlow {
  /** Periods after disbursement (months for a monthly loan); may be fractional. */
  at: number;
  /** Minor units: positive to the borrower, negative from the borrower. */
  minor: number;
}

export interface Irr {
  /** Rate per period. */
  rate: number;
  method: 'newton' | 'bisection';
  iterations: number;
}

const npv = (flows: readonly CashFlow[], r: number): number =>
  flows.reduce((s, f) => s + f.minor / Math.pow(1 + r, f.at), 0);

const dnpv = (flows: readonly CashFlow[], r: number): number =>
  flows.reduce((s, f) => s - (f.at * f.minor) / Math.pow(1 + r, f.at + 1), 0);

/**
 * Internal rate of return per period: Newton's method from 1 %, which converges in a handful of steps
 * for ordinary loans; when it leaves (−1, ∞), stalls or oscillates, bisection on a bracket where the
 * NPV changes sign. Undefined when the flows have no sign change (nothing borrowed or nothing repaid).
 */
export function irr(flows: readonly CashFlow[]): Irr | undefined {
  if (!flows.some((f) => f.minor > 0) || !flows.some((f) => f.minor < 0)) return undefined;
  const scale = flows.reduce((s, f) => s + Math.abs(f.minor), 0);
  const tol = 1e-12;
  let r = 0.01;
  for (let i = 1; i <= 50; i++) {
    const d = dnpv(flows, r);
    if (d === 0 || !Number.isFinite(d)) break;
    const next = r - npv(flows, r) / d;
    if (!Number.isFinite(next) || next <= -1) break;
    if (Math.abs(next - r) < tol && Math.abs(npv(flows, next)) / scale < 1e-9)
      return { rate: next, method: 'newton', iterations: i };
    r = next;
  }
  let lo = -0.999999;
  let hi = 1;
  while (Math.sign(npv(flows, lo)) === Math.sign(npv(flows, hi)) && hi < 1e6) hi *= 2;
  if (Math.sign(npv(flows, lo)) === Math.sign(npv(flows, hi))) return undefined;
  let i = 0;
  for (; i < 300 && hi - lo > tol; i++) {
    const mid = (lo + hi) / 2;
    if (Math.sign(npv(flows, mid)) === Math.sign(npv(flows, lo))) lo = mid;
    else hi = mid;
  }
  return { rate: (lo + hi) / 2, method: 'bisection', iterations: i };
}

export interface AnnualisedCost {
  periodRate: number;
  /** The rate per period × periods per year: the annualised rate (年化利率) lenders state. */
  apr: number;
  /** (1 + rate per period)^(periods per year) − 1, compounding included. */
  effectiveAnnualRate: number;
  method: Irr['method'];
}

export function annualisedCost(flows: readonly CashFlow[], periodsPerYear: number): AnnualisedCost | undefined {
  const x = irr(flows);
  if (!x) return undefined;
  return {
    periodRate: x.rate,
    apr: x.rate * periodsPerYear,
    effectiveAnnualRate: Math.pow(1 + x.rate, periodsPerYear) - 1,
    method: x.method,
  };
}

export type RepaymentMethod = 'equal-instalment' | 'equal-principal' | 'flat' | 'bullet';

export interface LoanTerms {
  principalMinor: number;
  periods: number;
  periodsPerYear: number;
  /** Stated annual rate, e.g. 0.12. For `flat`, charged on the original principal every period. */
  nominalRate: number;
  repayment: RepaymentMethod;
  /** Deducted from the amount paid out (e.g. a service fee taken at disbursement). */
  upfrontFeeMinor?: number;
  /** Added to every instalment (e.g. a monthly account-management fee). */
  periodicFeeMinor?: number;
}

export interface Instalment {
  period: number;
  principal: number;
  interest: number;
  fee: number;
  payment: number;
}

/**
 * The repayment schedule in minor units: interest rounded to the minor unit each period, and the last
 * instalment repaying whatever principal is left, so the principal always adds up exactly.
 * equal-instalment = 等额本息, equal-principal = 等额本金, flat = 等本等息, bullet = 到期还本付息.
 */
export function repaymentSchedule(t: LoanTerms): Instalment[] {
  const r = t.nominalRate / t.periodsPerYear;
  const fee = t.periodicFeeMinor ?? 0;
  const level = r === 0 ? t.principalMinor / t.periods : (t.principalMinor * r) / (1 - Math.pow(1 + r, -t.periods));
  const out: Instalment[] = [];
  let balance = t.principalMinor;
  for (let k = 1; k <= t.periods; k++) {
    const last = k === t.periods;
    let interest: number;
    let principal: number;
    switch (t.repayment) {
      case 'equal-instalment':
        interest = Math.round(balance * r);
        principal = last ? balance : Math.round(level) - interest;
        break;
      case 'equal-principal':
        interest = Math.round(balance * r);
        principal = last ? balance : Math.round(t.principalMinor / t.periods);
        break;
      case 'flat':
        interest = Math.round(t.principalMinor * r);
        principal = last ? balance : Math.round(t.principalMinor / t.periods);
        break;
      case 'bullet':
        interest = last ? Math.round(t.principalMinor * r * t.periods) : 0;
        principal = last ? balance : 0;
        break;
    }
    balance -= principal;
    out.push({ period: k, principal, interest, fee, payment: principal + interest + fee });
  }
  return out;
}

/** The borrower's cash flows: the amount paid out (less upfront fees) at 0, then every instalment. */
export function loanCashFlows(t: LoanTerms, schedule: readonly Instalment[] = repaymentSchedule(t)): CashFlow[] {
  return [
    { at: 0, minor: t.principalMinor - (t.upfrontFeeMinor ?? 0) },
    ...schedule.map((s) => ({ at: s.period, minor: -s.payment })),
  ];
}
