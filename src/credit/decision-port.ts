import type {
  CreditExternalInput,
  CreditInput,
  CreditPort,
  CreditReasonInput,
  NormalizedEvent,
} from '../monitoring/index.ts';
import { loanFromAttributes, type ParsedLoan } from './core/loan-terms.ts';
import { lprOn, type LprTable } from './core/lpr.ts';
import { limitFor, scoreWith } from './core/prepared.ts';
import { addMonthsDay, type LoanBookMemory } from './book.ts';
import type { LiveScorecards } from './live.ts';

/** Credit fields that need the tenant's active scorecard. */
const scoreFields = new Set(['scored', 'scorecard', 'score', 'points', 'reasons', 'limit', 'limitCurrency']);
const aprFields = new Set(['apr', 'statedRate', 'aprGap']);
const needsAny = (needs: ReadonlySet<string>, of: ReadonlySet<string>): boolean => {
  for (const n of needs) if (of.has(n) && n !== 'scored') return true;
  return false;
};

/**
 * The borrower: attribute `customerId` if given; otherwise the party receiving a disbursement, and the
 * party applying or repaying (the debtor) for the other loan events.
 */
export function borrowerOf(e: NormalizedEvent): string | undefined {
  const explicit = e.attributes.customerId;
  if (typeof explicit === 'string' && explicit !== '') return explicit;
  const p = e.type === 'loan_disbursement' ? (e.creditor ?? e.debtor) : (e.debtor ?? e.creditor);
  return p?.partyId;
}

const loanIdOf = (e: NormalizedEvent): string =>
  typeof e.attributes.loanId === 'string' && e.attributes.loanId !== '' ? e.attributes.loanId : e.id;

/**
 * Records a loan event in the book (disbursements and repayments; applications change nothing).
 * Shared by the decision path and the rebuild from stored decisions, so both count the same. Returns
 * how to take the entry back (undefined: nothing recorded).
 */
export function recordLoanEvent(
  book: LoanBookMemory,
  tenantId: string,
  e: NormalizedEvent,
  parsed?: ParsedLoan,
): (() => void) | undefined {
  if (!e.amount) return undefined;
  if (e.type === 'loan_repayment')
    return book.addRepayment(tenantId, e.id, { loanId: loanIdOf(e), day: e.day, amountMinor: e.amount.minor });
  if (e.type !== 'loan_disbursement') return undefined;
  const customerId = borrowerOf(e);
  if (!customerId) return undefined;
  const loan = parsed ?? loanOf(e);
  return book.addLoan(tenantId, {
    id: loanIdOf(e),
    customerId,
    currency: e.amount.currency,
    principalMinor: e.amount.minor,
    disbursedDay: e.day,
    schedule: (loan?.schedule ?? []).map((s) => ({
      dueDay: addMonthsDay(e.day, s.period),
      principalMinor: s.principal,
      interestMinor: s.interest,
      feeMinor: s.fee,
    })),
  });
}

const loanOf = (e: NormalizedEvent): ParsedLoan | undefined => {
  if (!e.amount) return undefined;
  const r = loanFromAttributes(e.amount.minor, e.amount.currency, e.attributes);
  return r.ok ? r.loan : undefined;
};

/**
 * The engine's credit port: on `loan_application` and `loan_disbursement` events, the score with the
 * tenant's active scorecard (characteristics read event attributes, then feature values, by name),
 * reason codes, the score band's limit, the annualised cost from the loan's cash flows, four times the
 * LPR of the day, and the borrower's outstanding balance; repayments and disbursements go into the loan
 * book, with an `undo` the engine runs if the decision is not committed. A field the rules need that
 * cannot be supplied is returned as an error (the decision fails closed). In memory only: no I/O on
 * the decision path.
 */
