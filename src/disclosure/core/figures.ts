/**
 * Monthly operating data (T/NIFA 1—2017 §运营信息) computed from plain inputs: loans with their
 * schedules, repayments, risk-reserve payouts and complaint counts. Amounts are integer minor units of
 * each loan's currency (safe integers, checked on every sum); days are day numbers in the tenant's time
 * zone. Definitions of every figure: ./definitions.ts and docs/disclosure.md.
 */
import { addMinor } from '../../kernel/index.ts';
import { loanStateAt, type Loan, type Repayment } from '../../credit/index.ts';

/** A loan as disclosure sees it: the credit loan (schedule, principal) plus its lenders and related-party flag. */
export interface LoanFact extends Loan {
  lenderIds: readonly string[];
  relatedParty: boolean;
}

export interface PayoutFact {
  currency: string;
  /** Positive minor units paid out. */
  amountMinor: number;
  day: number;
}

export interface ComplaintFacts {
  received: number;
  resolved: number;
  byCategory: Readonly<Record<string, number>>;
}

export interface FiguresInput {
  /** YYYY-MM */
  period: string;
  firstDay: number;
  lastDay: number;
  loans: readonly LoanFact[];
  repayments: readonly Repayment[];
  payouts: readonly PayoutFact[];
  complaints: ComplaintFacts;
}

export interface AmountCount {
  amountMinor: number;
  count: number;
}

export interface CurrencyFigures {
  currency: string;
  cumulativeLending: AmountCount;
  periodLending: AmountCount;
  outstanding: AmountCount;
  /** Ratios (0–1, 4 decimals); null when nothing is outstanding. */
  top10BorrowersShare: number | null;
  largestBorrowerShare: number | null;
  relatedPartyOutstanding: AmountCount;
  relatedPartyCumulative: AmountCount;
  overdue: AmountCount;
  overdue90: AmountCount;
  amountOverdueRate: number | null;
  projectOverdueRate: number | null;
  compensationPeriod: AmountCount;
  compensationCumulative: AmountCount;
  /** Scheduled interest not yet paid on loans with a balance (count: those loans). */
  interestOutstanding: AmountCount;
  /** Cumulative lending ÷ distinct borrowers (lenders) in this currency, rounded half up; null when none. */
  averagePerBorrowerMinor: number | null;
  averagePerLenderMinor: number | null;
  /** Lenders' share of outstanding principal; a loan with several lenders is split equally among them. */
  top10LendersShare: number | null;
  largestLenderShare: number | null;
}

