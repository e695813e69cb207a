import { parseMoney } from '../../kernel/index.ts';
import {
  annualisedCost,
  loanCashFlows,
  repaymentSchedule,
  type Instalment,
  type LoanTerms,
  type RepaymentMethod,
} from './apr.ts';

type Attributes = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A loan's terms as a platform sends them in a loan event's attributes (monthly instalments):
 * `termMonths`; `interestRate` (the nominal annual rate the schedule is built with; `statedRate` if
 * absent); `repayment` (equal-instalment 等额本息, the default, equal-principal, flat, bullet);
 * `upfrontFee` and `monthlyFee` in major units of the loan's currency; or `payments`, the instalments
 * themselves as comma-separated amounts in major units (then the schedule is exactly what is paid).
 * `statedRate` is the annualised rate the lender shows the borrower.
 */
export interface ParsedLoan {
  terms: LoanTerms;
  schedule: Instalment[];
  /** The IRR-based annualised rate (rate per month × 12). */
  apr: number;
  statedRate: number | undefined;
}

const methods: readonly RepaymentMethod[] = ['equal-instalment', 'equal-principal', 'flat', 'bullet'];

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v.trim().endsWith('%') ? v.trim().slice(0, -1) : v);
  if (!Number.isFinite(n)) return undefined;
  return v.trim().endsWith('%') ? n / 100 : n;
};

const minor = (v: string | number | boolean | null | undefined, currency: string): number | undefined => {
  if (v === undefined || v === null) return 0;
  const m = parseMoney(String(v).trim(), currency);
  return m.ok ? m.value.minor : undefined;
};

/** The loan in an event, or why it cannot be read (in English, for the fail-closed reason). */
export function loanFromAttributes(
  principalMinor: number,
  currency: string,
  a: Attributes,
): { ok: true; loan: ParsedLoan } | { ok: false; message: string } {
  const periods = num(a.termMonths);
  if (periods === undefined || !Number.isInteger(periods) || periods < 1 || periods > 600)
    return { ok: false, message: 'attribute termMonths (1–600) is missing or not a whole number' };
  const stated = a.statedRate === undefined || a.statedRate === null ? undefined : num(a.statedRate);
  if (a.statedRate !== undefined && a.statedRate !== null && stated === undefined)
    return { ok: false, message: 'attribute statedRate is not a rate' };
  const rate = a.interestRate === undefined || a.interestRate === null ? stated : num(a.interestRate);
  const repayment = (a.repayment ?? 'equal-instalment') as RepaymentMethod;
  if (!methods.includes(repayment))
    return { ok: false, message: `attribute repayment is not one of ${methods.join(', ')}` };
  const upfront = minor(a.upfrontFee, currency);
  const monthly = minor(a.monthlyFee, currency);
  if (upfront === undefined || monthly === undefined)
    return { ok: false, message: 'attribute upfrontFee or monthlyFee is not an amount' };
  const terms: LoanTerms = {
    principalMinor,
    periods,
    periodsPerYear: 12,
    nominalRate: rate ?? 0,
    repayment,
    upfrontFeeMinor: upfront,
    periodicFeeMinor: monthly,
  };
  let schedule: Instalment[];
  if (typeof a.payments === 'string' && a.payments.trim() !== '') {
    const paid = a.payments.split(',').map((p) => minor(p, currency));
    if (paid.some((p) => p === undefined)) return { ok: false, message: 'attribute payments is not a list of amounts' };
    schedule = (paid as number[]).map((p, i) => ({ period: i + 1, principal: 0, interest: 0, fee: 0, payment: p }));
    terms.periods = schedule.length;
  } else {
    if (rate === undefined) return { ok: false, message: 'attribute interestRate or statedRate is missing' };
    schedule = repaymentSchedule(terms);
  }
  const cost = annualisedCost(loanCashFlows(terms, schedule), 12);
  if (!cost) return { ok: false, message: 'the cash flows have no annualised rate' };
  if (schedule[0]?.principal === 0 && schedule[0].interest === 0)
    splitAtRate(schedule, principalMinor, cost.periodRate);
  return { ok: true, loan: { terms, schedule, apr: cost.apr, statedRate: stated } };
}

/** Given instalments only: principal and interest split at the loan's own rate, for the loan book. */
function splitAtRate(schedule: Instalment[], principalMinor: number, r: number): void {
  let balance = principalMinor;
  schedule.forEach((s, i) => {
    const last = i === schedule.length - 1;
    const interest = last ? Math.max(0, s.payment - balance) : Math.min(s.payment, Math.round(balance * r));
    const principal = last ? balance : Math.min(balance, s.payment - interest);
    s.interest = interest;
    s.principal = principal;
    s.fee = s.payment - interest - principal;
    balance -= principal;
  });
}
