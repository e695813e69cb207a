/**
 * The history of one entity for one feature, in event-time order. Events may arrive out of order; an
 * insert keeps the order.
 *
 * Entries live in ONE array of doubles, four per entry — time, local day, value and the running sum of
 * values up to and including it — and keys in a second array only for features that count a key: a
 * history of a few events costs a few hundred bytes, where five arrays and two Maps per history cost
 * about a kilobyte (bench/entity-memory.ts). The running sums make count/sum/avg two binary searches;
 * per distinct key, how many entries carry it and when it was last seen make distinct over the whole
 * log and is-new answers without a scan.
 */
import { lowerBound, SortedTimes } from './sorted-times.ts';
import { StateDumpError, type LogDump } from './state-dump.ts';

const W = 4; // doubles per entry: time, day, value, running sum
/** Entries per block of the min/max index; a log shorter than two blocks is simply scanned. */
const B = 64;
/** Entries past which a history indexes its keys' times (count_same); a shorter one is scanned. */
const INDEXED_KEYS = 256;
/** Keys past which a history sorts its keys' latest sightings (distinct); fewer are counted one by one. */
const SORTED_KEYS = 32;

export class EntityLog {
  private d: number[] = [];
  private keys: (string | undefined)[] | undefined;
  private counts: Map<string, number> | undefined;
  private latestOf: Map<string, number> | undefined;
  /**
   * The values of `latestOf`, sorted: how many keys were last seen at or after a time is one binary
   * search, where a window's distinct count used to walk every key of the retained log. Built when a
   * history first has more than SORTED_KEYS keys to count (most have a few), then kept up.
   */
  private latestSorted: SortedTimes | undefined;
  /**
   * Per block of B entries, the least and greatest value: a window's min or max scans only its two
   * partial blocks, not every entry (a merchant's month holds hundreds of thousands). Built when first
   * needed, kept up on append, rebuilt from an out-of-order insert onward, dropped on prune.
   */
  private bmin: number[] | undefined;
  private bmax: number[] | undefined;
  /**
   * Per key, the times it was seen, sorted: how many times a key was seen in a window is one binary
   * search. Built only for a long history (a payout account's day), on first need; kept up on insert,
   * dropped on prune. A short history is scanned.
   */
  private keyTimes: Map<string, number[]> | undefined;
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;

  /** Per distinct key in the retained log, how many entries carry it. */
  get keyCount(): ReadonlyMap<string, number> {
    return this.counts ?? none;
  }

  /** Per distinct key, the latest time it was seen. */
  get keyLatest(): ReadonlyMap<string, number> {
    return this.latestOf ?? none;
  }

  get size(): number {
    return this.d.length / W;
  }

  time(i: number): number {
    return this.d[i * W] ?? 0;
  }

  value(i: number): number {
    return this.d[i * W + 2] ?? 0;
  }

  key(i: number): string | undefined {
    return this.keys?.[i];
  }

  private running(i: number): number {
    return i < 0 ? 0 : (this.d[i * W + 3] ?? 0);
  }

  /** How many distinct keys were last seen at or after `from`. */
  keysSeenSince(from: number): number {
    const latest = this.latestOf;
    if (latest === undefined) return 0;
    let sorted = this.latestSorted;
    if (sorted === undefined) {
      if (latest.size <= SORTED_KEYS) {
        let n = 0;
        for (const t of latest.values()) if (t >= from) n++;
        return n;
      }
      sorted = this.latestSorted = SortedTimes.of([...latest.values()]);
    }
    return sorted.countAtLeast(from);
  }

