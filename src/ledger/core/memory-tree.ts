/**
 * In-memory Merkle tree: keeps every perfect node, level by level (`levels[l][i]`), in flat growable
 * byte arrays. Appends are amortised O(1) hashes; roots and proofs of any past size read O(log n)
 * nodes through the NodeReader port. The reference for the SQL node stores.
 */
import { HASH_SIZE, hashChildren, hashLeaf, isHash } from './hash.ts';
import { rootAt } from './compact-range.ts';
import { isIndex } from './bits.ts';
import type { NodeReader } from './tree.ts';

/** A growable column of fixed-size hashes. */
class HashColumn {
  private bytes = new Uint8Array(HASH_SIZE * 16);
  count = 0;

  push(hash: Uint8Array): void {
    const offset = this.count * HASH_SIZE;
    if (offset + HASH_SIZE > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(hash, offset);
    this.count++;
  }

  /** A view on the stored bytes (no copy): internal use only. */
  view(index: number): Uint8Array {
    const offset = index * HASH_SIZE;
    return this.bytes.subarray(offset, offset + HASH_SIZE);
  }
}

export class MemoryTree implements NodeReader {
  private readonly levels: HashColumn[] = [new HashColumn()];

  /** Number of leaves. */
  get size(): number {
    return (this.levels[0] as HashColumn).count;
  }

  /** Appends the hash of an entry's bytes; returns the entry's index. */
  appendEntry(data: Uint8Array | string): number {
    return this.append(hashLeaf(data));
  }

  /** Appends a leaf hash (32 bytes); returns its index. Completes every perfect node it closes. */
  append(leafHash: Uint8Array): number {
    if (!isHash(leafHash)) throw new TypeError(`leaf hash must be ${HASH_SIZE} bytes`);
    const index = this.size;
    let column = this.levels[0] as HashColumn;
    column.push(leafHash);
    let level = 0;
    let i = index;
    while (i % 2 === 1) {
      const parent = hashChildren(column.view(i - 1), column.view(i));
      level++;
      column = this.levels[level] ?? this.addLevel();
      column.push(parent);
      i = (i - 1) / 2;
    }
    return index;
  }

  /** NodeReader: a copy of the perfect node (level, index). Throws RangeError if it does not exist yet. */
  node(level: number, index: number): Uint8Array {
    const column = this.levels[level];
    if (column === undefined || !isIndex(index) || index >= column.count) {
      throw new RangeError(`no perfect node at level ${level}, index ${index} in a tree of ${this.size}`);
    }
    return column.view(index).slice();
  }

  /** Root hash of the tree as it was at `size` leaves (default: now). */
  root(size: number = this.size): Uint8Array {
    if (!isIndex(size) || size > this.size) {
      throw new RangeError(`size ${size} out of range [0, ${this.size}]`);
    }
    return rootAt(this, size);
  }

  private addLevel(): HashColumn {
    const column = new HashColumn();
    this.levels.push(column);
    return column;
  }
}
