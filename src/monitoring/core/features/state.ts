import type { NormalizedEvent } from '../normalize.ts';
import type { CompiledFeature } from './compiled.ts';
import { shortestPath } from './cycle.ts';
import { EntityLog } from './entity-log.ts';
import { aggregate } from './window-agg.ts';

export type FeatureValue = number | boolean;

/**
 * How late an event may arrive and still find every entry its windows need: an entity idle for longer
 * than a feature's window plus this is dropped from that feature's memory.
 */
export const LATE_ARRIVAL_MS = 3 * 86_400_000;
/** Aggregations that remember an entity for ever (its first or last sighting): never evicted. */
const remembers = new Set(['first_seen', 'last_seen', 'since_last']);

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
 * Window state of one tenant: per feature, per entity, the events that feature counts. Reading
 * (`values`) never changes state; `record` is called once the decision is on its way to the store, so a
 * rejected or duplicate event counts nothing.
 */
export class FeatureState {
  private readonly logs: Map<string, EntityLog>[];
  /** Cycle features also keep each transfer under its payee (`k` = payer), to search from both ends. */
  private readonly reverse: Map<string, EntityLog>[];

  /** Per feature, its filter group; per group, the answer for `lastEvent` (see accepted()). */
  private readonly group: number[];
  private readonly answers: (boolean | Error | undefined)[];
  private lastEvent: NormalizedEvent | undefined;
  /** Latest event time recorded; per held map, where its sweep for idle entities has got to. */
  private latest = Number.NEGATIVE_INFINITY;
  private readonly sweeps = new Map<Map<string, EntityLog>, SweepQueue>();