  insert(t: number, day: number, v: number, k: string | undefined): void {
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
    const n = this.size;
    if (k !== undefined) {
      const counts = (this.counts ??= new Map());
      const latest = (this.latestOf ??= new Map<string, number>());
      const sorted = this.latestSorted;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      const was = latest.get(k);
      if (was === undefined || t > was) {
        latest.set(k, t);
        if (sorted && was !== undefined) sorted.removeOne(was);
        sorted?.insert(t);
      }
      this.keys ??= new Array<string | undefined>(n).fill(undefined);
      const times = this.keyTimes?.get(k);
      if (times) insertSorted(times, t);
      else this.keyTimes?.set(k, [t]);
    }
    let i = n;
    if (i > 0 && this.time(i - 1) > t) i = this.upper(t);
    if (i === n) {
      this.d.push(t, day, v, this.running(n - 1) + v);
      this.keys?.push(k);
      if (this.bmin && this.bmax) {
        if (n % B === 0) {
          this.bmin.push(v);
          this.bmax.push(v);
        } else {
          const b = (n / B) | 0;
          if (v < (this.bmin[b] ?? v)) this.bmin[b] = v;
          if (v > (this.bmax[b] ?? v)) this.bmax[b] = v;
        }
      }
      return;
    }
    this.d.splice(i * W, 0, t, day, v, 0);
    this.keys?.splice(i, 0, k);
    for (let j = i; j <= n; j++) this.d[j * W + 3] = this.running(j - 1) + this.value(j);
    if (this.bmin) this.buildBlocks((i / B) | 0);
  }

  /** The least (or, with `max`, the greatest) value over the entries [lo, end), end > lo. */
  extreme(lo: number, end: number, max: boolean): number {
    let m = max ? -Infinity : Infinity;
    const firstFull = Math.ceil(lo / B);
    const lastFull = Math.floor(end / B);
    if (end - lo <= 2 * B || lastFull <= firstFull) {
      for (let i = lo; i < end; i++) m = max ? Math.max(m, this.value(i)) : Math.min(m, this.value(i));
      return m;
    }
    if (!this.bmin) this.buildBlocks(0);
    const blocks = (max ? this.bmax : this.bmin) ?? [];
    for (let i = lo; i < firstFull * B; i++) m = max ? Math.max(m, this.value(i)) : Math.min(m, this.value(i));
    for (let b = firstFull; b < lastFull; b++) m = max ? Math.max(m, blocks[b] ?? m) : Math.min(m, blocks[b] ?? m);
    for (let i = lastFull * B; i < end; i++) m = max ? Math.max(m, this.value(i)) : Math.min(m, this.value(i));
    return m;
  }

  /** How many of the entries [lo, end) carry key `k`. */
  countKey(lo: number, end: number, k: string): number {
    if (end === this.size && end > INDEXED_KEYS) {
      // In order (the window runs to the end): every entry from `lo` on, and only those, is at or after time(lo).
      const times = this.timesOfKeys().get(k);
      return times ? times.length - lowerBound(times, this.time(lo)) : 0;
    }
    let n = 0;
    for (let i = lo; i < end; i++) if (this.keys?.[i] === k) n++;
    return n;
  }

