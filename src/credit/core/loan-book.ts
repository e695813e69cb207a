import { dateOfDayNumber, dayNumber } from '../../kernel/index.ts';

/**
 * The loan book, computed from loans and repayments as of a day: balances, days past due, overdue
 * buckets, roll rates and vintage curves. Days are day numbers (days since 1970-01-01 in the tenant's
 * time zone); amounts are integer minor units of the loan's currency.
 */
export interface Instalment {
  dueDay: number;
  principalMinor: number;
  interestMinor: number;
  feeMinor: number;
}

export interface Loan {
  id: string;
  customerId: string;
  currency: string;
  principalMinor: number;
  disbursedDay: number;
  schedule: Instalment[];
}

export interface Repayment {
  loanId: string;
  day: number;
  amountMinor: number;
}

export type Bucket = 'M0' | 'M1' | 'M2' | 'M3+';
export const buckets: readonly Bucket[] = ['M0', 'M1', 'M2', 'M3+'];

/** M0 current, M1 1–30 days past due, M2 31–60, M3+ over 60. */
export function bucketOf(dpd: number): Bucket {
  return dpd <= 0 ? 'M0' : dpd <= 30 ? 'M1' : dpd <= 60 ? 'M2' : 'M3+';
}

export interface LoanState {
  loanId: string;
  customerId: string;
  currency: string;
  /** Principal not yet repaid. */
  balanceMinor: number;
  /** Amounts due before the day and not paid. */
  overdueMinor: number;
  /** Scheduled interest not yet paid, due or not (利息余额). */
  interestUnpaidMinor: number;
  dpd: number;
  bucket: Bucket;
  paidOff: boolean;
}

/**
 * A loan's state at the end of `asOf`, counting repayments made on or before it. Payments settle
 * instalments in due order and, within one, fee, then interest, then principal (the usual order);
 * days past due run from the due day of the oldest instalment not fully paid.
 */
export function loanStateAt(loan: Loan, repayments: readonly Repayment[], asOf: number): LoanState {
  let paid = repayments.filter((r) => r.loanId === loan.id && r.day <= asOf).reduce((s, r) => s + r.amountMinor, 0);
  let principalPaid = 0;
  let overdue = 0;
  let oldestUnpaid: number | undefined;
  let interestUnpaid = 0;
  for (const i of [...loan.schedule].sort((a, b) => a.dueDay - b.dueDay)) {
    const due = i.feeMinor + i.interestMinor + i.principalMinor;
    const covered = Math.min(paid, due);
    paid -= covered;
    principalPaid += Math.max(0, covered - i.feeMinor - i.interestMinor);
    interestUnpaid += i.interestMinor - Math.min(i.interestMinor, Math.max(0, covered - i.feeMinor));
    if (covered < due && i.dueDay < asOf) {
      overdue += due - covered;
      oldestUnpaid ??= i.dueDay;
    }
  }
  const dpd = oldestUnpaid === undefined ? 0 : asOf - oldestUnpaid;
  const balanceMinor = loan.principalMinor - principalPaid;
  return {
    loanId: loan.id,
    customerId: loan.customerId,
    currency: loan.currency,
    balanceMinor,
    overdueMinor: overdue,
    interestUnpaidMinor: interestUnpaid,
    dpd,
    bucket: bucketOf(dpd),
    paidOff: balanceMinor <= 0 && overdue === 0,
  };
}

/** Last day of the month a day falls in. */
export function monthEnd(day: number): number {
  const [y, m] = dateOfDayNumber(day).split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return dayNumber(next) - 1;
}

export const monthOf = (day: number): string => dateOfDayNumber(day).slice(0, 7);

export interface RollRates {
  from: number;
  to: number;
  /** Loans (count) moving from each bucket at `from` to each bucket at `to`; paid-off loans leave. */
  counts: Record<Bucket, Record<Bucket, number>>;
  /** Share of each bucket's balance at `from` that is one bucket worse at `to` (M3+ stays M3+). */
  rollForward: Record<Bucket, number | null>;
}

const zeroRow = (): Record<Bucket, number> => ({ M0: 0, M1: 0, M2: 0, 'M3+': 0 });

/** Roll rates between two days (usually consecutive month ends) over loans open on the first. */
export function rollRates(
  loans: readonly Loan[],
  repayments: readonly Repayment[],
  from: number,
  to: number,
): RollRates {
  const counts = { M0: zeroRow(), M1: zeroRow(), M2: zeroRow(), 'M3+': zeroRow() };
  const balance = zeroRow();
  const rolled = zeroRow();
  for (const loan of loans) {
    if (loan.disbursedDay > from) continue;
    const a = loanStateAt(loan, repayments, from);
    if (a.paidOff) continue;
    const b = loanStateAt(loan, repayments, to);
    counts[a.bucket][b.bucket]++;
    balance[a.bucket] += a.balanceMinor;
    const next = buckets[Math.min(buckets.indexOf(a.bucket) + 1, buckets.length - 1)]!;
    if (b.bucket === next && !b.paidOff) rolled[a.bucket] += a.balanceMinor;
  }
  const rollForward = Object.fromEntries(
    buckets.map((k) => [k, balance[k] === 0 ? null : rolled[k] / balance[k]]),
  ) as Record<Bucket, number | null>;
  return { from, to, counts, rollForward };
}

export interface Vintage {
  /** Month of origination, YYYY-MM. */
  cohort: string;
  loans: number;
  principalMinor: number;
  /**
   * For months on book 1, 2, …: the share of the cohort's principal on loans that have been `dpd`+
   * days past due at some month end so far (cumulative, so it never falls).
   */
  curve: number[];
}

/** Vintage curves per month of origination, up to `asOf`, for one currency's loans. */
export function vintages(loans: readonly Loan[], repayments: readonly Repayment[], asOf: number, dpd = 30): Vintage[] {
  const cohorts = new Map<string, Loan[]>();
  for (const l of loans) {
    if (l.disbursedDay > asOf) continue;
    const c = monthOf(l.disbursedDay);
    cohorts.set(c, [...(cohorts.get(c) ?? []), l]);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cohort, ls]) => {
      const principal = ls.reduce((s, l) => s + l.principalMinor, 0);
      const bad = new Set<string>();
      const curve: number[] = [];
      for (let end = monthEnd(monthEnd(ls[0]!.disbursedDay) + 1); end <= monthEnd(asOf); end = monthEnd(end + 1)) {
        const day = Math.min(end, asOf);
        for (const l of ls) if (!bad.has(l.id) && loanStateAt(l, repayments, day).dpd >= dpd) bad.add(l.id);
        curve.push(ls.filter((l) => bad.has(l.id)).reduce((s, l) => s + l.principalMinor, 0) / Math.max(1, principal));
      }
      return { cohort, loans: ls.length, principalMinor: principal, curve };
    });
}
