import type { ReasonCode, ScoreResult } from './score.ts';
import type { Scorecard, ScorecardCharacteristic, ScoreLimits } from './scorecard.ts';

/** One characteristic's bins as lookups: categories by value, ranges in order, the bin for unknowns. */
interface PreparedCharacteristic {
  readonly c: ScorecardCharacteristic;
  readonly categories: ReadonlyMap<string, number>;
  readonly ranges: readonly { lower: number; upper: number; bin: number }[];
  /** Where a missing value scores: the missing bin, else the worst. */
  readonly missingBin: number;
  /** Where a value no bin matches scores: the missing bin, else the worst (see binFor). */
  readonly fallback: number;
  readonly best: number;
}

/**
 * A scorecard made ready for the decision path: lookups built once (on activation), so scoring an
 * application allocates only its result, and reason texts are built for the reasons kept only.
 */
export interface PreparedScorecard {
  readonly card: Scorecard;
  readonly missing: ReadonlySet<string>;
  readonly chars: readonly PreparedCharacteristic[];
}

function prepareCharacteristic(c: ScorecardCharacteristic): PreparedCharacteristic {
  const categories = new Map<string, number>();
  const ranges: { lower: number; upper: number; bin: number }[] = [];
  let missing = -1;
  let worst = 0;
  c.bins.forEach((b, i) => {
    if (b.points < c.bins[worst]!.points) worst = i;
    const m = b.match;
    if (m.kind === 'missing') {
      if (missing < 0) missing = i;
    } else if (m.kind === 'categories') {
      for (const v of m.values) if (!categories.has(v)) categories.set(v, i);
    } else ranges.push({ lower: m.lower ?? -Infinity, upper: m.upper ?? Infinity, bin: i });
  });
  const fallback = missing >= 0 ? missing : worst;
  const best = c.bins.reduce((x, b) => Math.max(x, b.points), -Infinity);
  return { c, categories, ranges, missingBin: fallback, fallback, best };
}

export function prepareScorecard(card: Scorecard): PreparedScorecard {
  return { card, missing: new Set(card.missing), chars: card.characteristics.map(prepareCharacteristic) };
}

/** The bin a raw value scores in: the same answer as `binFor` on the card. */
function binOf(p: PreparedCharacteristic, raw: string, missing: ReadonlySet<string>): number {
  const t = raw.trim();
  if (missing.has(t)) return p.missingBin;
  const cat = p.categories.get(t);
  if (cat !== undefined) return cat;
  if (p.ranges.length > 0 && t !== '') {
    const v = Number(t);
    if (Number.isFinite(v)) for (const r of p.ranges) if (v >= r.lower && v < r.upper) return r.bin;
  }
  return p.fallback;
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
  const lost: { i: number; bin: number; lost: number }[] = [];
  let score = 0;
  for (let i = 0; i < p.chars.length; i++) {
    const pc = p.chars[i]!;
    const bin = binOf(pc, get(pc.c.name) ?? '', p.missing);
    const pts = pc.c.bins[bin]!.points;
    points[pc.c.name] = pts;
    score += pts;
    if (maxReasons > 0 && pts < pc.best) lost.push({ i, bin, lost: pc.best - pts });
  }
  const name = (k: number): string => p.chars[k]!.c.name;
  lost.sort((a, b) => b.lost - a.lost || (name(a.i) < name(b.i) ? -1 : name(a.i) > name(b.i) ? 1 : 0));
  const reasons: ReasonCode[] = [];
  for (let k = 0; k < lost.length && k < maxReasons; k++) {
    const { i, bin, lost: l } = lost[k]!;
    const c = p.chars[i]!.c;
    const b = c.bins[bin]!;
    reasons.push({
      code: c.name,
      characteristic: c.name,
      bin: b.label,
      points: b.points,
      lost: l,
      en: `${c.labelEn}: ${b.label} (${l} points below the best)`,
      zh: `${c.labelZh}：${b.label}（比最佳分组少 ${l} 分）`,
    });
  }
  return { score, points, reasons };
}

/** The limit of the score's band (minor units); 0 below every band or without a table. */
export function limitFor(limits: ScoreLimits | undefined, score: number): number {
  if (!limits) return 0;
  let best: { minScore: number; limitMinor: number } | undefined;
  for (const b of limits.bands) if (score >= b.minScore && (!best || b.minScore > best.minScore)) best = b;
  return best?.limitMinor ?? 0;
}
