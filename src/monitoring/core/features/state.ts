import type { NormalizedEvent } from '../normalize.ts';
import type { CompiledFeature } from './compiled.ts';
import { EntityLog } from './entity-log.ts';

export type FeatureValue = number | boolean;

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

  constructor(readonly features: readonly CompiledFeature[]) {
    this.logs = features.map(() => new Map<string, EntityLog>());
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
    for (const f of this.features) {
      let accepted: boolean;
      try {
        accepted = f.accepts(e);
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
        log = new EntityLog();
        logs.set(key, log);
      }
      log.insert(e.time, e.day, f.value(e), f.of?.(e));
      log.prune(log.lastSeen - f.retainMs);
    }
  }

  /** Number of entity histories held, for metrics. */
  get entityCount(): number {
    return this.logs.reduce((n, m) => n + m.size, 0);
  }

  private valueOf(f: CompiledFeature, e: NormalizedEvent): FeatureValue {
    const key = f.entity(e);
    const self = key !== undefined && f.accepts(e);
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
        const last = end > 0 && log ? (log.t[end - 1] ?? -1) : -1;
        if (f.aggregation === 'last_seen') return last < 0 ? 0 : last;
        return last < 0 ? -1 : e.time - last;
      }
      default:
        break;
    }
    let count = self ? 1 : 0;
    let sum = v;
    let min = self ? v : Infinity;
    let max = self ? v : -Infinity;
    let isNew = self && k !== undefined;
    const seen = f.aggregation === 'distinct' ? new Set<string>() : undefined;
    if (seen && k !== undefined) seen.add(k);
    if (log && log.size > 0) {
      const end = log.upper(e.time);
      let i = end - 1;
      const from = f.window === 'day' ? undefined : e.time - f.window;
      for (; i >= 0; i--) {
        if (from === undefined ? log.day[i] !== e.day : (log.t[i] ?? 0) <= from) break;
        const x = log.v[i] ?? 0;
        count++;
        sum += x;
        if (x < min) min = x;
        if (x > max) max = x;
        const ki = log.k[i];
        if (ki !== undefined) {
          seen?.add(ki);
          if (ki === k) isNew = false;
        }
      }
    }
    switch (f.aggregation) {
      case 'count':
        return count;
      case 'sum':
        if (!Number.isSafeInteger(sum)) throw new RangeError('sum exceeds the exact integer range');
        return sum;
      case 'min':
        return count === 0 ? 0 : min;
      case 'max':
        return count === 0 ? 0 : max;
      case 'avg':
        return count === 0 ? 0 : Math.round(sum / count);
      case 'distinct':
        return seen?.size ?? 0;
      case 'is_new':
        return isNew;
    }
  }
}
