/**
 * Discrimination of a score where a higher score means a better (less risky) applicant, against labels
 * where `bad` is true for a default.
 */
export interface Labelled {
  readonly score: number;
  readonly bad: boolean;
}

/** P(a random good scores above a random bad), ties counting half (Mann–Whitney U). NaN if a class is empty. */
export function auc(items: readonly Labelled[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let goods = 0;
  let rankSum = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const avg = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (!sorted[k]!.bad) {
        goods++;
        rankSum += avg;
      }
    }
    i = j;
  }
  const bads = sorted.length - goods;
  if (goods === 0 || bads === 0) return Number.NaN;
  return (rankSum - (goods * (goods + 1)) / 2) / (goods * bads);
}

export interface CurvePoint {
  /** Score threshold: applicants scoring at or below it are counted. */
  score: number;
  /** Share of all bads at or below the threshold (true-positive rate of declining them). */
  bad: number;
  /** Share of all goods at or below the threshold (false-positive rate). */
  good: number;
}

/** Cumulative bad and good shares by rising score, one point per distinct score, from (0, 0) to (1, 1). */
export function cumulative(items: readonly Labelled[]): CurvePoint[] {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  const bads = sorted.filter((x) => x.bad).length;
  const goods = sorted.length - bads;
  const pts: CurvePoint[] = [{ score: sorted[0]?.score ?? 0, bad: 0, good: 0 }];
  let b = 0;
  let g = 0;
  for (let i = 0; i < sorted.length;) {
    const s = sorted[i]!.score;
    while (i < sorted.length && sorted[i]!.score === s) {
      if (sorted[i]!.bad) b++;
      else g++;
      i++;
    }
    pts.push({ score: s, bad: bads === 0 ? 0 : b / bads, good: goods === 0 ? 0 : g / goods });
  }
  return pts;
}

/** Kolmogorov–Smirnov statistic: the widest gap between the cumulative bad and good shares. */
export function ks(items: readonly Labelled[]): number {
  return Math.max(0, ...cumulative(items).map((p) => Math.abs(p.bad - p.good)));
}

export interface Figures {
  auc: number;
  ks: number;
  gini: number;
}

export function figures(items: readonly Labelled[]): Figures {
  const a = auc(items);
  return { auc: a, ks: ks(items), gini: 2 * a - 1 };
}

/** At most `max` points of a curve, evenly spread, keeping the first and the last. */
export function thin<T>(pts: readonly T[], max: number): T[] {
  if (pts.length <= max) return [...pts];
  const step = (pts.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => pts[Math.round(k * step)]!);
}
