/**
 * The account-level second pass of a backtest: an account's ranking score is its own rule score plus
 * what its counterparties give away. Launderers' accounts that never send a suspicious transfer
 * themselves (AMLSim: a third of the labelled accounts) still trade with accounts that did.
 *
 *   rank(a) = own(a) + Σ over counterparties b of  share × suspicion(b) / |counterparties(b)|
 *                    + degree × |counterparties(a)|
 *   suspicion(b) = 1 when b was alerted, else min(1, own(b) / cap)
 *
 * Each account spreads up to `share` evenly over its counterparties (one step of a personalised
 * PageRank): a mule with three counterparties marks each of them strongly, a busy merchant that tripped
 * a rule marks each of its hundreds of customers hardly at all. Accounts that were not alerted spread in
 * proportion to their score, so weak signs (which the pack keeps below alert level to spare ordinary
 * customers) still order the queue. The degree term mostly breaks ties. Uses no labels: only the
 * replay's tallies and its transaction graph.
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
  /** Own score at which an account that was not alerted spreads the full share. */
  readonly cap: number;
}

export const defaultNetworkWeights: NetworkWeights = { share: 100, degree: 0.5, cap: 60 };

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
    const suspicion = t.alerted ? 1 : Math.min(1, Math.max(0, t.score) / w.cap);
    if (suspicion === 0 || !nb || nb.size === 0) continue;
    const give = (w.share * suspicion) / nb.size;
    for (const a of nb) out.set(a, (out.get(a) ?? 0) + give);
  }
  return out;
}
