import type { CompiledFeature } from './compiled.ts';
import type { Aggregation } from './spec.ts';

/** Aggregations that remember an entity for ever (its first or last sighting): never evicted. */
export const remembers: ReadonlySet<Aggregation> = new Set<Aggregation>(['first_seen', 'last_seen', 'since_last']);

/**
 * Features that keep the same entries under the same entity: same entity key, same filter, value and
 * `of`. They share one log per entity, one lookup and one insert per event. A feature that remembers an
 * entity for ever shares only with others that do and keep as long, so neither eviction nor what those
 * features read changes; a cycle feature keeps its own logs (it also indexes by payee).
 */
export interface FeatureGroup {
  /** The member whose filter, entity, value and `of` stand for all. */
  readonly head: CompiledFeature;
  readonly members: readonly CompiledFeature[];
  /** The longest any member needs. */
  readonly retainMs: number;
  readonly remembers: boolean;
}

export function groupFeatures(features: readonly CompiledFeature[]): FeatureGroup[] {
  const byKey = new Map<string, CompiledFeature[]>();
  for (const f of features) {
    const alone = f.aggregation === 'cycle' || f.logKey === undefined || f.acceptKey === undefined;
    const key = alone
      ? `#${f.index}`
      : JSON.stringify([f.logKey, f.acceptKey, remembers.has(f.aggregation) ? f.retainMs : 'window']);
    const members = byKey.get(key);
    if (members) members.push(f);
    else byKey.set(key, [f]);
  }
  return [...byKey.values()].map((members) => {
    const head = members[0] as CompiledFeature;
    return {
      head,
      members,
      retainMs: Math.max(...members.map((m) => m.retainMs)),
      remembers: remembers.has(head.aggregation),
    };
  });
}
