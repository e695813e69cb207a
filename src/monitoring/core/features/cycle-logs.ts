import type { NormalizedEvent } from '../normalize.ts';
import type { CompiledFeature } from './compiled.ts';
import { shortestPath } from './cycle.ts';
import { EntityLog, dumpLog, restoreLog } from './entity-log.ts';
import { LATE_ARRIVAL_MS } from './entity-records.ts';
import type { FeatureGroup } from './groups.ts';
import { StateDumpError, type HeldMapDump } from './state-dump.ts';
import { SweepQueue } from './sweep-queue.ts';

/**
 * A cycle group's map (per payer, or per payee): held on its own, as shortestPath walks it. Swept as
 * a group's histories in EntityRecords are.
 */
export class HeldLogs {
  readonly map = new Map<string, EntityLog>();
  private sweep: SweepQueue | undefined;

  constructor(private readonly group: FeatureGroup) {}

  /** Starts the history of `key`, which has none. */
  add(key: string, latest: number): EntityLog {
    if (!this.group.remembers) {
      const q = (this.sweep ??= new SweepQueue());
      const horizon = latest - this.group.retainMs - LATE_ARRIVAL_MS;
      for (let i = 0; i < 2; i++) {
        const next = q.shift();
        if (next === undefined) break;
        const log = this.map.get(next);
        if (!log) continue; // evicted by a full sweep meanwhile
        if (log.lastSeen < horizon) this.map.delete(next);
        else q.push(next);
      }
      q.push(key);
    }
    const log = new EntityLog();
    this.map.set(key, log);
    return log;
  }

  evictIdle(now: number): number {
    if (this.group.remembers) return 0;
    const horizon = now - this.group.retainMs - LATE_ARRIVAL_MS;
    let evicted = 0;
    for (const [key, log] of this.map)
      if (log.lastSeen < horizon) {
        this.map.delete(key);
        evicted++;
      }
    return evicted;
  }

  dump(): HeldMapDump {
    return { logs: [...this.map].map(([key, log]) => dumpLog(key, log)), sweep: this.sweep?.pending() ?? [] };
  }

  load(from: HeldMapDump | undefined): void {
    if (!from) throw new StateDumpError('a cycle feature without its reverse map');
    for (const l of from.logs) {
      if (this.map.has(l.key)) throw new StateDumpError('an entity twice in one map');
      this.map.set(l.key, restoreLog(l));
    }
    if (from.sweep.length > 0) this.sweep = SweepQueue.of(from.sweep);
  }
}

/**
 * A cycle group's histories: per payer the transfers it made (`k` = payee), per payee those it
 * received (`k` = payer). Kept apart from the entity records, as shortestPath walks both maps.
 */
export class CycleLogs {
  readonly out: HeldLogs;
  readonly incoming: HeldLogs;

  constructor(private readonly group: FeatureGroup) {
    this.out = new HeldLogs(group);
    this.incoming = new HeldLogs(group);
  }

  /** Records accepted `e` under payer `key`, whose history is `log` (undefined: none yet). */
  record(e: NormalizedEvent, key: string, log: EntityLog | undefined, latest: number): void {
    const g = this.group;
    const out = log ?? this.out.add(key, latest);
    const k = g.head.of?.(e);
    out.insert(e.time, e.day, g.head.value(e), k);
    out.prune(out.lastSeen - g.retainMs);
    if (k === undefined) return;
    const back = this.incoming.map.get(k) ?? this.incoming.add(k, latest);
    back.insert(e.time, e.day, 0, key);
    back.prune(back.lastSeen - g.retainMs);
  }

  /** Transfers in the cycle closed by `e` (payer → payee → … → payer), 0 when there is none. */
  length(f: CompiledFeature, e: NormalizedEvent, payer: string): number {
    const payee = f.of?.(e);
    if (payee === undefined || f.window === 'day') return 0;
    if (payee === payer) return 1;
    const edges = shortestPath(this.out.map, this.incoming.map, {
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
