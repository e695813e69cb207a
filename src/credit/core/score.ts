import { findBin } from './bins.ts';
import type { Scorecard, ScorecardCharacteristic } from './scorecard.ts';

/** A reason code: a characteristic that cost the applicant points against its best bin. */
export interface ReasonCode {
  code: string;
  characteristic: string;
  bin: string;
  points: number;
  /** Points below the characteristic's best bin. */
  lost: number;
  en: string;
  zh: string;
}

export interface ScoreResult {
  score: number;
  /** Points per characteristic, in card order. */
  points: Record<string, number>;
  reasons: ReasonCode[];
}

/**
 * The bin a raw value scores in. A value no bin matches (a category unseen in training, or a missing
 * value when training had none) goes to the missing bin if there is one, else to the bin with the
 * fewest points: an unknown is never scored as better than the worst known value.
 */
export function binFor(c: ScorecardCharacteristic, raw: string, missing: ReadonlySet<string>): number {
  const i = findBin(c.bins, raw, missing);
  if (i >= 0) return i;
  const m = c.bins.findIndex((b) => b.match.kind === 'missing');
  if (m >= 0) return m;
  let worst = 0;
  c.bins.forEach((b, k) => {
    if (b.points < c.bins[worst]!.points) worst = k;
  });
  return worst;
}

/** Scores one applicant (raw values by column name) and lists up to `maxReasons` reason codes. */
export function scoreApplicant(
  card: Scorecard,
  row: Readonly<Record<string, string | undefined>>,
  maxReasons = 4,
): ScoreResult {
  const missing = new Set(card.missing);
  const points: Record<string, number> = {};
  const losses: ReasonCode[] = [];
  let score = 0;
  for (const c of card.characteristics) {
    const bin = c.bins[binFor(c, row[c.name] ?? '', missing)]!;
    points[c.name] = bin.points;
    score += bin.points;
    const lost = Math.max(...c.bins.map((b) => b.points)) - bin.points;
    if (lost > 0)
      losses.push({
        code: c.name,
        characteristic: c.name,
        bin: bin.label,
        points: bin.points,
        lost,
        en: `${c.labelEn}: ${bin.label} (${lost} points below the best)`,
        zh: `${c.labelZh}：${bin.label}（比最佳分组少 ${lost} 分）`,
      });
  }
  losses.sort((a, b) => b.lost - a.lost || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { score, points, reasons: losses.slice(0, maxReasons) };
}
