/**
 * Points scaling: score = offset + factor × ln(odds of good), with factor = PDO / ln 2 and
 * offset = base score − factor × ln(base odds). At the base odds the score is the base score, and every
 * PDO points the odds double.
 */
export interface Scaling {
  baseScore: number;
  /** Odds good:bad at the base score (e.g. 19 means 19 goods per bad). */
  baseOdds: number;
  /** Points to double the odds. */
  pdo: number;
}

export function scalingFactors(s: Scaling): { factor: number; offset: number } {
  const factor = s.pdo / Math.LN2;
  return { factor, offset: s.baseScore - factor * Math.log(s.baseOdds) };
}

/**
 * Points of one bin: −(coefficient × WOE) × factor + (offset − factor × intercept) / n, where n is the
 * number of characteristics in the card — the constant is shared evenly so that a card's points add up
 * to offset + factor × ln(odds of good) exactly (before rounding). WOE here is ln(bad share / good
 * share), so the model's log-odds of bad is intercept + Σ coefficient × WOE.
 */
export function binPoints(
  coefficient: number,
  woe: number,
  intercept: number,
  n: number,
  f: { factor: number; offset: number },
): number {
  return -(coefficient * woe) * f.factor + (f.offset - f.factor * intercept) / n;
}
