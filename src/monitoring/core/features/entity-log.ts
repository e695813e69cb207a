/**
 * The history of one entity for one feature, in event-time order, as parallel arrays (compact and
 * fast to scan). Events may arrive out of order; an insert keeps the order.
 */
export class EntityLog {
  readonly t: number[] = [];
  readonly day: number[] = [];
  readonly v: number[] = [];
  readonly k: (string | undefined)[] = [];
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;

  get size(): number {
    return this.t.length;
  }

  insert(t: number, day: number, v: number, k: string | undefined): void {
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
    let i = this.t.length;
    if (i > 0 && (this.t[i - 1] ?? 0) > t) i = this.upper(t);
    if (i === this.t.length) {
      this.t.push(t);
      this.day.push(day);
      this.v.push(v);
      this.k.push(k);
    } else {
      this.t.splice(i, 0, t);
      this.day.splice(i, 0, day);
      this.v.splice(i, 0, v);
      this.k.splice(i, 0, k);
    }
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

  /** Drops entries older than `horizon`, amortised: only when a quarter of the log is stale. */
  prune(horizon: number): void {
    const n = this.t.length;
    if (n < 64 || (this.t[n >>> 2] ?? 0) >= horizon) return;
    let cut = 0;
    while (cut < n && (this.t[cut] ?? 0) < horizon) cut++;
    this.t.splice(0, cut);
    this.day.splice(0, cut);
    this.v.splice(0, cut);
    this.k.splice(0, cut);
  }
}
