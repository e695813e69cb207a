import { formatMoney } from '../../kernel/index.ts';
import type { CounterpartyGraph, GraphEdge, GraphNode, MovementRecord } from './types.ts';

export type { CounterpartyGraph, GraphEdge, GraphNode };

/**
 * Aggregates movements into a directed account graph (debtor account → creditor account), one edge per
 * pair with counts and totals per currency: fan-in, fan-out and cycles show directly.
 */
export function buildGraph(
  centre: string,
  hopOf: ReadonlyMap<string, { hop: number; party: string | null }>,
  movements: readonly MovementRecord[],
  truncated: boolean,
): CounterpartyGraph {
  const edges = new Map<string, GraphEdge & { minor: Map<string, number> }>();
  const seen = new Set<string>();
  for (const m of movements) {
    if (!m.debtorAccount || !m.creditorAccount || seen.has(m.eventId)) continue;
    if (!hopOf.has(m.debtorAccount) || !hopOf.has(m.creditorAccount)) continue;
    seen.add(m.eventId);
    const key = `${m.debtorAccount}\u0000${m.creditorAccount}`;
    let e = edges.get(key);
    if (!e) {
      e = {
        from: m.debtorAccount,
        to: m.creditorAccount,
        count: 0,
        amounts: {},
        firstAt: m.occurredAt,
        lastAt: m.occurredAt,
        eventIds: [],
        minor: new Map(),
      };
      edges.set(key, e);
    }
    e.count += 1;
    e.firstAt = Math.min(e.firstAt, m.occurredAt);
    e.lastAt = Math.max(e.lastAt, m.occurredAt);
    if (e.eventIds.length < 50) e.eventIds.push(m.eventId);
    if (m.amountMinor !== null && m.currency) e.minor.set(m.currency, (e.minor.get(m.currency) ?? 0) + m.amountMinor);
  }
  const out: GraphEdge[] = [...edges.values()].map(({ minor, ...e }) => ({
    ...e,
    amounts: Object.fromEntries([...minor].map(([cur, v]) => [cur, formatMoney({ minor: v, currency: cur })])),
  }));
  const nodes = [...hopOf]
    .map(([account, n]) => ({ account, party: n.party, hop: n.hop }))
    .sort((a, b) => a.hop - b.hop || a.account.localeCompare(b.account));
  return { centre, nodes, edges: out, truncated };
}
