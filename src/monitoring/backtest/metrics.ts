/** Precision, recall and F1 from counts; 0 where a ratio is undefined (nothing predicted or nothing to find). */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Precision/recall/F1 of a predicted set against the positive set, both over the same universe. */
export function prfOfSets(predicted: Iterable<string>, isPositive: (id: string) => boolean, positives: number): Prf {
  let tp = 0;
  let fp = 0;
  for (const id of predicted) {
    if (isPositive(id)) tp++;
    else fp++;
  }
  return prf(tp, fp, positives - tp);
}

export interface Scored {
  readonly score: number;
  readonly positive: boolean;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counted half (Mann–Whitney U with average ranks). NaN when either class is empty.
 */
export function rocAuc(items: readonly Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]?.score === sorted[i]?.score) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k]?.positive) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j;
  }
  const neg = sorted.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** ROC curve points (false-positive rate, true-positive rate), one per distinct score, highest first. */
export function rocCurve(items: readonly Scored[], maxPoints = 200): { fpr: number; tpr: number }[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const pos = sorted.filter((x) => x.positive).length;
  const neg = sorted.length - pos;
  const pts = [{ fpr: 0, tpr: 0 }];
  if (pos === 0 || neg === 0) return pts;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length;) {
    const s = sorted[i]?.score;
    while (i < sorted.length && sorted[i]?.score === s) {
      if (sorted[i]?.positive) tp++;
      else fp++;
      i++;
    }
    pts.push({ fpr: fp / neg, tpr: tp / pos });
  }
  if (pts.length <= maxPoints) return pts;
  // Keep the shape: the first and last points and an even spread between them.
  const step = (pts.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => pts[Math.round(k * step)] ?? { fpr: 1, tpr: 1 });
}
