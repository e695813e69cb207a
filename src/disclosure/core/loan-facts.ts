/**
 * Loans, lenders and repayments for disclosure, from loan events as the tenant's rule set normalised
 * them — the same events, and the same reading of them (credit's borrowerOf, loanFromAttributes and
 * schedule dates), that the credit module's loan book is rebuilt from. Disclosure also needs what the
 * book does not keep: who lent and whether the loan is a related-party one.
 *
 * Read from a `loan_disbursement` event: the loan id (attribute `loanId`, else the event id); the
 * borrower (credit's borrowerOf); the lenders (attribute `lenderIds`, comma-separated, or `lenderId`;
 * else the event's debtor, the party paying out, when it is not the borrower); related party
 * (attribute `relatedParty` true, "true" or 1). From a `loan_repayment`: the loan id and the amount.
 */
import { addMonthsDay, borrowerOf, loanFromAttributes, type Repayment } from '../../credit/index.ts';
import type { NormalizedEvent } from '../../monitoring/index.ts';
import type { LoanFact } from './figures.ts';

const loanIdOf = (e: NormalizedEvent): string =>
  typeof e.attributes.loanId === 'string' && e.attributes.loanId !== '' ? e.attributes.loanId : e.id;

function lendersOf(e: NormalizedEvent, borrower: string): string[] {
  const a = e.attributes.lenderIds ?? e.attributes.lenderId;
  if (typeof a === 'string' && a.trim() !== '')
    return [
      ...new Set(
        a
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ];
  const payer = e.debtor?.partyId;
  return payer && payer !== borrower ? [payer] : [];
}

const truthy = (v: unknown): boolean => v === true || v === 1 || v === 'true' || v === '1';

export class LoanFacts {
  private readonly loans = new Map<string, LoanFact>();
  private readonly repaid = new Map<string, Repayment>();

  /** Takes one normalised event (others than loan disbursements and repayments are ignored). */
  add(e: NormalizedEvent): void {
    if (!e.amount) return;
    if (e.type === 'loan_repayment') {
      if (!this.repaid.has(e.id))
        this.repaid.set(e.id, { loanId: loanIdOf(e), day: e.day, amountMinor: e.amount.minor });
      return;
    }
    if (e.type !== 'loan_disbursement') return;
    const customerId = borrowerOf(e);
    const id = loanIdOf(e);
    if (!customerId || this.loans.has(id)) return;
    const parsed = loanFromAttributes(e.amount.minor, e.amount.currency, e.attributes);
    this.loans.set(id, {
      id,
      customerId,
      currency: e.amount.currency,
      principalMinor: e.amount.minor,
      disbursedDay: e.day,
      schedule: (parsed.ok ? parsed.loan.schedule : []).map((s) => ({
        dueDay: addMonthsDay(e.day, s.period),
        principalMinor: s.principal,
        interestMinor: s.interest,
        feeMinor: s.fee,
      })),
      lenderIds: lendersOf(e, customerId),
      relatedParty: truthy(e.attributes.relatedParty),
    });
  }

  get facts(): { loans: LoanFact[]; repayments: Repayment[] } {
    return { loans: [...this.loans.values()], repayments: [...this.repaid.values()] };
  }
}
