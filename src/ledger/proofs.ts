/**
 * Roots and proofs over a LedgerStore: the nodes a computation needs are named by a dry run and read
 * in one query (O(log n) rows), then the pure tree math runs over them.
 */
import { rootAt } from './core/compact-range.ts';
import { consistencyProof } from './core/consistency.ts';
import { Frontier } from './core/frontier.ts';
import { inclusionProof } from './core/inclusion.ts';
import { MapReader, nodesNeeded } from './core/prefetch.ts';
import type { NodeReader } from './core/tree.ts';
import type { LedgerStore } from './store/port.ts';

export async function withNodes<T>(store: LedgerStore, compute: (reader: NodeReader) => T): Promise<T> {
  const ids = nodesNeeded(compute);
  return compute(new MapReader(ids, await store.readNodes(ids)));
}

export const storeRoot = (store: LedgerStore, size: number): Promise<Uint8Array> =>
  withNodes(store, (r) => rootAt(r, size));

export const storeInclusionProof = (store: LedgerStore, index: number, size: number): Promise<Uint8Array[]> =>
  withNodes(store, (r) => inclusionProof(r, index, size));

export const storeConsistencyProof = (store: LedgerStore, from: number, to: number): Promise<Uint8Array[]> =>
  withNodes(store, (r) => consistencyProof(r, from, to));

/** The appender's right edge for a tree of `size` leaves, from O(log size) stored nodes. */
export async function loadFrontier(store: LedgerStore, size: number): Promise<Frontier> {
  return Frontier.fromRange(size, await store.readNodes(Frontier.needed(size)));
}
