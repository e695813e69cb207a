import type { NormalizedEvent } from '../normalize.ts';
import type { Aggregation, EntityKey } from './spec.ts';

/** A feature ready to run: paths resolved to functions, its filter compiled. */
export interface CompiledFeature {
  readonly id: string;
  readonly index: number;
  readonly aggregation: Aggregation;
  /** Sliding window length in ms, or 'day' for the tenant-local calendar day. */
  readonly window: number | 'day';
  readonly entity: (e: NormalizedEvent) => string | undefined;
  readonly of: ((e: NormalizedEvent) => string | undefined) | undefined;
  /** Whether the event counts for this feature (filter, currency, required fields). Throws on rule errors. */
  readonly accepts: (e: NormalizedEvent) => boolean;
  /** The number an accepted event contributes to sum/min/max/avg. */
  readonly value: (e: NormalizedEvent) => number;
  /** How long entries must be kept. */
  readonly retainMs: number;
}

export function entityReader(key: EntityKey): (e: NormalizedEvent) => string | undefined {
  switch (key) {
    case 'debtor.partyId':
      return (e) => e.debtor?.partyId;
    case 'debtor.accountId':
      return (e) => e.debtor?.accountId;
    case 'creditor.partyId':
      return (e) => e.creditor?.partyId;
    case 'creditor.accountId':
      return (e) => e.creditor?.accountId;
    case 'device.id':
      return (e) => e.device?.id;
    case 'device.ip':
      return (e) => e.device?.ip;
  }
}
