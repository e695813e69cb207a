/**
 * The account-level second pass of a backtest: an account's ranking score is its own rule score plus
 * what its counterparties give away. Launderers' accounts that never send a suspicious transfer
 * themselves (AMLSim: a third of the labelled accounts) still trade with accounts that did.
 *
 *   rank(a) = own(a) + Σ over alerted counterparties b of  share / |counterparties(b)|
 *                    + degree × |counterparties(a)|
 *
 * Each alerted account spreads a fixed `share` evenly over its counterparties (one step of a
 * personalised PageRank): a mule with three counterparties marks each of them strongly, a busy
 * merchant that tripped a rule marks each of its hundreds of customers hardly at all. The degree term
 * mostly breaks ties among accounts with the same evidence (many counterparties is a weak risk signal
 * of its own). Uses no labels: only the replay's tallies and its transaction graph.
 */
export interface NetworkTally {
  readonly score: number;
  readonly alerted: boolean;
}

export interface NetworkWeights {
  /** Points each alerted account spreads evenly over its distinct counterparties. */
  readonly share: number;
  /** Added per distinct counterparty. */
  readonly degree: number;
}

export const defaultNetworkWeights: NetworkWeights = { share: 100, degree: 0.5 };

/** Ranking score per account seen in `tallies` or `neighbours`. */
export function networkScores(
  tallies: ReadonlyMap<string, NetworkTally>,
  neighbours: ReadonlyMap<string, ReadonlySet<string>>,
  w: NetworkWeights = defaultNetworkWeights,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [a, t] of tallies) out.set(a, t.score);
  for (const [a, nb] of neighbours) out.set(a, (out.get(a) ?? 0) + w.degree * nb.size);
  for (const [b, t] of tallies) {
    const nb = neighbours.get(b);
    if (!t.alerted || !nb || nb.size === 0) continue;
    const give = w.share / nb.size;
    for (const a of nb) out.set(a, (out.get(a) ?? 0) + give);
  }
  return out;
}
