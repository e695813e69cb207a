import { binFor } from './score.ts';
import type { Scorecard } from './scorecard.ts';

// A share of zero would make PSI infinite; it counts as one in ten thousand (the usual floor).
const floor = 1e-4;

/**
 * Population stability index of an actual distribution against the expected one (shares over the
 * same bands): Σ (actual − expected) × ln(actual / expected). Below 0.1 stable, 0.1–0.25 a shift to
 * watch, above 0.25 a shift to act on (the usual reading).
 */
export function psi(expected: readonly number[], actual: readonly number[]): number {
  let s = 0;
  expected.forEach((e0, i) => {
    const e = Math.max(floor, e0);
    const a = Math.max(floor, actual[i] ?? 0);
    s += (a - e) * Math.log(a / e);
  });
  return s;
}

export interface ScoreBands {
  /** Ascending cut points: band k holds scores in [cuts[k−1], cuts[k]). */
  cuts: number[];
  /** Share of the development sample in each band (cuts.length + 1 of them). */
  shares: number[];
}

/** Share of the scores in each band of `cuts`. */
export const shareIn = (scores: readonly number[], cuts: readonly number[]): number[] => {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (const s of scores) {
    let k = 0;
    while (k < cuts.length && s >= cuts[k]!) k++;
    counts[k]!++;
  }
  return counts.map((c) => c / Math.max(1, scores.length));
};

/** Score bands at the deciles (or `bands` quantiles) of the development scores, with their shares. */
export function scoreBandsOf(scores: readonly number[], bands = 10): ScoreBands {
  const sorted = [...scores].sort((a, b) => a - b);
  const cuts = new Set<number>();
  for (let k = 1; k < bands; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bands)];
    if (v !== undefined && v > sorted[0]!) cuts.add(v);
  }
  const c = [...cuts].sort((a, b) => a - b);
  return { cuts: c, shares: shareIn(sorted, c) };
}

export interface Shift {
  label: string;
  expected: number;
  actual: number;
}

export interface StabilityReport {
  rows: number;
  psi: number;
  threshold: number;
  alert: boolean;
  bands: Shift[];
  /** Characteristic stability index per characteristic: PSI over its bins. */
  characteristics: { name: string; csi: number; bins: Shift[] }[];
}

/**
 * Score PSI and per-characteristic CSI of a new population (raw rows) against the scorecard's
 * development sample: the score bands and the bin shares recorded when it was trained.
 */
export function stabilityOf(
  card: Scorecard,
  scores: readonly number[],
  rows: readonly Readonly<Record<string, string | undefined>>[],
  threshold = 0.25,
): StabilityReport {
  const { cuts, shares } = card.metadata.scoreBands;
  const actual = shareIn(scores, cuts);
  const bandLabel = (k: number): string =>
    `[${k === 0 ? '-inf' : cuts[k - 1]!}, ${k === cuts.length ? 'inf' : cuts[k]!})`;
  const missing = new Set(card.missing);
  const characteristics = card.characteristics.map((c) => {
    const total = c.bins.reduce((s, b) => s + b.good + b.bad, 0);
    const counts = new Array<number>(c.bins.length).fill(0);
    for (const r of rows) counts[binFor(c, r[c.name] ?? '', missing)]!++;
    const bins = c.bins.map((b, k) => ({
      label: b.label,
      expected: (b.good + b.bad) / Math.max(1, total),
      actual: counts[k]! / Math.max(1, rows.length),
    }));
    return {
      name: c.name,
      csi: psi(
        bins.map((b) => b.expected),
        bins.map((b) => b.actual),
      ),
      bins,
    };
  });
  const value = psi(shares, actual);
  return {
    rows: rows.length,
    psi: value,
    threshold,
    alert: value > threshold,
    bands: shares.map((e, k) => ({ label: bandLabel(k), expected: e, actual: actual[k]! })),
    characteristics,
  };
}
