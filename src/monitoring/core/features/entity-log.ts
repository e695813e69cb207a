/**
 * The history of one entity for one feature, in event-time order, as parallel arrays (compact and
 * fast to scan). Events may arrive out of order; an insert keeps the order.
 *
 * Two indexes keep the common windows O(log n): prefix sums of the values (count/sum/avg are two
 * binary searches) and, per distinct key, how many entries carry it and the latest time it was seen
 * (distinct over the whole retained log, and is-new, without a scan).
 */
export class EntityLog {
  readonly t: number[] = [];
  readonly day: number[] = [];
  readonly v: number[] = [];
  readonly k: (string | undefined)[] = [];
  /** cum[i] = v[0] + … + v[i-1]; rebased when the head is pruned so it stays exact. */
  private readonly cum: number[] = [0];
  // Made with the first keyed entry: most features count no key, and an empty Map costs ~200 bytes.
  private counts: Map<string, number> | undefined;
  private latestOf: Map<string, number> | undefined;
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
    return this.t.length;
  }

  insert(t: number, day: number, v: number, k: string | undefined): void {
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
    if (k !== undefined) {
      const counts = (this.counts ??= new Map());
      const latest = (this.latestOf ??= new Map());
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (t > (latest.get(k) ?? -Infinity)) latest.set(k, t);
    }
    let i = this.t.length;
    if (i > 0 && (this.t[i - 1] ?? 0) > t) i = this.upper(t);
    if (i === this.t.length) {
      this.t.push(t);
      this.day.push(day);
      this.v.push(v);
      this.k.push(k);
      this.cum.push((this.cum[i] ?? 0) + v);
    } else {
      this.t.splice(i, 0, t);
      this.day.splice(i, 0, day);
      this.v.splice(i, 0, v);
      this.k.splice(i, 0, k);
      this.cum.splice(i + 1, 0, 0);
      for (let j = i; j < this.t.length; j++) this.cum[j + 1] = (this.cum[j] ?? 0) + (this.v[j] ?? 0);
    }
  }

  /** Sum of v over [lo, end), exact while the prefix sums stay in the safe integer range. */
  sum(lo: number, end: number): number {
    const top = this.cum[end] ?? 0;
    if (Number.isSafeInteger(top)) return top - (this.cum[lo] ?? 0);
    let s = 0;
    for (let i = lo; i < end; i++) s += this.v[i] ?? 0;
    return s;
  }

  /** First index whose time is > t. */
  upper(t: number): number {
    let lo = 0;
    let hi = this.t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.t[mid] ?? 0) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose local day is ≥ day, among the first `end` entries (days follow times). */
  firstOfDay(day: number, end: number): number {
    let lo = 0;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.day[mid] ?? 0) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops entries older than `horizon`, amortised: only when a quarter of the log is stale. */
  prune(horizon: number): void {
    const n = this.t.length;
    if (n < 64 || (this.t[n >>> 2] ?? 0) >= horizon) return;
    let cut = 0;
    while (cut < n && (this.t[cut] ?? 0) < horizon) cut++;
    for (let i = 0; i < cut; i++) {
      const k = this.k[i];
      if (k === undefined || !this.counts) continue;
      const c = (this.counts.get(k) ?? 1) - 1;
      if (c === 0) {
        this.counts.delete(k);
        this.latestOf?.delete(k);
      } else this.counts.set(k, c);
    }
    const base = this.cum[cut] ?? 0;
    this.t.splice(0, cut);
    this.day.splice(0, cut);
    this.v.splice(0, cut);
    this.k.splice(0, cut);
    this.cum.splice(0, cut);
    for (let i = 0; i < this.cum.length; i++) this.cum[i] = (this.cum[i] ?? 0) - base;
  }
}

const none: ReadonlyMap<string, number> = new Map();
