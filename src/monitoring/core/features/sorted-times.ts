/**
 * A multiset of times kept sorted in chunks of at most CHUNK: inserting, removing one and counting those
 * at or after a time cost a search and a shift within one chunk, whatever the size. One sorted array
 * cost a shift of the whole array per update: for a merchant with 20,000 payers, most of its time per
 * event. Times mostly arrive in order, so an insert is usually a push onto the last chunk.
 */
const CHUNK = 512;

export class SortedTimes {
  private chunks: number[][] = [];
  private total = 0;

  static of(times: readonly number[]): SortedTimes {
    const s = new SortedTimes();
    const all = [...times].sort((a, b) => a - b);
    for (let i = 0; i < all.length; i += CHUNK / 2) s.chunks.push(all.slice(i, i + CHUNK / 2));
    s.total = all.length;
    return s;
  }

  get size(): number {
    return this.total;
  }

  /** How many are ≥ x. */
  countAtLeast(x: number): number {
    let n = 0;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c] ?? [];
      if ((chunk[0] ?? Infinity) >= x) {
        n += chunk.length;
        continue;
      }
      return n + chunk.length - lowerBound(chunk, x);
    }
    return n;
  }

  insert(x: number): void {
    this.total++;
    const last = this.chunks[this.chunks.length - 1];
    if (last === undefined) {
      this.chunks.push([x]);
      return;
    }
    if ((last[last.length - 1] ?? -Infinity) <= x) {
      if (last.length < CHUNK) last.push(x);
      else this.chunks.push([x]);
      return;
    }
    const c = this.chunkFor(x);
    const chunk = this.chunks[c] ?? [];
    chunk.splice(lowerBound(chunk, x), 0, x);
    if (chunk.length > CHUNK) this.chunks.splice(c, 1, chunk.slice(0, CHUNK / 2), chunk.slice(CHUNK / 2));
  }

  /** Removes one occurrence of x, which the caller knows is there. */
  removeOne(x: number): void {
    // The first chunk whose last value is ≥ x holds the first occurrence of x, if any does.
    let c = this.chunkFor(x);
    for (; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] ?? [];
      const i = lowerBound(chunk, x);
      if (i === chunk.length) continue;
      if (chunk[i] !== x) break;
      chunk.splice(i, 1);
      if (chunk.length === 0) this.chunks.splice(c, 1);
      this.total--;
      return;
    }
    throw new Error('sorted times: a value to remove is missing');
  }

  /** The first chunk whose last value is ≥ x (the last chunk when none is). */
  private chunkFor(x: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid] ?? [];
      if ((chunk[chunk.length - 1] ?? -Infinity) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** First index of a sorted array whose value is ≥ x. */
export function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
