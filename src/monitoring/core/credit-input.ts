import type { FeatureValue } from './features/state.ts';
import type { NormalizedEvent } from './normalize.ts';

/**
 * What rules see of credit (CEL variable `credit`) on loan events: the applicant's score with the
 * tenant's active scorecard, reason codes, the limit of their score band, the loan's annualised cost
 * from its cash flows, and the borrower's outstanding balance in the loan book. The runtime's credit
 * port fills it before the rules run; the core only reads it. Money in integer minor units.
 */
export interface CreditReasonInput {
  readonly code: string;
  readonly lost: number;
  readonly en: string;
  readonly zh: string;
}

export interface CreditInput {
  /** Scored with an active scorecard. */
  readonly scored: boolean;
  /** The scorecard's version ('' when not scored). */
  readonly scorecard: string;
  readonly score: number;
  /** Points per characteristic. */
  readonly points: Readonly<Record<string, number>>;
  /** Top reason codes, most points lost first. */
  readonly reasons: readonly CreditReasonInput[];
  /** The limit of the applicant's score band, minor units of `limitCurrency` (0: no band). */
  readonly limit: number;
  readonly limitCurrency: string;
  /** IRR-based annualised rate of the loan's cash flows (e.g. 0.2415); -1 when the event has no terms. */
  readonly apr: number;
  /** The annual rate the lender states (attribute `statedRate`); -1 when absent. */
  readonly statedRate: number;
  /** |apr − statedRate|, -1 when either is unknown. */
  readonly aprGap: number;
  /** Four times the one-year LPR on the event's date (the private-lending line), e.g. 0.12. */
  readonly lprCap: number;
  /** The borrower's outstanding principal with this lender before this event, minor units. */
  readonly outstanding: number;
  /** The score with the card running in shadow (recorded in the decision, never read by rules). */
  readonly shadow?: { readonly scorecard: string; readonly score: number };
  /**
   * The hub's multi-lending check for the applicant, fetched before the decision (network I/O never
   * runs here): other platforms with an outstanding loan and their outstanding total in the event's
   * currency, minor units. `checked` false when no result is at hand; a rule that reads it then fails closed.
   */
  readonly external?: CreditExternalInput;
}

export interface CreditExternalInput {
  readonly checked: boolean;
  readonly platforms: number;
  readonly outstanding: number;
}

export const noCredit: CreditInput = {
  scored: false,
  scorecard: '',
  score: 0,
  points: {},
  reasons: [],
  limit: 0,
  limitCurrency: '',
  apr: -1,
  statedRate: -1,
  aprGap: -1,
  lprCap: -1,
  outstanding: 0,
};

/** The credit figures a rule's reason may quote as `{credit.apr}` etc., formatted for people. */
export function fillCreditFigures(text: string, c: CreditInput): string {
  if (!text.includes('{credit.')) return text;
  const pct = (x: number): string => (x < 0 ? '—' : `${(x * 100).toFixed(2)}%`);
  const money = (minor: number): string => (minor / 100).toFixed(2);
  return text.replace(/\{credit\.(\w+)\}/g, (all, k: string) => {
    switch (k) {
      case 'apr':
      case 'statedRate':
      case 'aprGap':
      case 'lprCap':
        return pct(c[k]);
      case 'outstanding':
      case 'limit':
        return money(c[k]);
      case 'score':
        return String(c[k]);
      default:
        return all;
    }
  });
}

/**
 * Credit on loan events, given to the engine by the runtime: synchronous and in memory, no I/O on the
 * hot path. `needs` are the credit fields the active rules read; a needed one it cannot supply comes
 * back as an error so the decision fails closed. Undefined: not a credit event. No `input`: nothing
 * for the rules (a repayment). `undo` takes back what the call recorded in memory (a loan booked):
 * the engine calls it when the decision is not committed.
 */
export type CreditPort = (
  tenantId: string,
  event: NormalizedEvent,
  features: Readonly<Record<string, FeatureValue>>,
  needs: ReadonlySet<string>,
) => { input?: CreditInput; errors: { featureId: string; message: string }[]; undo?: () => void } | undefined;