export function creditPort(o: {
  live: LiveScorecards;
  book: LoanBookMemory;
  maxReasons?: number;
  /**
   * The applicant's multi-lending result fetched before the event (e.g. the hub check run at intake),
   * in the event's currency; undefined when none is at hand. Synchronous: a cache read, no I/O.
   */
  external?: (tenantId: string, customerId: string, currency: string) => CreditExternalInput | undefined;
  /** The dated one-year LPR table (the shipped one unless configured). */
  lpr?: LprTable;
}): CreditPort {
  // Characteristics read the event's attributes first, then feature values of the same name. One
  // reader for the port's life (the decision path is synchronous), so a call creates no closure.
  let attrs: NormalizedEvent['attributes'] = {};
  let feats: Readonly<Record<string, number | boolean>> = {};
  const valueOf = (name: string): string | undefined => {
    const a = attrs[name];
    if (a !== undefined && a !== null) return String(a);
    const f = feats[name];
    return f === undefined ? undefined : String(f);
  };
  return (tenantId, event, features, needs) => {
    if (event.type === 'loan_repayment') {
      const undo = recordLoanEvent(o.book, tenantId, event);
      return undo ? { errors: [], undo } : undefined;
    }
    if (event.type !== 'loan_application' && event.type !== 'loan_disbursement') return undefined;
    const errors: { featureId: string; message: string }[] = [];
    attrs = event.attributes;
    feats = features;
    const card = event.type === 'loan_application' ? o.live.active(tenantId) : undefined;
    let scored: Pick<CreditInput, 'scored' | 'scorecard' | 'score' | 'points' | 'reasons' | 'limit' | 'limitCurrency'> =
      { scored: false, scorecard: '', score: 0, points: {}, reasons: [], limit: 0, limitCurrency: '' };
    if (card) {
      const r = scoreWith(card, valueOf, o.maxReasons ?? 4);
      const reasons: CreditReasonInput[] = r.reasons.map((x) => ({ code: x.code, lost: x.lost, en: x.en, zh: x.zh }));
      const limits = card.card.limits;
      scored = {
        scored: true,
        scorecard: card.card.version,
        score: r.score,
        points: r.points,
        reasons,
        limit: limitFor(limits, r.score),
        limitCurrency: limits?.currency ?? '',
      };
    } else if (event.type === 'loan_application' && needsAny(needs, scoreFields))
      errors.push({ featureId: 'credit.score', message: 'the tenant has no active scorecard' });

    let parsed: ParsedLoan | undefined;
    if (event.amount) {
      const r = loanFromAttributes(event.amount.minor, event.amount.currency, event.attributes);
      if (r.ok) parsed = r.loan;
      else if (needsAny(needs, aprFields)) errors.push({ featureId: 'credit.apr', message: r.message });
    } else if (needsAny(needs, aprFields))
      errors.push({ featureId: 'credit.apr', message: 'the event has no amount to compute the annualised cost of' });
    const lpr = lprOn(event.localDate, o.lpr);
    if (lpr === undefined && needs.has('lprCap'))
      errors.push({ featureId: 'credit.lprCap', message: `no one-year LPR is known for ${event.localDate}` });

    const borrower = borrowerOf(event);
    const currency = event.amount?.currency ?? 'CNY';
    const outstanding = borrower ? o.book.outstanding(tenantId, borrower, currency, event.day) : 0;
    const undo = event.type === 'loan_disbursement' ? recordLoanEvent(o.book, tenantId, event, parsed) : undefined;
    const external = borrower ? o.external?.(tenantId, borrower, currency) : undefined;
    if (!external && needs.has('external'))
      errors.push({
        featureId: 'credit.external',
        message: 'no multi-lending check result for the applicant: run the hub check before the application',
      });

    const shadowCard = event.type === 'loan_application' ? o.live.shadow(tenantId) : undefined;
    const apr = parsed ? parsed.apr : -1;
    const stated = parsed?.statedRate ?? -1;
    const input: CreditInput = {
      ...scored,
      apr,
      statedRate: stated,
      aprGap: apr >= 0 && stated >= 0 ? Math.abs(apr - stated) : -1,
      lprCap: lpr === undefined ? -1 : 4 * lpr,
      outstanding,
      external: external ?? { checked: false, platforms: 0, outstanding: 0 },
      ...(shadowCard
        ? { shadow: { scorecard: shadowCard.card.version, score: scoreWith(shadowCard, valueOf, 0).score } }
        : {}),
    };
    return undo ? { input, errors, undo } : { input, errors };
  };
}
