import type { NormalizedEvent } from '../normalize.ts';
import type { CompiledFeature } from './compiled.ts';
import { CycleLogs } from './cycle-logs.ts';
import { EntityRecords } from './entity-records.ts';
import type { FeatureGroup } from './groups.ts';

/** Entity lookup pair: the entity path whose records are read, and the path that names the entity. */
export interface Lookup {
  readonly records: number;
  readonly read: (e: NormalizedEvent) => string | undefined;
}

/** Where a FeatureState keeps each group's histories and what each event must look up. */
export interface RecordLayout {
  /** Per entity path, the records of the groups keyed on it. */
  readonly records: EntityRecords[];
  /** Per group, the index of its records (-1: a cycle group) and its slot in them. */
  readonly recordsOf: number[];
  readonly slotOf: number[];
  /** Per group, its own maps when it is a cycle group. */
  readonly cycles: (CycleLogs | undefined)[];
  /** Per feature, its lookup pair (-1: none); one per distinct (entity path, lookup path). */
  readonly lookupOf: number[];
  readonly lookups: Lookup[];
}

export function recordLayout(groups: readonly FeatureGroup[], features: readonly CompiledFeature[]): RecordLayout {
  const paths = new Map<string, FeatureGroup[]>();
  const cycles = groups.map((g) => {
    if (g.head.aggregation === 'cycle') return new CycleLogs(g);
    const path = g.head.entityKey ?? `#${g.head.index}`;
    const on = paths.get(path);
    if (on) on.push(g);
    else paths.set(path, [g]);
    return undefined;
  });
  const records = [...paths.values()].map((gs) => new EntityRecords(gs));
  const recordsOf = groups.map((g) => records.findIndex((r) => r.groups.includes(g)));
  const slotOf = groups.map((g, i) => records[recordsOf[i] ?? -1]?.groups.indexOf(g) ?? -1);

  const pairs = new Map<string, number>();
  const lookups: Lookup[] = [];
  const lookupOf = features.map(() => -1);
  groups.forEach((g, gi) => {
    for (const f of g.members) {
      if (f.lookup === undefined) continue;
      const r = recordsOf[gi] ?? -1;
      const pair = JSON.stringify([r, f.lookupKey ?? `#${f.index}`]);
      let li = pairs.get(pair);
      if (li === undefined) {
        pairs.set(pair, (li = lookups.length));
        lookups.push({ records: r, read: f.lookup });
      }
      lookupOf[f.index] = li;
    }
  });
  return { records, recordsOf, slotOf, cycles, lookupOf, lookups };
}
