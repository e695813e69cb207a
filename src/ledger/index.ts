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
export { Frontier, type NodeHash } from './core/frontier.ts';
export {
  ALG_COSIGNATURE_V1,
  cosign,
  cosignatureKeyHash,
  formatCosignerKey,
  formatCosignerVerifierKey,
  noteText,
  parseCosignerKey,
  parseCosignerVerifierKey,
  verifyCosignature,
  type Cosigner,
  type CosignatureVerifier,
} from './core/cosignature.ts';
export {
  HUB_AUTH_SCHEME,
  parseHubAuthorization,
  signHubRequest,
  verifyHubRequest,
  type HubAuthorization,
} from './core/request-signature.ts';
export { nodesNeeded, MapReader } from './core/prefetch.ts';
export {
  decisionEntry,
  auditEntry,
  auditProblem,
  encodeEntry,
  parseEntry,
  type LedgerEntry,
  type DecisionEntry,
  type AuditEntry,
  type AuditInput,
} from './core/entries.ts';
export {
  LedgerConflictError,
  type LedgerStore,
  type LedgerState,
  type LeafRow,
  type AppendBatch,
  type StoredCheckpoint,
  type StoredKey,
  type OutboxRow,
} from './store/port.ts';
export { LedgerService } from './service.ts';
export { enqueueAudit, auditOutboxRow } from './outbox.ts';
export type { KeyEncryptionKey } from './keys.ts';
export type { LedgerServiceOptions, LedgerLag } from './service-options.ts';
export { ledgerRoutes, type LedgerWitness } from './routes.ts';
export { addProofRoutes, ErrorRef, Index, int } from './proof-routes.ts';
export { verifyLedger, type LedgerSource, type VerifyReport, type VerifyOptions, type TrustedState } from './verify.ts';
export { httpSource, storeSource } from './sources.ts';
export { exportLedger, exportSource } from './export.ts';
export { registerLedgerCommands, type LedgerCliContext, type LedgerCliOptions } from './cli.ts';