  private timesOfKeys(): Map<string, number[]> {
    if (this.keyTimes) return this.keyTimes;
    const index = new Map<string, number[]>();
    const keys = this.keys ?? [];
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined) continue;
      const times = index.get(k);
      if (times) times.push(this.time(i));
      else index.set(k, [this.time(i)]);
    }
    return (this.keyTimes = index);
  }

  /** (Re)computes the min/max blocks from block `from` on. */
  private buildBlocks(from: number): void {
    const bmin = (this.bmin ??= []);
    const bmax = (this.bmax ??= []);
    const n = this.size;
    const blocks = Math.ceil(n / B);
    bmin.length = Math.min(bmin.length, from);
    bmax.length = bmin.length;
    for (let b = bmin.length; b < blocks; b++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = b * B; i < Math.min(n, (b + 1) * B); i++) {
        const x = this.value(i);
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      bmin.push(lo);
      bmax.push(hi);
    }
  }

  /** The entries and keys as held, for dumpLog. */
  parts(): { readonly d: readonly number[]; readonly keys: readonly (string | undefined)[] | undefined } {
    return { d: this.d, keys: this.keys };
  }

  /** Takes over entries and keys (restoreLog checked them) and rebuilds the per-key counts from them. */
  adopt(d: number[], keys: (string | undefined)[] | undefined): void {
    this.d = d;
    this.keys = keys;
    this.counts = undefined;
    this.latestOf = undefined;
    this.latestSorted = undefined;
    this.bmin = this.bmax = undefined;
    this.keyTimes = undefined;
    if (!keys) return;
    const counts = (this.counts = new Map());
    const latest = (this.latestOf = new Map());
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined) continue;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      const t = this.time(i);
      if (t > (latest.get(k) ?? -Infinity)) latest.set(k, t);
    }
  }

  /** Sum of the values over [lo, end), exact while the running sums stay in the safe integer range. */
  sum(lo: number, end: number): number {
    if (end <= lo) return 0;
    const top = this.running(end - 1);
    if (Number.isSafeInteger(top)) return top - this.running(lo - 1);
    let s = 0;
    for (let i = lo; i < end; i++) s += this.value(i);
    return s;
  }

  /** First index whose time is > t. */
  upper(t: number): number {
    let lo = 0;
    let hi = this.size;
    // Events mostly come in time order: the answer is then the end, found with one read, not a search.
    if (hi === 0 || this.time(hi - 1) <= t) return hi;
    if (this.time(0) > t) return 0; // a window that holds the whole log
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose local day is ≥ day, among the first `end` entries (days follow times). */
  firstOfDay(day: number, end: number): number {
    let lo = 0;
    let hi = end;
    if (end === 0 || (this.d[1] ?? 0) >= day) return 0;
    if ((this.d[(end - 1) * W + 1] ?? 0) < day) return end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.d[mid * W + 1] ?? 0) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops entries older than `horizon`, amortised: only when a quarter of the log is stale. */
  prune(horizon: number): void {
    const n = this.size;
    if (n < 64 || this.time(n >>> 2) >= horizon) return;
    let cut = 0;
    while (cut < n && this.time(cut) < horizon) cut++;
    if (this.keys && this.counts) {
      for (let i = 0; i < cut; i++) {
        const k = this.keys[i];
        if (k === undefined) continue;
        const c = (this.counts.get(k) ?? 1) - 1;
        if (c === 0) {
          this.counts.delete(k);
          const was = this.latestOf?.get(k);
          this.latestOf?.delete(k);
          if (was !== undefined) this.latestSorted?.removeOne(was);
        } else this.counts.set(k, c);
      }
      this.keys.splice(0, cut);
    }
    const base = this.running(cut - 1);
    this.bmin = this.bmax = undefined; // block boundaries moved: built again when next needed
    this.keyTimes = undefined;
    this.d.splice(0, cut * W);
    for (let i = 3; i < this.d.length; i += W) this.d[i] = (this.d[i] ?? 0) - base;
  }
}

const none: ReadonlyMap<string, number> = new Map();

/** Keeps the array sorted; times mostly arrive in order, so usually a push. */
function insertSorted(sorted: number[], x: number): void {
  const n = sorted.length;
  if (n === 0 || (sorted[n - 1] ?? 0) <= x) sorted.push(x);
  else sorted.splice(lowerBound(sorted, x), 0, x);
}

/** The history as plain data (a window snapshot); `restoreLog` turns it back into the same history. */
export function dumpLog(key: string, log: EntityLog): LogDump {
  const parts = log.parts();
  const out: LogDump = { key, firstSeen: log.firstSeen, lastSeen: log.lastSeen, d: [...parts.d] };
  if (parts.keys) out.keys = parts.keys.map((k) => k ?? null);
  return out;
}

/** A history from its dump, checked: whole entries, times in order, one key per entry, finite numbers. */
export function restoreLog(dump: LogDump): EntityLog {
  const { d } = dump;
  const n = d.length / W;
  const bad = (why: string): never => {
    throw new StateDumpError(`history ${JSON.stringify(dump.key.slice(0, 40))}: ${why}`);
  };
  if (!Number.isInteger(n) || n === 0) bad('no whole entries');
  if (!d.every(Number.isFinite)) bad('a number that is not finite');
  for (let i = 1; i < n; i++) if ((d[i * W] ?? 0) < (d[(i - 1) * W] ?? 0)) bad('entries out of time order');
  if (dump.keys && dump.keys.length !== n) bad('keys do not match the entries');
  if (!(dump.firstSeen <= (d[0] ?? 0)) || dump.lastSeen !== d[(n - 1) * W]) bad('first or last sighting wrong');
  const log = new EntityLog();
  log.adopt(
    [...d],
    dump.keys?.map((k) => k ?? undefined),
  );
  log.firstSeen = dump.firstSeen;
  log.lastSeen = dump.lastSeen;
  return log;
}
