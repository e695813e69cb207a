import type { NormalizedEvent } from '../normalize.ts';
import type { CompiledFeature } from './compiled.ts';
import type { CycleLogs } from './cycle-logs.ts';
import type { EntityLog } from './entity-log.ts';
import type { EntityRecord, EntityRecords } from './entity-records.ts';
import { StateDumpError, type StateDump } from './state-dump.ts';
import { groupFeatures, type FeatureGroup } from './groups.ts';
import { recordLayout, type Lookup } from './record-layout.ts';
import { aggregate, windowStart } from './window-agg.ts';

export type FeatureValue = number | boolean;

export { LATE_ARRIVAL_MS } from './entity-records.ts';

/** Thrown when a feature's filter fails; the decision fails closed on it. */
export class FeatureError extends Error {
  constructor(
    readonly featureId: string,
    cause: unknown,
  ) {
    super(`feature ${featureId} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FeatureError';
  }
}

/**
 * Window state of one tenant: per feature group (features that keep the same entries, see groups.ts),
 * per entity, the events they count, held per entity path in records (entity-records.ts). Reading
 * (`values`) never changes state; `record` is called once the decision is on its way to the store, so a
 * rejected or duplicate event counts nothing.
 */
export class FeatureState {
  private readonly groups: FeatureGroup[];

  /** Per feature, its filter group; per group, the answer for `lastEvent` (see accepted()). */
  private readonly filterOf: number[];
  private readonly answers: (boolean | Error | undefined)[];
  private lastEvent: NormalizedEvent | undefined;
  /** Latest event time recorded. */
  private latest = Number.NEGATIVE_INFINITY;
  /** Scratch, one slot per feature: a value, or the error it failed with. Reused by every read. */
  private readonly slots: (FeatureValue | Error)[];
  /** Every feature id in order: `values` copies its shape in one allocation instead of growing an object. */
  private readonly template: Record<string, FeatureValue>;

  /** Where each group keeps its histories (record-layout.ts). */
  private readonly records: EntityRecords[];
  private readonly recordsOf: number[];
  private readonly slotOf: number[];
  private readonly cycles: (CycleLogs | undefined)[];
  /**
   * Per entity path, the entity of `foundEvent[i]` and its record: one lookup in a big map (often a
   * few cache misses each) serves every group on that path, reading and then recording the event.
   * Cycle groups find their own history the same way, indexed after the paths.
   */
  private readonly foundEvent: (NormalizedEvent | undefined)[];
  private readonly foundKey: (string | undefined)[];
  private readonly foundRec: (EntityRecord | undefined)[];
  private readonly foundLog: (EntityLog | undefined)[];
  /** Per feature with a `lookup`, its lookup pair; per pair, what it found for `lookedUp`. */
  private readonly lookupOf: number[];
  private readonly lookups: Lookup[];
  private readonly lookedUp: (NormalizedEvent | undefined)[];
  private readonly lookupKey: (string | undefined)[];
  private readonly lookupRec: (EntityRecord | undefined)[];

  constructor(readonly features: readonly CompiledFeature[]) {
    this.groups = groupFeatures(features);
    const keys = new Map<string, number>();
    this.filterOf = features.map((f) => {
      const key = f.acceptKey ?? `#${f.index}`;
      let g = keys.get(key);
      if (g === undefined) keys.set(key, (g = keys.size));
      return g;
    });
    this.answers = [...keys].map(() => undefined);
    this.slots = features.map(() => 0);
    this.template = {};
    for (const f of features) this.template[f.id] = 0;

    ({
      records: this.records,
      recordsOf: this.recordsOf,
      slotOf: this.slotOf,
      cycles: this.cycles,
      lookupOf: this.lookupOf,
      lookups: this.lookups,
    } = recordLayout(this.groups, features));
    const finds = this.records.length + this.groups.length;
    this.foundEvent = new Array<undefined>(finds).fill(undefined);
    this.foundKey = new Array<undefined>(finds).fill(undefined);
    this.foundRec = new Array<undefined>(finds).fill(undefined);
    this.foundLog = new Array<undefined>(finds).fill(undefined);

