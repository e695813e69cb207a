import type { NormalizedEvent } from '../normalize.ts';
import { EntityLog, dumpLog, restoreLog } from './entity-log.ts';
import { StateDumpError, type HeldMapDump } from './state-dump.ts';
import type { FeatureGroup } from './groups.ts';
import { SweepQueue } from './sweep-queue.ts';

/**
 * How late an event may arrive and still find every entry its windows need: an entity idle for longer
 * than a feature's window plus this is dropped from that feature's memory.
 */
export const LATE_ARRIVAL_MS = 3 * 86_400_000;

/**
 * One entity's histories, one slot per group keyed on its path (undefined: none held); or, when its
 * only history is that of the group kept longest (EntityRecords.sole), that history alone: most
 * entities left after the shorter windows forget them cost no more than a map of its own would.
 */
export type EntityRecord = EntityLog | (EntityLog | undefined)[];

/**
 * Every group keyed on one entity path (debtor.partyId, device.id, …) keeps its histories in ONE map of
 * records: an event finds all of an entity's histories with one lookup in a big map (each a few cache
 * misses) instead of one per group. Each group still sweeps its own histories with its own horizon and
 * queue, exactly as when it had a map of its own; a record goes when its last history does.
 */
export class EntityRecords {
  readonly map = new Map<string, EntityRecord>();
  readonly entity: (e: NormalizedEvent) => string | undefined;
  /** Histories held (a record holds one to `groups.length`). */
  held = 0;
  /** The slot of the group that keeps histories longest: the last one an idle entity has left. */
  private readonly sole: number;
  private readonly sweeps: (SweepQueue | undefined)[];

  constructor(readonly groups: readonly FeatureGroup[]) {
    this.entity = (groups[0] as FeatureGroup).head.entity;
    this.sweeps = groups.map(() => undefined);
    const keeps = groups.map((g) => (g.remembers ? Infinity : g.retainMs));
    this.sole = keeps.indexOf(Math.max(...keeps));
  }

  /** The history of group `slot` in `rec`. */
  logOf(rec: EntityRecord | undefined, slot: number): EntityLog | undefined {
    if (rec === undefined) return undefined;
    if (rec instanceof EntityLog) return slot === this.sole ? rec : undefined;
    return rec[slot];
  }

  /** Starts the history of `key` in `slot` (which has none), in `rec` when the entity has one. */
  add(rec: EntityRecord | undefined, key: string, slot: number, latest: number): { rec: EntityRecord; log: EntityLog } {
    this.sweepSome(slot, key, latest); // before the new, still empty, history joins
    const log = new EntityLog();
    return { rec: this.put(rec, key, slot, log), log };
  }

  private put(rec: EntityRecord | undefined, key: string, slot: number, log: EntityLog): EntityRecord {
    this.held++;
    if (rec === undefined && slot === this.sole) {
      this.map.set(key, log);
      return log;
    }
    if (rec !== undefined && !(rec instanceof EntityLog)) {
      rec[slot] = log;
      return rec;
    }
    const slots = new Array<EntityLog | undefined>(this.groups.length).fill(undefined);
    if (rec) slots[this.sole] = rec; // the longest kept history, alone until now
    slots[slot] = log;
    this.map.set(key, slots);
    return slots;
  }

  /** Drops the history of `slot` (which it has); the record goes with its last history. */
  private drop(rec: EntityRecord, key: string, slot: number): void {
    this.held--;
    if (rec instanceof EntityLog) this.map.delete(key);
    else {
      rec[slot] = undefined;
      this.settle(key, rec);
    }
  }

  /** After histories left `rec`: none left, it goes; only the longest kept, that history stands alone. */
  private settle(key: string, rec: (EntityLog | undefined)[]): void {
    for (let s = 0; s < rec.length; s++) if (s !== this.sole && rec[s]) return;
    const last = rec[this.sole];
    if (last) this.map.set(key, last);
    else this.map.delete(key);
  }

  /**
   * Every new history of a group pays for looking at two held ones of the same group, round and round:
   * no pause, nothing on the path of returning entities, and a group never holds more than about twice
   * the entities active within its window (each pass takes half as many new entities as it looks at).
   */
  private sweepSome(slot: number, key: string, latest: number): void {
    const g = this.groups[slot] as FeatureGroup;
    if (g.remembers) return;
    const q = (this.sweeps[slot] ??= new SweepQueue());
    const horizon = latest - g.retainMs - LATE_ARRIVAL_MS;
    for (let i = 0; i < 2; i++) {
      const next = q.shift();
      if (next === undefined) break;
      const rec = this.map.get(next);
      const log = this.logOf(rec, slot);
      if (!rec || !log) continue; // evicted by a full sweep meanwhile
      if (log.lastSeen < horizon) this.drop(rec, next, slot);
      else q.push(next);
    }
    q.push(key);
  }

  /** Drops every history idle beyond its group's horizon (see FeatureState.evictIdle); returns how many. */
  evictIdle(now: number): number {
    const horizons = this.groups.map((g) => (g.remembers ? -Infinity : now - g.retainMs - LATE_ARRIVAL_MS));
    const soleHorizon = horizons[this.sole] ?? -Infinity;
    let evicted = 0;
    // Deleting or replacing the entry being visited is safe in a Map's iteration.
    for (const [key, rec] of this.map) {
      if (rec instanceof EntityLog) {
        if (rec.lastSeen < soleHorizon) {
          this.drop(rec, key, this.sole);
          evicted++;
        }
        continue;
      }
      const before = evicted;
      for (let s = 0; s < rec.length; s++) {
        const log = rec[s];
        if (log && log.lastSeen < (horizons[s] ?? -Infinity)) {
          rec[s] = undefined;
          evicted++;
        }
      }
      if (evicted === before) continue;
      this.held -= evicted - before;
      this.settle(key, rec);
    }
    return evicted;
  }

  /**
   * One group's histories as it would hold them in a map of its own. In key order: the records' order
   * depends on which group saw an entity first, which a dump of per-group lists cannot carry over, and
   * a restored state must dump what the original does.
   */
  dump(slot: number): HeldMapDump {
    const held: [string, EntityLog][] = [];
    for (const [key, rec] of this.map) {
      const log = this.logOf(rec, slot);
      if (log) held.push([key, log]);
    }
    held.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      logs: held.map(([key, log]) => dumpLog(key, log)),
      sweep: this.sweeps[slot]?.pending() ?? [],
    };
  }

  load(slot: number, from: HeldMapDump): void {
    for (const l of from.logs) {
      const rec = this.map.get(l.key);
      if (this.logOf(rec, slot)) throw new StateDumpError('an entity twice in one map');
      this.put(rec, l.key, slot, restoreLog(l));
    }
    if (from.sweep.length > 0) this.sweeps[slot] = SweepQueue.of(from.sweep);
  }
}
