import type { CloseStat } from '../schemas.ts';

/** a / b rounded to 4 places, or null when there is nothing to divide by. */
export const rate = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/**
 * The nearest-rank percentile (the smallest value with at least p of the values at or below it): always
 * one of the observed durations, so an examiner can find the case behind it.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** Median and 90th percentile of durations per key, busiest key first. */
export function closeStats(items: readonly { key: string | null; ms: number }[]): CloseStat[] {
  const groups = new Map<string | null, number[]>();
  for (const i of items) {
    const g = groups.get(i.key);
    if (g) g.push(i.ms);
    else groups.set(i.key, [i.ms]);
  }
  return [...groups.entries()]
    .map(([key, ms]) => closeStat(key, ms))
    .sort((a, b) => b.closed - a.closed || String(a.key).localeCompare(String(b.key)));
}

export function closeStat(key: string | null, durations: readonly number[]): CloseStat {
  const sorted = [...durations].sort((a, b) => a - b);
  return { key, closed: sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
}
