import type { ReasonCode, ScoreResult } from './score.ts';
import { binFor } from './score.ts';
import type { Scorecard, ScoreLimits } from './scorecard.ts';

/**
 * A scorecard made ready for the decision path: the missing-value set and every characteristic's best
 * points computed once (on activation), so scoring an application allocates only its result.
 */
export interface PreparedScorecard {
  readonly card: Scorecard;
  readonly missing: ReadonlySet<string>;
  /** Best points per characteristic, in card order. */
  readonly best: readonly number[];
}

export function prepareScorecard(card: Scorecard): PreparedScorecard {
  return {
    card,
    missing: new Set(card.missing),
    best: card.characteristics.map((c) => c.bins.reduce((m, b) => Math.max(m, b.points), -Infinity)),
  };
}

/**
 * Scores one application whose values come from `get` (an event attribute or a feature value, by
 * characteristic name): the same bins, points and reason codes as `scoreApplicant`.
 */
export function scoreWith(
  p: PreparedScorecard,
  get: (name: string) => string | undefined,
  maxReasons = 4,
): ScoreResult {
  const points: Record<string, number> = {};
  const losses: ReasonCode[] = [];
  let score = 0;
  const chars = p.card.characteristics;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const bin = c.bins[binFor(c, get(c.name) ?? '', p.missing)]!;
    points[c.name] = bin.points;
    score += bin.points;
    const lost = p.best[i]! - bin.points;
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
  if (losses.length > maxReasons) losses.length = maxReasons;
  return { score, points, reasons: losses };
}

/** The limit of the score's band (minor units); 0 below every band or without a table. */
export function limitFor(limits: ScoreLimits | undefined, score: number): number {
  if (!limits) return 0;
  let best: { minScore: number; limitMinor: number } | undefined;
  for (const b of limits.bands) if (score >= b.minScore && (!best || b.minScore > best.minScore)) best = b;
  return best?.limitMinor ?? 0;
}
