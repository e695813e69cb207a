import type { CompiledRule } from '../core/rules/compiled.ts';
import type { NormalizedEvent, NormalizedParty } from '../core/normalize.ts';

export type Subject = 'debtor' | 'creditor' | 'both';

/**
 * Which account an alert is about. A rule says so with the tag `subject:debtor`, `subject:creditor` or
 * `subject:both` (the default): a fan-in rule is about the receiving account, a structuring rule about
 * the payer, a cycle about both ends of the closing transfer.
 */
export function subjectOf(rule: CompiledRule): Subject {
  for (const t of rule.tags) {
    if (t === 'subject:debtor') return 'debtor';
    if (t === 'subject:creditor') return 'creditor';
    if (t === 'subject:both') return 'both';
  }
  return 'both';
}

/** The account a party stands for: its account id, or its party id when it names no account. */
export const accountOf = (p: NormalizedParty | undefined): string | undefined => p?.accountId ?? p?.partyId;

/** The accounts an alert of a rule with this subject attaches to on this event. */
export function subjectAccounts(e: NormalizedEvent, s: Subject): string[] {
  const d = s === 'creditor' ? undefined : accountOf(e.debtor);
  const c = s === 'debtor' ? undefined : accountOf(e.creditor);
  if (d !== undefined && c !== undefined) return d === c ? [d] : [d, c];
  return d !== undefined ? [d] : c !== undefined ? [c] : [];
}
