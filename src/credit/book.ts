import { dateOfDayNumber, dayNumber } from '../kernel/index.ts';
import {
  buckets,
  loanStateAt,
  monthEnd,
  rollRates,
  vintages,
  type Bucket,
  type Loan,
  type Repayment,
  type RollRates,
  type Vintage,
} from './core/loan-book.ts';

interface TenantBook {
  loans: Map<string, Loan>;
  repayments: Map<string, Repayment[]>;
  byCustomer: Map<string, string[]>;
  seen: Set<string>;
}

export interface BookReport {
  asOf: string;
  currencies: {
    currency: string;
    loans: number;
    open: number;
    balanceMinor: number;
    overdueMinor: number;
    buckets: Record<Bucket, { loans: number; balanceMinor: number }>;
    rollRates: RollRates;
    vintages: Vintage[];
  }[];
}

/** Month `k` after a local date, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsDay(day: number, k: number): number {
  const [y, m, d] = dateOfDayNumber(day).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + k;
  const first = dayNumber(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`);
  return Math.min(first + d - 1, monthEnd(first));
}

/**
 * The tenant's loan book in memory: loans from `loan_disbursement` events and repayments from
 * `loan_repayment` events, rebuilt from the stored decisions at start and kept current by the credit
 * port as events are decided (booked when decided, so the next application already counts it; taken
 * back by the engine if the decision's commit fails). Reads (a borrower's outstanding balance) are synchronous for the
 * decision path; the report runs the loan-book core over a tenant's loans.
 */
export class LoanBookMemory {
  private readonly tenants = new Map<string, TenantBook>();

  private book(tenantId: string): TenantBook {
    let b = this.tenants.get(tenantId);
    if (!b) {
      b = { loans: new Map(), repayments: new Map(), byCustomer: new Map(), seen: new Set() };
      this.tenants.set(tenantId, b);
    }
    return b;
  }

  /**
   * Adds a loan once (a second disbursement event with the same loan id is ignored). Returns how to
   * take it back — for a decision whose commit failed — or undefined when nothing was added.
   */
  addLoan(tenantId: string, loan: Loan): (() => void) | undefined {
    const b = this.book(tenantId);
    if (b.loans.has(loan.id)) return undefined;
    b.loans.set(loan.id, loan);
    const list = b.byCustomer.get(loan.customerId);
    if (list) list.push(loan.id);
    else b.byCustomer.set(loan.customerId, [loan.id]);
    return () => {
      if (b.loans.get(loan.id) !== loan) return;
      b.loans.delete(loan.id);
      const ids = b.byCustomer.get(loan.customerId) ?? [];
      ids.splice(ids.lastIndexOf(loan.id), 1);
      if (ids.length === 0) b.byCustomer.delete(loan.customerId);
    };
  }

  /** Adds a repayment once per event id; returns how to take it back, or undefined when nothing was added. */
  addRepayment(tenantId: string, eventId: string, r: Repayment): (() => void) | undefined {
    const b = this.book(tenantId);
    if (b.seen.has(eventId)) return undefined;
    b.seen.add(eventId);
    const list = b.repayments.get(r.loanId);
    if (list) list.push(r);
    else b.repayments.set(r.loanId, [r]);
    return () => {
      if (!b.seen.delete(eventId)) return;
      const rs = b.repayments.get(r.loanId) ?? [];
      const k = rs.lastIndexOf(r);
      if (k >= 0) rs.splice(k, 1);
    };
  }

  /** The borrower's principal outstanding in a currency at the end of `asOf`. */
  outstanding(tenantId: string, customerId: string, currency: string, asOf: number): number {
    const b = this.tenants.get(tenantId);
    const ids = b?.byCustomer.get(customerId);
    if (!b || !ids) return 0;
    let sum = 0;
    for (const id of ids) {
      const loan = b.loans.get(id)!;
      if (loan.currency !== currency || loan.disbursedDay > asOf) continue;
      sum += Math.max(0, loanStateAt(loan, b.repayments.get(id) ?? [], asOf).balanceMinor);
    }
    return sum;
  }

  /** Every loan disbursed by `asOf` with its principal outstanding then (0: settled), e.g. for the hub's registry. */
  balances(
    tenantId: string,
    asOf: number,
  ): { loanId: string; customerId: string; currency: string; balanceMinor: number }[] {
    const b = this.tenants.get(tenantId);
    if (!b) return [];
    const out = [];
    for (const loan of b.loans.values()) {
      if (loan.disbursedDay > asOf) continue;
      const balanceMinor = Math.max(0, loanStateAt(loan, b.repayments.get(loan.id) ?? [], asOf).balanceMinor);
      out.push({ loanId: loan.id, customerId: loan.customerId, currency: loan.currency, balanceMinor });
    }
    return out;
  }

  /** Balances, overdue buckets, roll rates (last month end → asOf) and vintages, per currency. */
  report(tenantId: string, asOf: number): BookReport {
    const b = this.tenants.get(tenantId);
    const loans = b ? [...b.loans.values()] : [];
    const repayments = b ? [...b.repayments.values()].flat() : [];
    const currencies = [...new Set(loans.map((l) => l.currency))].sort();
    return {
      asOf: dateOfDayNumber(asOf),
      currencies: currencies.map((currency) => {
        const ls = loans.filter((l) => l.currency === currency && l.disbursedDay <= asOf);
        const states = ls.map((l) => loanStateAt(l, repayments, asOf));
        const byBucket = Object.fromEntries(buckets.map((k) => [k, { loans: 0, balanceMinor: 0 }])) as Record<
          Bucket,
          { loans: number; balanceMinor: number }
        >;
        for (const s of states)
          if (!s.paidOff) {
            byBucket[s.bucket].loans++;
            byBucket[s.bucket].balanceMinor += s.balanceMinor;
          }
        // Roll rates from the previous month end (the last day before asOf's month) to asOf.
        const from = dayNumber(`${dateOfDayNumber(asOf).slice(0, 8)}01`) - 1;
        return {
          currency,
          loans: ls.length,
          open: states.filter((s) => !s.paidOff).length,
          balanceMinor: states.reduce((s, x) => s + Math.max(0, x.balanceMinor), 0),
          overdueMinor: states.reduce((s, x) => s + x.overdueMinor, 0),
          buckets: byBucket,
          rollRates: rollRates(ls, repayments, from, asOf),
          vintages: vintages(ls, repayments, asOf),
        };
      }),
    };
  }
}
