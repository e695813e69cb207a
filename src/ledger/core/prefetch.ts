/**
 * Proofs are computed by synchronous code over a NodeReader, but a database answers asynchronously.
 * The tree math never branches on hash values, only on sizes and indices, so a dry run with dummy
 * hashes names every node a computation reads; the caller fetches them all in one query and runs the
 * computation again over a MapReader.
 */
import { HASH_SIZE } from './hash.ts';
import type { NodeId, NodeReader } from './tree.ts';

const key = (level: number, index: number): string => `${level}/${index}`;

/** The distinct perfect nodes `compute` reads, in first-read order. */
export function nodesNeeded(compute: (reader: NodeReader) => unknown): NodeId[] {
  const seen = new Set<string>();
  const ids: NodeId[] = [];
  const dummy = new Uint8Array(HASH_SIZE);
  compute({
    node(level, index) {
      const k = key(level, index);
      if (!seen.has(k)) {
        seen.add(k);
        ids.push({ level, index });
      }
      return dummy;
    },
  });
  return ids;
}

/** A NodeReader over nodes fetched in advance; throws for any other node. */
export class MapReader implements NodeReader {
  private readonly map = new Map<string, Uint8Array>();

  constructor(ids: readonly NodeId[], hashes: readonly Uint8Array[]) {
    ids.forEach((id, i) => {
      const h = hashes[i];
      if (h !== undefined) this.map.set(key(id.level, id.index), h);
    });
  }

  node(level: number, index: number): Uint8Array {
    const h = this.map.get(key(level, index));
    if (h === undefined) throw new RangeError(`node (${level}, ${index}) was not fetched`);
    return h;
  }
}