  constructor(readonly features: readonly CompiledFeature[]) {
    this.logs = features.map(() => new Map<string, EntityLog>());
    this.reverse = features.map(() => new Map<string, EntityLog>());
    const keys = new Map<string, number>();
    this.group = features.map((f) => {
      const key = f.acceptKey ?? `#${f.index}`;
      let g = keys.get(key);
      if (g === undefined) keys.set(key, (g = keys.size));
      return g;
    });
    this.answers = [...keys].map(() => undefined);
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
    const g = this.group[f.index] ?? 0;
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

  /** Feature values as of this event, the event itself included when the feature accepts it. */
  values(e: NormalizedEvent): { values: Record<string, FeatureValue>; errors: FeatureError[] } {
    const values: Record<string, FeatureValue> = {};
    const errors: FeatureError[] = [];
    for (const f of this.features) {
      try {
        values[f.id] = this.valueOf(f, e);
      } catch (cause) {
        errors.push(new FeatureError(f.id, cause));
      }
    }
    return { values, errors };
  }

  record(e: NormalizedEvent): void {
    if (e.time > this.latest) this.latest = e.time;
    for (const f of this.features) {
      let accepted: boolean;
      try {
        accepted = this.accepted(f, e);
      } catch {
        // The decision already failed closed on this error; an event a filter cannot read is not counted.
        continue;
      }
      if (!accepted) continue;
      const key = f.entity(e);
      if (key === undefined) continue;
      const logs = this.logs[f.index];
      if (!logs) continue;
      let log = logs.get(key);
      if (!log) {
        this.sweepSome(f, logs, key); // before the new, still empty, history joins the map
        log = new EntityLog();
        logs.set(key, log);
      }
      const k = f.of?.(e);
      log.insert(e.time, e.day, f.value(e), k);
      log.prune(log.lastSeen - f.retainMs);
      if (f.aggregation === 'cycle' && k !== undefined) {
        const rev = this.reverse[f.index];
        let back = rev?.get(k);
        if (rev && !back) {
          this.sweepSome(f, rev, k);
          back = new EntityLog();
          rev.set(k, back);
        }
        back?.insert(e.time, e.day, 0, key);
        back?.prune(back.lastSeen - f.retainMs);
      }
    }
  }

  /**
   * Drops the histories of entities with no entry inside any window that an event arriving now (or up
   * to LATE_ARRIVAL_MS late) could read: they would add nothing to a feature's value. A returning
   * entity starts a new history, as it would have after the window pruned it. Returns how many.
   */
  evictIdle(now: number): number {
    let evicted = 0;
    for (const f of this.features) {
      if (remembers.has(f.aggregation)) continue;
      const horizon = now - f.retainMs - LATE_ARRIVAL_MS;
      for (const logs of [this.logs[f.index], this.reverse[f.index]]) {
        if (!logs) continue;
        for (const [key, log] of logs)
          if (log.lastSeen < horizon) {
            logs.delete(key);
            evicted++;
          }
      }
    }
    return evicted;
  }

  /**
   * Every new entity history pays for looking at two held ones of the same map, round and round: no
   * pause, nothing on the path of returning entities, and a map never holds more than about twice the
   * entities active within its window (each pass takes half as many new entities as it looks at).
   */
  private sweepSome(f: CompiledFeature, logs: Map<string, EntityLog>, key: string): void {
    if (remembers.has(f.aggregation)) return;
    let q = this.sweeps.get(logs);
    if (!q) this.sweeps.set(logs, (q = new SweepQueue()));
    const horizon = this.latest - f.retainMs - LATE_ARRIVAL_MS;
    for (let i = 0; i < 2; i++) {
      const next = q.shift();
      if (next === undefined) break;
      const log = logs.get(next);
      if (!log) continue; // evicted by a full sweep meanwhile
      if (log.lastSeen < horizon) logs.delete(next);
      else q.push(next);
    }
    q.push(key);
  }

  /** Number of entity histories held, for metrics. */
  get entityCount(): number {
    return this.logs.reduce((n, m) => n + m.size, 0);
  }

  private valueOf(f: CompiledFeature, e: NormalizedEvent): FeatureValue {
    const key = (f.lookup ?? f.entity)(e);
    // With a lookup, the event counts only for the entity it is recorded under.
    const self = key !== undefined && this.accepted(f, e) && (f.lookup === undefined || f.entity(e) === key);
    const log = key === undefined ? undefined : this.logs[f.index]?.get(key);
    const v = self ? f.value(e) : 0;
    const k = self ? f.of?.(e) : undefined;
    switch (f.aggregation) {
      case 'first_seen': {
        const first = Math.min(log?.firstSeen ?? Infinity, self ? e.time : Infinity);
        return first === Infinity ? 0 : first;
      }
      case 'last_seen':
      case 'since_last': {
        // The latest earlier event: what "time since last" means at decision time.
        const end = log ? log.upper(e.time) : 0;
        const last = end > 0 && log ? log.time(end - 1) : -1;
        if (f.aggregation === 'last_seen') return last < 0 ? 0 : last;
        return last < 0 ? -1 : e.time - last;
      }
      case 'cycle':
        return self ? this.cycleLength(f, e, key) : 0;
      default:
        break;
    }
    return aggregate(f.aggregation, log, f.window, e.time, e.day, self, v, k);
  }

  /** Transfers in the cycle closed by `e` (payer → payee → … → payer), 0 when there is none. */
  private cycleLength(f: CompiledFeature, e: NormalizedEvent, payer: string): number {
    const payee = f.of?.(e);
    if (payee === undefined || f.window === 'day') return 0;
    if (payee === payer) return 1;
    const out = this.logs[f.index];
    const incoming = this.reverse[f.index];
    if (!out || !incoming) return 0;
    const edges = shortestPath(out, incoming, {
      from: payee,
      to: payer,
      time: e.time,
      windowStart: e.time - f.window,
      maxEdges: (f.maxHops ?? 6) - 1,
      ordered: f.ordered ?? false,
    });
    return edges === 0 ? 0 : edges + 1;
  }
}

/**
 * The keys of one map in the order the sweep visits them, round and round (a Map iterator kept across
 * calls would pin the map's old hash tables, and every history in them, after each rehash).
 */
class SweepQueue {
  private keys: string[] = [];
  private head = 0;

  push(key: string): void {
    this.keys.push(key);
  }

  shift(): string | undefined {
    if (this.head >= this.keys.length) return undefined;
    const key = this.keys[this.head++];
    if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.head = 0;
    }
    return key;
  }
}
