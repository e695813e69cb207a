/**
 * The pure core of partition ownership: given what the lease store holds now, what this node should
 * take and give back. No I/O, no clock of its own — `now` comes from the caller's Clock.
 */

export interface Lease {
  readonly partition: number;
  readonly owner: string;
  /** Fencing epoch: grows every time the partition changes hands (or is taken again after expiry). */
  readonly epoch: number;
  /** Epoch ms, on the nodes' clocks (kept in step by NTP; the skew adds to the takeover bound). */
  readonly expiresAt: number;
}

export interface Member {
  readonly node: string;
  readonly expiresAt: number;
}

export interface Plan {
  readonly acquire: readonly number[];
  readonly release: readonly number[];
}

/** Nodes alive now (a heartbeat not expired), this node always among them; sorted. */
export function liveNodes(members: readonly Member[], self: string, now: number): string[] {
  const alive = new Set(members.filter((m) => m.expiresAt > now).map((m) => m.node));
  alive.add(self);
  return [...alive].sort();
}

/** Partitions a node should hold: an even split, the first `P mod N` nodes (by id) taking one more. */
export function fairShare(partitions: number, nodes: readonly string[], self: string): number {
  const n = Math.max(1, nodes.length);
  const rank = Math.max(0, nodes.indexOf(self));
  return Math.floor(partitions / n) + (rank < partitions % n ? 1 : 0);
}

/**
 * Take unowned or expired partitions up to the fair share; give back the excess (highest numbers
 * first) when more nodes joined. A partition whose lease another live node holds is never taken:
 * one owner at a time is the store's conditional write, this only keeps the nodes from fighting.
 * Free partitions are taken in an order that starts at a different place for each node, so that nodes
 * joining together do not all race for partition 0.
 */
export function plan(
  view: { partitions: number; leases: readonly Lease[]; members: readonly Member[] },
  self: string,
  now: number,
): Plan {
  const nodes = liveNodes(view.members, self, now);
  const share = fairShare(view.partitions, nodes, self);
  const held = new Map<number, Lease>();
  for (const l of view.leases) if (l.expiresAt > now) held.set(l.partition, l);
  const mine = [...held.values()].filter((l) => l.owner === self).map((l) => l.partition);
  if (mine.length > share) return { acquire: [], release: mine.sort((a, b) => b - a).slice(0, mine.length - share) };
  const want = share - mine.length;
  if (want === 0) return { acquire: [], release: [] };
  const start = Math.floor((nodes.indexOf(self) * view.partitions) / nodes.length);
  const free: number[] = [];
  for (let i = 0; i < view.partitions && free.length < want; i++) {
    const p = (start + i) % view.partitions;
    if (!held.has(p)) free.push(p);
  }
  return { acquire: free, release: [] };
}