    this.lookedUp = this.lookups.map(() => undefined);
    this.lookupKey = this.lookups.map(() => undefined);
    this.lookupRec = this.lookups.map(() => undefined);
  }

  /**
   * f.accepts(e), evaluated once per event for all features with the same filter: reading the
   * features and then recording the same event reuses the answers (errors included).
   */
  private accepted(f: CompiledFeature, e: NormalizedEvent): boolean {
    if (e !== this.lastEvent) {
      this.answers.fill(undefined);
      this.lastEvent = e;
    }
    const g = this.filterOf[f.index] ?? 0;
    let a = this.answers[g];
    if (a === undefined) {
      try {
        a = f.accepts(e);
      } catch (cause) {
        a = cause instanceof Error ? cause : new Error(String(cause));
      }
      this.answers[g] = a;
    }
    if (a instanceof Error) throw a;
    return a;
  }

  /** What record, evictIdle and load change, a later read must look up afresh. */
  private forget(): void {
    this.foundEvent.fill(undefined);
    this.lookedUp.fill(undefined);
  }

  /** The entity of `e` on entity path `r`, and its record, into found*[r]. */
  private find(r: number, e: NormalizedEvent): void {
    const records = this.records[r] as EntityRecords;
    const key = records.entity(e);
    this.foundEvent[r] = e;
    this.foundKey[r] = key;
    this.foundRec[r] = key === undefined ? undefined : records.map.get(key);
  }

  /** The payer of `e` for cycle group `gi`, and its history, into found*[i]. */
  private findCycle(i: number, gi: number, e: NormalizedEvent): void {
    const key = (this.groups[gi] as FeatureGroup).head.entity(e);
    this.foundEvent[i] = e;
    this.foundKey[i] = key;
    this.foundLog[i] = key === undefined ? undefined : this.cycles[gi]?.out.map.get(key);
  }

  /** The entity lookup pair `li` reads for `e`, and its record (the one found on the path when the same). */
  private findLookup(li: number, e: NormalizedEvent): void {
    const l = this.lookups[li];
    if (!l) return;
    const key = l.read(e);
    if (this.foundEvent[l.records] !== e) this.find(l.records, e);
    this.lookedUp[li] = e;
    this.lookupKey[li] = key;
    this.lookupRec[li] =
      key === undefined
        ? undefined
        : key === this.foundKey[l.records]
          ? this.foundRec[l.records]
          : this.records[l.records]?.map.get(key);
  }

  /** Feature values as of this event, the event itself included when the feature accepts it. */
  values(e: NormalizedEvent): { values: Record<string, FeatureValue>; errors: FeatureError[] } {
    const slots = this.read(e);
    const values: Record<string, FeatureValue> = { ...this.template };
    const errors: FeatureError[] = [];
    for (const f of this.features) {
      const v = slots[f.index] as FeatureValue | Error;
      if (typeof v === 'object') {
        errors.push(new FeatureError(f.id, v));
        delete values[f.id]; // rare: a failed feature has no value
      } else values[f.id] = v;
    }
    return { values, errors };
  }

  /**
   * Every feature's value (or the error it failed with) as of this event, by feature index, in an array
   * this state reuses: valid until the next call. For callers that read and drop, like the backtest.
   */
  read(e: NormalizedEvent): readonly (FeatureValue | Error)[] {
    for (let i = 0; i < this.groups.length; i++) this.readGroup(this.groups[i] as FeatureGroup, i, e);
    return this.slots;
  }

  private readGroup(g: FeatureGroup, gi: number, e: NormalizedEvent): void {
    const head = g.head;
    const r = this.recordsOf[gi] ?? -1;
    const slot = this.slotOf[gi] ?? -1;
    const fi = r < 0 ? this.records.length + gi : r;
    if (this.foundEvent[fi] !== e) {
      if (r < 0) this.findCycle(fi, gi, e);
      else this.find(r, e);
    }
    const key = this.foundKey[fi];
    // The filter runs only when some member has an entity to read, as each feature did on its own.
    let accepted: boolean | Error | undefined;
    let own: EntityLog | undefined;
    let ownFetched = false;
    let ownEnd = 0;
    let v = 0;
    let k: string | undefined;
    let vk = false;
    for (const f of g.members) {
      let rk = key;
      let lookedUp: EntityRecord | undefined;
      if (f.lookup !== undefined) {
        const li = this.lookupOf[f.index] ?? -1;
        if (this.lookedUp[li] !== e) this.findLookup(li, e);
        rk = this.lookupKey[li];
        lookedUp = this.lookupRec[li];
      }
      let self = false;
      let log: EntityLog | undefined;
      let end = 0;
      if (rk !== undefined) {
        if (accepted === undefined) {
          try {
            accepted = this.accepted(head, e);
          } catch (cause) {
            accepted = cause as Error;
          }
        }
        if (accepted instanceof Error) {
          this.slots[f.index] = accepted;
          continue;
        }
        // With a lookup, the event counts only for the entity it is recorded under.
        self = accepted && rk === key;
        if (rk === key) {
          if (!ownFetched) {
            own = r < 0 ? this.foundLog[fi] : this.records[r]?.logOf(this.foundRec[fi], slot);
            ownEnd = own === undefined || own.size === 0 ? 0 : own.upper(e.time);
            ownFetched = true;
          }
          log = own;
          end = ownEnd;
        } else {
          log = this.records[r]?.logOf(lookedUp, slot);
          end = log === undefined || log.size === 0 ? 0 : log.upper(e.time);
        }
        if (self && !vk) {
          v = head.value(e);
          k = head.of?.(e);
          vk = true;
        }
      }
      try {
        this.slots[f.index] = this.valueOf(gi, f, e, rk, log, end, self, self ? v : 0, self ? k : undefined);
      } catch (cause) {
        this.slots[f.index] = cause instanceof Error ? cause : new Error(String(cause));
      }
    }
  }

  record(e: NormalizedEvent): void {
    if (e.time > this.latest) this.latest = e.time;
    for (let gi = 0; gi < this.groups.length; gi++) {
      const g = this.groups[gi] as FeatureGroup;
      const f = g.head;
      let accepted: boolean;
      try {
        accepted = this.accepted(f, e);
      } catch {
        // The decision already failed closed on this error; an event a filter cannot read is not counted.
        continue;
      }
      if (!accepted) continue;
      const r = this.recordsOf[gi] ?? -1;
      if (r < 0) {
        const fi = this.records.length + gi;
        if (this.foundEvent[fi] !== e) this.findCycle(fi, gi, e);
        const key = this.foundKey[fi];
        if (key !== undefined) this.cycles[gi]?.record(e, key, this.foundLog[fi], this.latest);
        continue;
      }
      // What a read of this event found is still so: record only adds to or sweeps other entities'
      // records (a group's sweep skips the entity it is adding), and evictIdle and load forget it.
      if (this.foundEvent[r] !== e) this.find(r, e);
      const key = this.foundKey[r];
      if (key === undefined) continue;
      const slot = this.slotOf[gi] ?? -1;
      const records = this.records[r] as EntityRecords;
      let log = records.logOf(this.foundRec[r], slot);
      if (!log) {
        const made = records.add(this.foundRec[r], key, slot, this.latest);
        this.foundRec[r] = made.rec;
        log = made.log;
      }
      log.insert(e.time, e.day, f.value(e), f.of?.(e));
      log.prune(log.lastSeen - g.retainMs);
    }
    this.forget();
  }

  /**
   * Drops the histories of entities with no entry inside any window that an event arriving now (or up
   * to LATE_ARRIVAL_MS late) could read: they would add nothing to a feature's value. A returning
   * entity starts a new history, as it would have after the window pruned it. Returns how many.
   */
  evictIdle(now: number): number {
    this.forget();
    let evicted = 0;
    for (const r of this.records) evicted += r.evictIdle(now);
    for (const c of this.cycles) if (c) evicted += c.out.evictIdle(now) + c.incoming.evictIdle(now);
    return evicted;
  }

  /** Every window as plain data, exact (state-dump.ts): for a snapshot; nothing here changes. */
  dump(): StateDump {
    return {
      latest: this.latest === Number.NEGATIVE_INFINITY ? null : this.latest,
      groups: this.groups.map((g, gi) => {
        const c = this.cycles[gi];
        if (c) return { head: g.head.id, logs: c.out.dump(), reverse: c.incoming.dump() };
        const r = this.records[this.recordsOf[gi] ?? -1] as EntityRecords;
        return { head: g.head.id, logs: r.dump(this.slotOf[gi] ?? -1) };
      }),
    };
  }

  /**
   * Takes the windows of a dump of a state of the same features, into this state before it records
   * anything. Throws StateDumpError (and is then unusable) when the dump does not fit.
   */
  load(dump: StateDump): void {
    if (this.latest !== Number.NEGATIVE_INFINITY) throw new StateDumpError('load into a state that recorded events');
    const heads = this.groups.map((g) => g.head.id).join(',');
    if (dump.groups.map((g) => g.head).join(',') !== heads) throw new StateDumpError('feature groups differ');
    this.groups.forEach((_, gi) => {
      const from = dump.groups[gi];
      const c = this.cycles[gi];
      if (c) {
        c.out.load(from?.logs);
        c.incoming.load(from?.reverse);
        return;
      }
      if (!from) throw new StateDumpError('feature groups differ');
      if (from.reverse) throw new StateDumpError('a reverse map for a feature without one');
      this.records[this.recordsOf[gi] ?? -1]?.load(this.slotOf[gi] ?? -1, from.logs);
    });
    this.latest = dump.latest ?? Number.NEGATIVE_INFINITY;
    this.forget();
  }

  /** Number of entity histories held (features that share a log count it once), for metrics. */
  get entityCount(): number {
    let n = 0;
    for (const r of this.records) n += r.held;
    for (const c of this.cycles) if (c) n += c.out.map.size;
    return n;
  }

  private valueOf(
    gi: number,
    f: CompiledFeature,
    e: NormalizedEvent,
    key: string | undefined,
    log: EntityLog | undefined,
    end: number,
    self: boolean,
    v: number,
    k: string | undefined,
  ): FeatureValue {
    switch (f.aggregation) {
      case 'first_seen': {
        const first = Math.min(log?.firstSeen ?? Infinity, self ? e.time : Infinity);
        return first === Infinity ? 0 : first;
      }
      case 'last_seen':
      case 'since_last': {
        // The latest earlier event: what "time since last" means at decision time.
        const last = end > 0 && log ? log.time(end - 1) : -1;
        if (f.aggregation === 'last_seen') return last < 0 ? 0 : last;
        return last < 0 ? -1 : e.time - last;
      }
      case 'cycle':
        return self && key !== undefined ? (this.cycles[gi]?.length(f, e, key) ?? 0) : 0;
      default:
        break;
    }
    const lo = log && end > 0 ? windowStart(log, f.window, e.time, e.day, end) : 0;
    return aggregate(f.aggregation, log, lo, end, e.time, self, v, k);
  }
}
