import type { NormalizedEvent, NormalizedParty } from './core/normalize.ts';
import { notScreened, type PartyScreening, type ScreeningInput } from './core/screening-input.ts';

export type PartyScreener = (party: {
  name: string;
  kind: 'person' | 'organization';
  country?: string;
}) => PartyScreening;

/**
 * Screens the named parties of an event. A screener that fails is reported as a feature error so the
 * decision fails closed (review) rather than passing an unscreened payment.
 */
export function screenParties(
  screen: PartyScreener | undefined,
  event: NormalizedEvent,
): { input: ScreeningInput; errors: { featureId: string; message: string }[] } {
  const errors: { featureId: string; message: string }[] = [];
  const one = (side: 'debtor' | 'creditor', p: NormalizedParty | undefined): PartyScreening => {
    if (!screen || !p?.name) return notScreened;
    try {
      return screen({ name: p.name, kind: p.partyType, ...(p.country ? { country: p.country } : {}) });
    } catch (e) {
      errors.push({ featureId: `screening.${side}`, message: e instanceof Error ? e.message : String(e) });
      return notScreened;
    }
  };
  return { input: { debtor: one('debtor', event.debtor), creditor: one('creditor', event.creditor) }, errors };
}
