import type { EntityLog } from './entity-log.ts';

/**
 * Bounded path search in the time-windowed transfer graph, for cycle features. The graph is the
 * feature's own logs: per payer the transfers it made (`k` = payee), and per payee the transfers it
 * received (`k` = payer). Only edges with `windowStart < t <= time` exist.
 */
export interface PathQuery {
  /** Where the path starts: the payee of the transfer being decided. */
  readonly from: string;
  /** Where it must arrive: the payer of that transfer. */
  readonly to: string;
  readonly time: number;
  /** Exclusive lower bound of edge times. */
  readonly windowStart: number;
  /** Most edges the path may have (the cycle's maxHops − 1). */
  readonly maxEdges: number;
  /** Each edge no earlier than the one before it: the money could really have travelled that way. */
  readonly ordered: boolean;
}

/**
 * Edge scans one search may make. Past it the search stops and reports no path, so one event cannot
 * stall the hot path on a dense hub; windows and hop limits keep real searches far below it.
 */
export const cycleSearchBudget = 250_000;

type Logs = ReadonlyMap<string, EntityLog>;

/** Visits the window's edges of `log`, newest first, with time >= `notBefore`; stops when `visit` says so. */
function scan(
  log: EntityLog | undefined,
  q: PathQuery,
  notBefore: number,
  visit: (k: string, t: number) => boolean,
): number {
  if (!log) return 0;
  let n = 0;
  for (let i = log.upper(q.time) - 1; i >= 0; i--) {
    const t = log.time(i);
    if (t <= q.windowStart || t < notBefore) break;
    n++;
    const k = log.key(i);
    if (k !== undefined && visit(k, t)) break;
  }
  return n;
}

/** Number of edges of the shortest path `from` → `to` (0 when there is none within the limits). */
export function shortestPath(out: Logs, incoming: Logs, q: PathQuery): number {
  if (q.from === q.to) return 0;
  if (!q.ordered) return bidirectional(out, incoming, q);
  // A time-respecting path ends with a transfer into `to` and has no edge later than that one: with no
  // transfer into `to` inside the window there is no path (most payers), and later edges need no scan.
  const into = incoming.get(q.to);
  const end = into ? into.upper(q.time) : 0;
  const last = into && end > 0 ? into.time(end - 1) : -Infinity;
  if (last <= q.windowStart) return 0;
  return orderedPath(out, { ...q, time: last });
}

/** Breadth-first from both ends, always growing the smaller frontier: exact shortest path, few scans. */
function bidirectional(out: Logs, incoming: Logs, q: PathQuery): number {
  const distF = new Map<string, number>([[q.from, 0]]);
  const distB = new Map<string, number>([[q.to, 0]]);
  let frontF = [q.from];
  let frontB = [q.to];
  let lf = 0;
  let lb = 0;
  let spent = 0;
  while (lf + lb < q.maxEdges && frontF.length > 0 && frontB.length > 0) {
    const forward = frontF.length <= frontB.length;
    const [mine, other, logs, depth] = forward ? [distF, distB, out, lf] : [distB, distF, incoming, lb];
    const next: string[] = [];
    let best = Infinity;
    for (const u of forward ? frontF : frontB) {
      spent += scan(logs.get(u), q, -Infinity, (v) => {
        if (mine.has(v)) return false;
        mine.set(v, depth + 1);
        next.push(v);
        const o = other.get(v);
        if (o !== undefined && depth + 1 + o < best) best = depth + 1 + o;
        return false;
      });
      if (spent > cycleSearchBudget) return 0;
    }
    if (forward) {
      frontF = next;
      lf++;
    } else {
      frontB = next;
      lb++;
    }
    if (best !== Infinity) return best;
  }
  return 0;
}

/**
 * Time-respecting search: round k relaxes the earliest arrival time at each node using paths of at most
 * k edges (Bellman–Ford by rounds), so the first round that reaches `to` gives the fewest edges.
 */
function orderedPath(out: Logs, q: PathQuery): number {
  const arrival = new Map<string, number>([[q.from, -Infinity]]);
  let frontier: string[] = [q.from];
  let spent = 0;
  for (let k = 1; k <= q.maxEdges && frontier.length > 0; k++) {
    const improved = new Map<string, number>();
    let reached = false;
    for (const u of frontier) {
      spent += scan(out.get(u), q, arrival.get(u) ?? Infinity, (v, t) => {
        if (v === q.to) return (reached = true);
        if (t < (arrival.get(v) ?? Infinity) && t < (improved.get(v) ?? Infinity)) improved.set(v, t);
        return false;
      });
      if (reached) return k;
      if (spent > cycleSearchBudget) return 0;
    }
    for (const [v, t] of improved) arrival.set(v, t);
    frontier = [...improved.keys()];
  }
  return 0;
}
