import { ivOf, woeOf, type Counts } from './woe.ts';

export type Trend = 'none' | 'increasing' | 'decreasing' | 'auto';

export interface OptimalOptions {
  /** Fewest rows a merged bin may hold (the minimum bin share times the sample size). */
  minCount: number;
  maxBins: number;
  /** WOE order required across bins: `auto` tries both directions and keeps the higher IV. */
  trend: Trend;
}

export interface Grouping {
  /** Start index (into the fine cells) of each bin, the first always 0. */
  starts: number[];
  iv: number;
}

/**
 * Merges adjacent fine cells into at most `maxBins` bins so that the information value is as high as
 * it can be, every bin holds at least `minCount` rows, and (for a trend) the WOE rises or falls strictly
 * from bin to bin. IV is a sum over bins, so dynamic programming over "last bin = cells [i, j)" finds the
 * exact optimum: O(maxBins × n³), a few thousand steps for twenty fine cells. When no grouping meets the
 * constraints the cells form a single bin.
 */
export function optimalGrouping(cells: readonly Counts[], totals: Counts, opts: OptimalOptions): Grouping {
  if (opts.trend === 'auto') {
    const up = optimalGrouping(cells, totals, { ...opts, trend: 'increasing' });
    const down = optimalGrouping(cells, totals, { ...opts, trend: 'decreasing' });
    return down.iv > up.iv + 1e-12 ? down : up;
  }
  const n = cells.length;
  if (n === 0) return { starts: [], iv: 0 };
  const pg = [0];
  const pb = [0];
  cells.forEach((c, i) => {
    pg.push((pg[i] ?? 0) + c.good);
    pb.push((pb[i] ?? 0) + c.bad);
  });
  const seg = (i: number, j: number): Counts => ({
    good: (pg[j] ?? 0) - (pg[i] ?? 0),
    bad: (pb[j] ?? 0) - (pb[i] ?? 0),
  });
  const size = (i: number, j: number): number => {
    const s = seg(i, j);
    return s.good + s.bad;
  };
  const woe: number[][] = [];
  const iv: number[][] = [];
  for (let i = 0; i < n; i++) {
    woe.push([]);
    iv.push([]);
    for (let j = i + 1; j <= n; j++) {
      woe[i]![j] = woeOf(seg(i, j), totals);
      iv[i]![j] = ivOf(seg(i, j), totals);
    }
  }
  const ok = (prev: number, next: number): boolean =>
    opts.trend === 'none' || (opts.trend === 'increasing' ? next > prev + 1e-9 : next < prev - 1e-9);
  // best[k][i][j]: highest IV of cells [0, j) cut into k bins whose last bin is [i, j); back[k][i][j] the
  // start of the bin before it.
  const best: number[][][] = [];
  const back: number[][][] = [];
  let top = { iv: -Infinity, k: 0, i: 0 };
  for (let k = 1; k <= Math.max(1, opts.maxBins); k++) {
    best.push(Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(-Infinity)));
    back.push(Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(-1)));
    const b = best[k - 1]!;
    const bk = back[k - 1]!;
    for (let j = 1; j <= n; j++) {
      for (let i = 0; i < j; i++) {
        if (size(i, j) < opts.minCount) continue;
        if (k === 1) {
          if (i === 0) b[i]![j] = iv[0]![j]!;
          continue;
        }
        const pb1 = best[k - 2]!;
        for (let h = 0; h < i; h++) {
          const before = pb1[h]![i]!;
          if (before === -Infinity || !ok(woe[h]![i]!, woe[i]![j]!)) continue;
          const v = before + iv[i]![j]!;
          if (v > b[i]![j]! + 1e-12) {
            b[i]![j] = v;
            bk[i]![j] = h;
          }
        }
      }
      if (j === n) {
        for (let i = 0; i < n; i++) {
          // A further bin must add real information; otherwise the simpler grouping is kept.
          if (b[i]![n]! > top.iv + 1e-9) top = { iv: b[i]![n]!, k, i };
        }
      }
    }
  }
  if (top.k === 0) return { starts: [0], iv: iv[0]![n]! };
  const starts: number[] = [];
  let { k, i } = top;
  let j = n;
  while (k >= 1) {
    starts.push(i);
    const h = back[k - 1]![i]![j]!;
    j = i;
    i = h;
    k--;
  }
  return { starts: starts.reverse(), iv: top.iv };
}