export interface OperatingFigures {
  period: string;
  participants: {
    cumulativeBorrowers: number;
    periodBorrowers: number;
    cumulativeLenders: number;
    periodLenders: number;
    outstandingBorrowers: number;
    outstandingLenders: number;
  };
  currencies: CurrencyFigures[];
  complaints: {
    received: number;
    resolved: number;
    /** 4 decimals; null when none was received. */
    resolutionRate: number | null;
    byCategory: { code: string; count: number }[];
  };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
const zero = (): AmountCount => ({ amountMinor: 0, count: 0 });
const add = (x: AmountCount, minor: number): void => {
  x.amountMinor = addMinor(x.amountMinor, minor);
  x.count += 1;
};

const average = (sum: number, n: number): number | null => (n === 0 ? null : Math.floor((2 * sum + n) / (2 * n)));

/**
 * Splits a balance equally among a loan's lenders (sorted, so the split is reproducible); the
 * remainder of the division goes one minor unit each to the first lenders, so the parts sum exactly.
 */
function splitAmong(lenderIds: readonly string[], balance: number, into: Map<string, number>): void {
  const ids = [...lenderIds].sort();
  if (ids.length === 0) return;
  const part = Math.floor(balance / ids.length);
  let rest = balance - part * ids.length;
  for (const id of ids) {
    const extra = rest > 0 ? 1 : 0;
    rest -= extra;
    into.set(id, addMinor(into.get(id) ?? 0, part + extra));
  }
}

/** Days past due beyond which a loan counts in "overdue beyond 90 days" (逾期90天以上). */
export const OVERDUE_90 = 90;

function currencyFigures(currency: string, input: FiguresInput, byLoan: Map<string, Repayment[]>): CurrencyFigures {
  const f: CurrencyFigures = {
    currency,
    cumulativeLending: zero(),
    periodLending: zero(),
    outstanding: zero(),
    top10BorrowersShare: null,
    largestBorrowerShare: null,
    relatedPartyOutstanding: zero(),
    relatedPartyCumulative: zero(),
    overdue: zero(),
    overdue90: zero(),
    amountOverdueRate: null,
    projectOverdueRate: null,
    compensationPeriod: zero(),
    compensationCumulative: zero(),
    interestOutstanding: zero(),
    averagePerBorrowerMinor: null,
    averagePerLenderMinor: null,
    top10LendersShare: null,
    largestLenderShare: null,
  };
  const perBorrower = new Map<string, number>();
  const perLender = new Map<string, number>();
  const borrowers = new Set<string>();
  const lenders = new Set<string>();
  for (const loan of input.loans) {
    if (loan.currency !== currency || loan.disbursedDay > input.lastDay) continue;
    add(f.cumulativeLending, loan.principalMinor);
    if (loan.disbursedDay >= input.firstDay) add(f.periodLending, loan.principalMinor);
    if (loan.relatedParty) add(f.relatedPartyCumulative, loan.principalMinor);
    borrowers.add(loan.customerId);
    for (const l of loan.lenderIds) lenders.add(l);
    const s = loanStateAt(loan, byLoan.get(loan.id) ?? [], input.lastDay);
    const balance = Math.max(0, s.balanceMinor);
    if (balance === 0) continue;
    add(f.outstanding, balance);
    if (s.interestUnpaidMinor > 0) add(f.interestOutstanding, s.interestUnpaidMinor);
    perBorrower.set(loan.customerId, addMinor(perBorrower.get(loan.customerId) ?? 0, balance));
    splitAmong(loan.lenderIds, balance, perLender);
    if (loan.relatedParty) add(f.relatedPartyOutstanding, balance);
    if (s.dpd > 0) add(f.overdue, balance);
    if (s.dpd > OVERDUE_90) add(f.overdue90, balance);
  }
  const ranked = [...perBorrower.values()].sort((a, b) => b - a);
  const top10 = ranked.slice(0, 10).reduce((a, b) => addMinor(a, b), 0);
  f.top10BorrowersShare = ratio(top10, f.outstanding.amountMinor);
  f.largestBorrowerShare = ratio(ranked[0] ?? 0, f.outstanding.amountMinor);
  const lent = [...perLender.values()].sort((a, b) => b - a);
  f.top10LendersShare = ratio(
    lent.slice(0, 10).reduce((a, b) => addMinor(a, b), 0),
    f.outstanding.amountMinor,
  );
  f.largestLenderShare = ratio(lent[0] ?? 0, f.outstanding.amountMinor);
  f.averagePerBorrowerMinor = average(f.cumulativeLending.amountMinor, borrowers.size);
  f.averagePerLenderMinor = average(f.cumulativeLending.amountMinor, lenders.size);
  f.amountOverdueRate = ratio(f.overdue.amountMinor, f.outstanding.amountMinor);
  f.projectOverdueRate = ratio(f.overdue.count, f.outstanding.count);
  for (const p of input.payouts) {
    if (p.currency !== currency || p.day > input.lastDay) continue;
    add(f.compensationCumulative, p.amountMinor);
    if (p.day >= input.firstDay) add(f.compensationPeriod, p.amountMinor);
  }
  return f;
}

/** The month's operating figures: per currency for amounts, across currencies for people. */
export function operatingFigures(input: FiguresInput): OperatingFigures {
  const byLoan = new Map<string, Repayment[]>();
  for (const r of input.repayments) {
    const list = byLoan.get(r.loanId);
    if (list) list.push(r);
    else byLoan.set(r.loanId, [r]);
  }
  const upTo = input.loans.filter((l) => l.disbursedDay <= input.lastDay);
  const inPeriod = upTo.filter((l) => l.disbursedDay >= input.firstDay);
  const open = upTo.filter((l) => loanStateAt(l, byLoan.get(l.id) ?? [], input.lastDay).balanceMinor > 0);
  const outstandingBorrowers = new Set(open.map((l) => l.customerId));
  const currencies = [
    ...new Set([
      ...upTo.map((l) => l.currency),
      ...input.payouts.filter((p) => p.day <= input.lastDay).map((p) => p.currency),
    ]),
  ].sort();
  const c = input.complaints;
  return {
    period: input.period,
    participants: {
      cumulativeBorrowers: new Set(upTo.map((l) => l.customerId)).size,
      periodBorrowers: new Set(inPeriod.map((l) => l.customerId)).size,
      cumulativeLenders: new Set(upTo.flatMap((l) => l.lenderIds)).size,
      periodLenders: new Set(inPeriod.flatMap((l) => l.lenderIds)).size,
      outstandingBorrowers: outstandingBorrowers.size,
      outstandingLenders: new Set(open.flatMap((l) => l.lenderIds)).size,
    },
    currencies: currencies.map((cur) => currencyFigures(cur, input, byLoan)),
    complaints: {
      received: c.received,
      resolved: c.resolved,
      resolutionRate: ratio(c.resolved, c.received),
      byCategory: Object.entries(c.byCategory)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([code, count]) => ({ code, count })),
    },
  };
}
