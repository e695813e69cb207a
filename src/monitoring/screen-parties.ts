import type { NormalizedEvent, NormalizedParty } from './core/normalize.ts';
import { notScreened, type PartyScreening, type ScreeningInput } from './core/screening-input.ts';

/**
 * Screens one named party of an event. Synchronous when the answer is at hand (the common case, so the
 * decision path does not yield); a promise when it must look something up (a reviewer's decisions on
 * the party's hits). Throws (or rejects) when it cannot screen, e.g. no list is loaded.
 */
export type PartyScreener = (party: {
  tenantId: string;
  partyId: string;
  name: string;
  kind: 'person' | 'organization';
  country?: string;
}) => PartyScreening | Promise<PartyScreening>;

export interface ScreenedParties {
  input: ScreeningInput;
  errors: { featureId: string; message: string }[];
}

/**
 * Screens the named parties of an event. A screener that fails is reported as a feature error so the
 * decision fails closed (review) rather than passing an unscreened payment.
 */
export function screenParties(
  screen: PartyScreener | undefined,
  event: NormalizedEvent,
  tenantId = '',
): ScreenedParties | Promise<ScreenedParties> {
  const errors: { featureId: string; message: string }[] = [];
  const one = (
    side: 'debtor' | 'creditor',
    p: NormalizedParty | undefined,
  ): PartyScreening | Promise<PartyScreening> => {
    if (!screen || !p?.name) return notScreened;
    const failed = (e: unknown): PartyScreening => {
      errors.push({ featureId: `screening.${side}`, message: e instanceof Error ? e.message : String(e) });
      return notScreened;
    };
    try {
      const r = screen({
        tenantId,
        partyId: p.partyId,
        name: p.name,
        kind: p.partyType,
        ...(p.country ? { country: p.country } : {}),
      });
      return r instanceof Promise ? r.catch(failed) : r;
    } catch (e) {
      return failed(e);
    }
  };
  const debtor = one('debtor', event.debtor);
  const creditor = one('creditor', event.creditor);
  if (!(debtor instanceof Promise) && !(creditor instanceof Promise)) return { input: { debtor, creditor }, errors };
  return Promise.all([debtor, creditor]).then(([d, c]) => ({ input: { debtor: d, creditor: c }, errors }));
}
