import type { NormalizedEvent } from '../normalize.ts';
import type { CompiledFeature } from './compiled.ts';
import { shortestPath } from './cycle.ts';
import { EntityLog, dumpLog, restoreLog } from './entity-log.ts';
import { StateDumpError, type HeldMapDump, type StateDump } from './state-dump.ts';
import { groupFeatures, type FeatureGroup } from './groups.ts';
import { aggregate, windowStart } from './window-agg.ts';

export type FeatureValue = number | boolean;

/**
 * How late an event may arrive and still find every entry its windows need: an entity idle for longer
 * than a feature's window plus this is dropped from that feature's memory.
 */
export const LATE_ARRIVAL_MS = 3 * 86_400_000;

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
 * per entity, the events they count. Reading (`values`) never changes state; `record` is called once the
 * decision is on its way to the store, so a rejected or duplicate event counts nothing.
 */
export class FeatureState {
  private readonly groups: FeatureGroup[];

  /** Per feature, its filter group; per group, the answer for `lastEvent` (see accepted()). */
  private readonly filterOf: number[];
  private readonly answers: (boolean | Error | undefined)[];
  private lastEvent: NormalizedEvent | undefined;
  /** Latest event time recorded; per held map, where its sweep for idle entities has got to. */
  private latest = Number.NEGATIVE_INFINITY;
  private readonly sweeps = new Map<Map<string, EntityLog>, SweepQueue>();
  /** Scratch, one slot per feature: a value, or the error it failed with. Reused by every read. */
  private readonly slots: (FeatureValue | Error)[];
  /**
   * Per group, the entity whose history the last read looked up for `foundEvent`, and that history:
   * recording the event just read needs no second lookup in a big map (often a few cache misses each).
   */
  private readonly foundKey: (string | undefined)[];
  private readonly foundLog: (EntityLog | undefined)[];
  private foundEvent: NormalizedEvent | undefined;
  /** Every feature id in order: `values` copies its shape in one allocation instead of growing an object. */
  private readonly template: Record<string, FeatureValue>;

  constructor(readonly features: readonly CompiledFeature[]) {
    this.groups = groupFeatures(features);
    this.foundKey = this.groups.map(() => undefined);
    this.foundLog = this.groups.map(() => undefined);
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
    if (e !== this.foundEvent) {
      this.foundEvent = e;
      this.foundKey.fill(undefined);
    }
    for (let i = 0; i < this.groups.length; i++) this.readGroup(this.groups[i] as FeatureGroup, i, e);
    return this.slots;
  }

