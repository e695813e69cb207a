import type { LoanFact } from './figures.ts';

/**
 * The platform's related parties (关联方: shareholders, directors and managers, their close relatives
 * and the companies they control), as the compliance team keeps them, with the days the relation began
 * and — once it is over — ended. Ending a relation keeps its history: a month already published still
 * recomputes to the same figures.
 */
export interface RelatedParty {
  tenantId: string;
  partyId: string;
  relation: string;
  /** Day numbers (tenant time zone): related from `sinceDay`, and before `untilDay` when it is set. */
  sinceDay: number;
  untilDay?: number | undefined;
  updatedBy: string;
  updatedAt: number;
}

const relatedOn = (r: RelatedParty, day: number): boolean =>
  r.sinceDay <= day && (r.untilDay === undefined || day < r.untilDay);

/**
 * Marks a loan as related-party lending when its disbursement event said so, or when its borrower was
 * in the register on the day it was disbursed.
 */
export function withRelatedParties(loans: readonly LoanFact[], register: readonly RelatedParty[]): LoanFact[] {
  if (register.length === 0) return [...loans];
  const byParty = new Map<string, RelatedParty[]>();
  for (const r of register) byParty.set(r.partyId, [...(byParty.get(r.partyId) ?? []), r]);
  return loans.map((l) =>
    l.relatedParty || !(byParty.get(l.customerId) ?? []).some((r) => relatedOn(r, l.disbursedDay))
      ? l
      : { ...l, relatedParty: true },
  );
}
