/**
 * The storage port of the tree math: every proof and root is computed from "perfect" nodes (roots of
 * complete subtrees of 2^level leaves), which an append-only store can keep forever because they never
 * change once written.
 */

/** Address of a perfect node: the subtree of 2^level leaves starting at leaf index `index * 2^level`. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Read access to the perfect nodes of a log. Level 0 holds the leaf hashes. */
export interface NodeReader {
  /**
   * Hash of the perfect node (level, index). Only called for nodes whose leaves are all inside the
   * tree being proven; an implementation may throw for anything else.
   */
  node(level: number, index: number): Uint8Array;
}
