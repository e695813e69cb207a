import type { Aggregation } from './spec.ts';
import type { EntityLog } from './entity-log.ts';
import type { FeatureValue } from './state.ts';

/** First index inside `window` ending at `time`, among the first `end` entries of `log`. */
export function windowStart(log: EntityLog, window: number | 'day', time: number, day: number, end: number): number {
  return window === 'day' ? log.firstOfDay(day, end) : log.upper(time - window);
}

/**
 * A windowed aggregation over the log entries [lo, end) — those inside the window ending at `time` —
 * plus the event itself when the feature counts it (`self`, with value `v` and key `k`). Arguments are
 * flat and nothing is allocated on the common paths: this runs for every feature of every event.
 */
export function aggregate(
  agg: Aggregation,
  log: EntityLog | undefined,
  lo: number,
  end: number,
  time: number,
  self: boolean,
  v: number,
  k: string | undefined,
): FeatureValue {
  const n = end - lo;
  const count = n + (self ? 1 : 0);
  switch (agg) {
    case 'count':
      return count;
    case 'sum':
    case 'avg': {
      const sum = (log && n > 0 ? log.sum(lo, end) : 0) + (self ? v : 0);
      if (agg === 'avg') return count === 0 ? 0 : Math.round(sum / count);
      if (!Number.isSafeInteger(sum)) throw new RangeError('sum exceeds the exact integer range');
      return sum;
    }
    case 'min':
    case 'max': {
      if (count === 0) return 0;
      const m = self ? v : agg === 'min' ? Infinity : -Infinity;
      if (!log || end <= lo) return m;
      const x = log.extreme(lo, end, agg === 'max');
      return agg === 'min' ? Math.min(m, x) : Math.max(m, x);
    }
    case 'distinct':
      return distinct(log, lo, end, self ? k : undefined);
    case 'is_new': {
      if (!self || k === undefined) return false;
      if (!log || n === 0) return true;
      const latest = log.keyLatest.get(k);
      if (latest === undefined) return true;
      // The latest sighting answers it unless that sighting is later than this (out-of-order) event.
      if (latest <= time) return latest < (lo < log.size ? log.time(lo) : Infinity);
      return !scanHas(log, lo, end, k);
    }
    case 'count_same': {
      if (!self || k === undefined) return 0;
      return 1 + (log && end > lo ? log.countKey(lo, end, k) : 0);
    }
    default:
      throw new RangeError(`${agg} is not a window aggregation`);
  }
}

function distinct(log: EntityLog | undefined, lo: number, end: number, k: string | undefined): number {
  if (!log || end === lo) return k === undefined ? 0 : 1;
  if (end === log.size) {
    // Nothing after the window (the usual case: events arrive in order): a key is in it exactly when its
    // latest sighting is — times are sorted, and the entry before `lo` is strictly earlier than the entry
    // at `lo` — so one binary search over the sorted latest sightings, with no scan and no set.
    const from = log.time(lo);
    const selfIn = k === undefined || (log.keyLatest.get(k) ?? -Infinity) >= from;
    return log.keysSeenSince(from) + (selfIn ? 0 : 1);
  }
  // An earlier window (an out-of-order event): a short one is counted from its own entries without
  // allocation, a long one with a set.
  if (end - lo <= smallWindow) return distinctScan(log, lo, end, k);
  const seen = new Set<string>();
  if (k !== undefined) seen.add(k);
  for (let i = lo; i < end; i++) {
    const x = log.key(i);
    if (x !== undefined) seen.add(x);
  }
  return seen.size;
}

const smallWindow = 16;

/** distinct over [lo, end) by comparing each key with the ones before it: at most 120 comparisons. */
function distinctScan(log: EntityLog, lo: number, end: number, k: string | undefined): number {
  let n = 0;
  let selfIn = k === undefined;
  outer: for (let i = lo; i < end; i++) {
    const x = log.key(i);
    if (x === undefined) continue;
    for (let j = lo; j < i; j++) if (log.key(j) === x) continue outer;
    n++;
    if (!selfIn && x === k) selfIn = true;
  }
  return n + (selfIn ? 0 : 1);
}

function scanHas(log: EntityLog, lo: number, end: number, k: string): boolean {
  for (let i = lo; i < end; i++) if (log.key(i) === k) return true;
  return false;
}