  private readGroup(g: FeatureGroup, gi: number, e: NormalizedEvent): void {
    const head = g.head;
    const key = head.entity(e);
    // The filter runs only when some member has an entity to read, as each feature did on its own.
    let accepted: boolean | Error | undefined;
    let own: EntityLog | undefined;
    let ownFetched = false;
    let ownEnd = 0;
    let v = 0;
    let k: string | undefined;
    let vk = false;
    for (const f of g.members) {
      const rk = f.lookup === undefined ? key : f.lookup(e);
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
            own = g.logs.get(rk);
            ownEnd = own === undefined || own.size === 0 ? 0 : own.upper(e.time);
            ownFetched = true;
            this.foundKey[gi] = rk;
            this.foundLog[gi] = own;
          }
          log = own;
          end = ownEnd;
        } else {
          log = g.logs.get(rk);
          end = log === undefined || log.size === 0 ? 0 : log.upper(e.time);
        }
        if (self && !vk) {
          v = head.value(e);
          k = head.of?.(e);
          vk = true;
        }
      }
      try {
        this.slots[f.index] = this.valueOf(g, f, e, rk, log, end, self, self ? v : 0, self ? k : undefined);
      } catch (cause) {
        this.slots[f.index] = cause instanceof Error ? cause : new Error(String(cause));
      }
    }
  }

  record(e: NormalizedEvent): void {
    if (e.time > this.latest) this.latest = e.time;
    const found = this.foundEvent === e;
    this.foundEvent = undefined; // what record changes, a later read must look up afresh
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
      const key = f.entity(e);
      if (key === undefined) continue;
      const logs = g.logs;
      // Nothing between that read and now has changed this group's map: record only adds to or sweeps
      // a group's own map, and evictIdle and load forget what was found.
      let log = found && this.foundKey[gi] === key ? this.foundLog[gi] : logs.get(key);
      if (!log) {
        this.sweepSome(g, logs, key); // before the new, still empty, history joins the map
        log = new EntityLog();
        logs.set(key, log);
      }
      const k = f.of?.(e);
      log.insert(e.time, e.day, f.value(e), k);
      log.prune(log.lastSeen - g.retainMs);
      const rev = g.reverse;
      if (rev && k !== undefined) {
        let back = rev.get(k);
        if (!back) {
          this.sweepSome(g, rev, k);
          back = new EntityLog();
          rev.set(k, back);
        }
        back.insert(e.time, e.day, 0, key);
        back.prune(back.lastSeen - g.retainMs);
      }
    }
  }

  /**
   * Drops the histories of entities with no entry inside any window that an event arriving now (or up
   * to LATE_ARRIVAL_MS late) could read: they would add nothing to a feature's value. A returning
   * entity starts a new history, as it would have after the window pruned it. Returns how many.
   */
  evictIdle(now: number): number {
    this.foundEvent = undefined;
    let evicted = 0;
    for (const g of this.groups) {
      if (g.remembers) continue;
      const horizon = now - g.retainMs - LATE_ARRIVAL_MS;
      for (const logs of [g.logs, g.reverse]) {
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
  private sweepSome(g: FeatureGroup, logs: Map<string, EntityLog>, key: string): void {
    if (g.remembers) return;
    let q = this.sweeps.get(logs);
    if (!q) this.sweeps.set(logs, (q = new SweepQueue()));
    const horizon = this.latest - g.retainMs - LATE_ARRIVAL_MS;
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

  /** Every window as plain data, exact (state-dump.ts): for a snapshot; nothing here changes. */
  dump(): StateDump {
    const held = (logs: Map<string, EntityLog>): HeldMapDump => ({
      logs: [...logs].map(([key, log]) => dumpLog(key, log)),
      sweep: this.sweeps.get(logs)?.pending() ?? [],
    });
    return {
      latest: this.latest === Number.NEGATIVE_INFINITY ? null : this.latest,
      groups: this.groups.map((g) => ({
        head: g.head.id,
        logs: held(g.logs),
        ...(g.reverse ? { reverse: held(g.reverse) } : {}),
      })),
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
    const fill = (logs: Map<string, EntityLog>, from: HeldMapDump | undefined) => {
      if (!from) throw new StateDumpError('a cycle feature without its reverse map');
      for (const l of from.logs) {
        if (logs.has(l.key)) throw new StateDumpError('an entity twice in one map');
        logs.set(l.key, restoreLog(l));
      }
      if (from.sweep.length > 0) this.sweeps.set(logs, SweepQueue.of(from.sweep));
    };
    this.groups.forEach((g, i) => {
      const from = dump.groups[i];
      fill(g.logs, from?.logs);
      if (g.reverse) fill(g.reverse, from?.reverse);
      else if (from?.reverse) throw new StateDumpError('a reverse map for a feature without one');
    });
    this.latest = dump.latest ?? Number.NEGATIVE_INFINITY;
    this.foundEvent = undefined;
  }

  /** Number of entity histories held (features that share a log count it once), for metrics. */
  get entityCount(): number {
    return this.groups.reduce((n, g) => n + g.logs.size, 0);
  }

  private valueOf(
    g: FeatureGroup,
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
        return self && key !== undefined ? this.cycleLength(g, f, e, key) : 0;
      default:
        break;
    }
    const lo = log && end > 0 ? windowStart(log, f.window, e.time, e.day, end) : 0;
    return aggregate(f.aggregation, log, lo, end, e.time, self, v, k);
  }

  /** Transfers in the cycle closed by `e` (payer → payee → … → payer), 0 when there is none. */
  private cycleLength(g: FeatureGroup, f: CompiledFeature, e: NormalizedEvent, payer: string): number {
    const payee = f.of?.(e);
    if (payee === undefined || f.window === 'day') return 0;
    if (payee === payer) return 1;
    const incoming = g.reverse;
    if (!incoming) return 0;
    const edges = shortestPath(g.logs, incoming, {
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

  static of(keys: readonly string[]): SweepQueue {
    const q = new SweepQueue();
    q.keys = [...keys];
    return q;
  }

  /** The keys still to visit, in order. */
  pending(): string[] {
    return this.keys.slice(this.head);
  }

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
