/**
 * Ledger module: a tamper-evident audit log as an RFC 6962 / RFC 9162 Merkle tree with C2SP
 * checkpoints. This is the module's public face; the pure core lives in ./core.
 */
export { HASH_SIZE, emptyRoot, hashLeaf, hashChildren, bytesEqual, type Verdict } from './core/hash.ts';
export type { NodeId, NodeReader } from './core/tree.ts';
export { rangeNodes, rangeSize, rangeHash, rootAt } from './core/compact-range.ts';
export { MemoryTree } from './core/memory-tree.ts';
export { inclusionProof, rootFromInclusionProof, verifyInclusion } from './core/inclusion.ts';
export { consistencyProof, verifyConsistency } from './core/consistency.ts';
export { isValidSubtree, subtreeHash, verifySubtreeInclusion, verifySubtreeConsistency } from './core/subtree.ts';
export { merkleTreeHash } from './core/rfc6962-reference.ts';
export { encodeBase64, decodeBase64 } from './core/base64.ts';
export {
  ALG_ED25519,
  MAX_SIGNATURES,
  isValidKeyName,
  isValidNoteText,
  ed25519PublicKeyBytes,
  keyHash,
  formatVerifierKey,
  parseVerifierKey,
  formatSignerKey,
  parseSignerKey,
  signNote,
  verifyNote,
  type NoteSigner,
  type NoteVerifier,
  type NoteSignature,
  type NoteVerification,
} from './core/note.ts';
export {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  openCheckpoint,
  type Checkpoint,
  type CheckpointResult,
  type OpenedCheckpoint,
} from './core/checkpoint.ts';
