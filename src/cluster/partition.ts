/**
 * Which partition an event belongs to. Pure: the same body gives the same partition on every node.
 *
 * An event is routed by the platform's own customer — the debtor when the debtor is a customer,
 * otherwise the creditor — because the regulatory cumulative obligations (PBOC large-value, per
 * customer and direction) are kept per customer. The other side, when it is a customer too and hashes
 * elsewhere, is the event's counterparty partition: its windows are read (and the event recorded)
 * at that partition's owner (docs/decisions/0008-partitioned-decisions.md).
 */

export interface RoutingParty {
  readonly partyId: string;
  readonly isCustomer?: boolean | undefined;
}

export interface RoutingEvent {
  readonly id: string;
  readonly debtor?: RoutingParty | undefined;
  readonly creditor?: RoutingParty | undefined;
}

export interface Route {
  /** The partition that decides the event. */
  readonly partition: number;
  /** The routing party (undefined: an event without parties, spread by its id). */
  readonly side: 'debtor' | 'creditor' | undefined;
  /** The other side's partition when it is a customer kept on another partition. */
  readonly counterparty: { readonly side: 'debtor' | 'creditor'; readonly partition: number } | undefined;
}

/** FNV-1a (32 bit): cheap, stable across processes and versions, good enough spread for 2^k partitions. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function partitionOf(tenantId: string, key: string, partitions: number): number {
  return fnv1a(`${tenantId}\u0000${key}`) % partitions;
}

const isCustomer = (p: RoutingParty | undefined): p is RoutingParty => p !== undefined && p.isCustomer !== false;

export function routeOf(tenantId: string, e: RoutingEvent, partitions: number): Route {
  const side = isCustomer(e.debtor) ? 'debtor' : isCustomer(e.creditor) ? 'creditor' : e.debtor ? 'debtor' : undefined;
  const party = side === 'debtor' ? e.debtor : side === 'creditor' ? e.creditor : undefined;
  const partition = partitionOf(tenantId, party ? party.partyId : `event:${e.id}`, partitions);
  const otherSide = side === 'debtor' ? 'creditor' : side === 'creditor' ? 'debtor' : undefined;
  const other = otherSide === undefined ? undefined : e[otherSide];
  if (!otherSide || !isCustomer(other)) return { partition, side, counterparty: undefined };
  const cp = partitionOf(tenantId, other.partyId, partitions);
  return { partition, side, counterparty: cp === partition ? undefined : { side: otherSide, partition: cp } };
}
