import type { NormalizedEvent } from '../normalize.ts';
import type { Aggregation, EntityKey, FeatureSpec } from './spec.ts';

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
  /** Whose history is read for the current event; `entity` unless the spec names a `lookup`. */
  readonly lookup?: ((e: NormalizedEvent) => string | undefined) | undefined;
  /** cycle: longest cycle searched, in transfers (the current one included). */
  readonly maxHops?: number;
  /** cycle: time-respecting paths only. */
  readonly ordered?: boolean;
  /** Features with the same key accept exactly the same events: the filter runs once per event for all. */
  readonly acceptKey?: string;
  /** Features with the same key and acceptKey record the same entries under the same entity: one log serves all. */
  readonly logKey?: string;
  /** The entity path (`entity`): features keyed on the same one keep their histories in one record per entity. */
  readonly entityKey?: string;
  /** The path `lookup` reads: one lookup per event for every feature with the same one. */
  readonly lookupKey?: string;
}

/** Checks of the spec fields this folder added (of, lookup, maxHops, ordered); problems as [pointer, message]. */
export function featureSpecProblems(f: FeatureSpec): [string, string][] {
  const out: [string, string][] = [];
  if ((f.aggregation === 'count_same' || f.aggregation === 'cycle') && f.of === undefined)
    out.push(['of', `${f.aggregation} needs "of": ${f.aggregation === 'cycle' ? 'the payee' : 'what to compare'}`]);
  if (f.aggregation !== 'cycle' && (f.maxHops !== undefined || f.ordered !== undefined))
    out.push(['maxHops', 'maxHops and ordered apply to cycle features only']);
  if (f.aggregation === 'cycle' && f.lookup !== undefined) out.push(['lookup', 'a cycle feature has no lookup']);
  if (f.aggregation === 'cycle' && f.window === 'day') out.push(['window', 'a cycle feature needs a sliding window']);
  return out;
}

/** The compiled form of those fields, spread into the CompiledFeature. */
export function featureExtras(
  f: FeatureSpec,
): Pick<CompiledFeature, 'lookup' | 'maxHops' | 'ordered' | 'acceptKey' | 'logKey' | 'entityKey' | 'lookupKey'> {
  return {
    acceptKey: JSON.stringify([f.when ?? '', f.value ?? '', f.value === 'amount' ? (f.currency ?? '') : '']),
    logKey: JSON.stringify([f.entity, f.of ?? '']),
    entityKey: f.entity,
    ...(f.lookup === undefined || f.lookup === f.entity ? {} : { lookup: entityReader(f.lookup), lookupKey: f.lookup }),
    ...(f.aggregation === 'cycle' ? { maxHops: f.maxHops ?? 6, ordered: f.ordered ?? false } : {}),
  };
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
