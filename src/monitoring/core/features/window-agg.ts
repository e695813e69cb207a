import type { Aggregation } from './spec.ts';
import type { EntityLog } from './entity-log.ts';
import type { FeatureValue } from './state.ts';

/** The current event's own contribution, when the feature counts it. */
export interface SelfPart {
  readonly self: boolean;
  readonly v: number;
  readonly k: string | undefined;
}

/** Index range [lo, end) of the log entries inside the window that ends at `time`. */
export function windowRange(log: EntityLog, window: number | 'day', time: number, day: number): [number, number] {
  const end = log.upper(time);
  if (window !== 'day') return [log.upper(time - window), end];
  // Days are non-decreasing with time: the first entry of the event's day, by binary search.
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((log.day[mid] ?? 0) < day) lo = mid + 1;
    else hi = mid;
  }
  return [lo, end];
}

/**
 * A windowed aggregation over log entries [lo, end) plus the event itself: each kind has its own tight
 * loop (count needs none), which matters on busy accounts with long windows.
 */
export function aggregate(
  agg: Aggregation,
  log: EntityLog | undefined,
  lo: number,
  end: number,
  me: SelfPart,
): FeatureValue {
  const n = log ? end - lo : 0;
  const count = n + (me.self ? 1 : 0);
  const v = log?.v ?? [];
  const ks = log?.k ?? [];
  switch (agg) {
    case 'count':
      return count;
    case 'sum':
    case 'avg': {
      let sum = me.self ? me.v : 0;
      for (let i = lo; i < end; i++) sum += v[i] ?? 0;
      if (agg === 'avg') return count === 0 ? 0 : Math.round(sum / count);
      if (!Number.isSafeInteger(sum)) throw new RangeError('sum exceeds the exact integer range');
      return sum;
    }
    case 'min':
    case 'max': {
      if (count === 0) return 0;
      let m = me.self ? me.v : agg === 'min' ? Infinity : -Infinity;
      for (let i = lo; i < end; i++) {
        const x = v[i] ?? 0;
        if (agg === 'min' ? x < m : x > m) m = x;
      }
      return m;
    }
    case 'distinct': {
      const seen = new Set<string>();
      if (me.self && me.k !== undefined) seen.add(me.k);
      for (let i = lo; i < end; i++) {
        const k = ks[i];
        if (k !== undefined) seen.add(k);
      }
      return seen.size;
    }
    case 'is_new':
    case 'count_same': {
      const k = me.self ? me.k : undefined;
      if (k === undefined) return agg === 'is_new' ? false : 0;
      let same = 1;
      for (let i = end - 1; i >= lo; i--) {
        if (ks[i] !== k) continue;
        if (agg === 'is_new') return false;
        same++;
      }
      return agg === 'is_new' ? true : same;
    }
    default:
      throw new RangeError(`${agg} is not a window aggregation`);
  }
}
