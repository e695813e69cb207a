import { isMonotonic, labelOf, numberOf, type BinMatch, type BinnedCharacteristic, type BinStat } from './bins.ts';
import { optimalGrouping, type Trend } from './optimal.ts';
import { ivOf, totalOf, woeOf, type Counts } from './woe.ts';

export interface CharacteristicSpec {
  type?: 'numeric' | 'categorical' | undefined;
  /** Fixed cut points for a numeric characteristic: used as given, not optimised. */
  cuts?: number[] | undefined;
  /** The order of an ordinal categorical characteristic (worst to best or best to worst). */
  order?: string[] | undefined;
  /** false lets an ordinal characteristic's WOE go up and down (e.g. a U-shaped age effect). */
  monotonic?: boolean | undefined;
}

export interface BinningOptions {
  /** Fine classes before merging (quantiles of a numeric characteristic). */
  fineBins: number;
  minBinShare: number;
  maxBins: number;
  missing: ReadonlySet<string>;
}

/** Fine cut points: every distinct value when there are few, otherwise quantiles. */
export function fineCuts(sorted: readonly number[], fineBins: number): number[] {
  const distinct = [...new Set(sorted)];
  if (distinct.length <= fineBins) return distinct.slice(1);
  const cuts = new Set<number>();
  for (let k = 1; k < fineBins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / fineBins)]!;
    if (v > sorted[0]!) cuts.add(v);
  }
  return [...cuts].sort((a, b) => a - b);
}

function stats(match: BinMatch, c: Counts, totals: Counts): BinStat {
  return { label: labelOf(match), match, good: c.good, bad: c.bad, woe: woeOf(c, totals), iv: ivOf(c, totals) };
}

function finish(
  name: string,
  type: BinnedCharacteristic['type'],
  ordinal: boolean,
  fixed: boolean,
  groups: { match: BinMatch; counts: Counts }[],
  missing: Counts,
  totals: Counts,
): BinnedCharacteristic {
  const bins = groups.map((g) => stats(g.match, g.counts, totals));
  const monotonic = isMonotonic(bins.map((b) => b.woe));
  if (missing.good + missing.bad > 0) bins.push(stats({ kind: 'missing' }, missing, totals));
  return { name, type, ordinal, fixed, bins, iv: bins.reduce((s, b) => s + b.iv, 0), monotonic };
}

/** Groups consecutive cells by the starts of an optimal grouping and sums their counts. */
const merged = (cells: readonly Counts[], starts: readonly number[]): Counts[] =>
  starts.map((s, g) => totalOf(cells.slice(s, starts[g + 1] ?? cells.length)));

/**
 * Bins one characteristic: missing values in a bin of their own; a numeric characteristic into ranges
 * (fine quantile classes merged optimally, monotonic WOE unless switched off, or the fixed cut points
 * as given); a categorical one into groups of categories (ordered by bad rate, or by the given order,
 * which makes it ordinal and monotonic).
 */
export function binCharacteristic(
  name: string,
  type: 'numeric' | 'categorical',
  values: readonly string[],
  isBad: readonly boolean[],
  spec: CharacteristicSpec,
  opts: BinningOptions,
): BinnedCharacteristic {
  const totals = { good: 0, bad: 0 };
  const missing = { good: 0, bad: 0 };
  const present: { v: string; bad: boolean }[] = [];
  values.forEach((v, i) => {
    const bad = isBad[i] === true;
    if (bad) totals.bad++;
    else totals.good++;
    if (opts.missing.has(v.trim())) {
      if (bad) missing.bad++;
      else missing.good++;
    } else present.push({ v: v.trim(), bad });
  });
  const minCount = Math.ceil(opts.minBinShare * values.length);
  if (type === 'numeric') {
    const nums = present.map((p) => ({ x: numberOf(p.v) ?? Number.NaN, bad: p.bad })).sort((a, b) => a.x - b.x);
    const fixed = spec.cuts !== undefined;
    const cuts = fixed
      ? [...new Set(spec.cuts)].sort((a, b) => a - b)
      : fineCuts(
          nums.map((n) => n.x),
          opts.fineBins,
        );
    const cells: Counts[] = Array.from({ length: cuts.length + 1 }, () => ({ good: 0, bad: 0 }));
    let c = 0;
    for (const n of nums) {
      while (c < cuts.length && n.x >= cuts[c]!) c++;
      if (n.bad) cells[c]!.bad++;
      else cells[c]!.good++;
    }
    const trend: Trend = spec.monotonic === false ? 'none' : 'auto';
    const starts = fixed
      ? cells.map((_, i) => i)
      : optimalGrouping(cells, totals, { minCount, maxBins: opts.maxBins, trend }).starts;
    const counts = merged(cells, starts);
    const groups = starts.map((s, g) => ({
      match: {
        kind: 'range' as const,
        lower: s === 0 ? null : cuts[s - 1]!,
        upper: g + 1 < starts.length ? cuts[starts[g + 1]! - 1]! : null,
      },
      counts: counts[g]!,
    }));
    return finish(name, 'numeric', true, fixed, groups, missing, totals);
  }
  const byCategory = new Map<string, Counts>();
  for (const p of present) {
    const c = byCategory.get(p.v) ?? { good: 0, bad: 0 };
    if (p.bad) c.bad++;
    else c.good++;
    byCategory.set(p.v, c);
  }
  const rate = (c: Counts): number => (c.bad + 0.5) / (c.good + c.bad + 1);
  const seen = [...byCategory.keys()];
  const ordinal = spec.order !== undefined;
  const byRate = (a: string, b: string): number =>
    rate(byCategory.get(a)!) - rate(byCategory.get(b)!) || (a < b ? -1 : a > b ? 1 : 0);
  const sequence = ordinal
    ? [...spec.order!.filter((c) => byCategory.has(c)), ...seen.filter((c) => !spec.order!.includes(c)).sort(byRate)]
    : seen.sort(byRate);
  const cells = sequence.map((c) => byCategory.get(c)!);
  const trend: Trend = ordinal ? (spec.monotonic === false ? 'none' : 'auto') : 'increasing';
  const starts = optimalGrouping(cells, totals, { minCount, maxBins: opts.maxBins, trend }).starts;
  const counts = merged(cells, starts);
  const groups = starts.map((s, g) => ({
    match: { kind: 'categories' as const, values: sequence.slice(s, starts[g + 1] ?? sequence.length) },
    counts: counts[g]!,
  }));
  return finish(name, 'categorical', ordinal, false, groups, missing, totals);
}
