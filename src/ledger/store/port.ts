/**
 * The ledger's storage port. Leaves and perfect nodes are written once and never change; a batch of
 * leaves, the perfect nodes they complete and the progress marker (how far the main store's decisions
 * have been appended) commit in one transaction, so after a crash the ledger resumes exactly there.
 */
import type { NodeHash } from '../core/frontier.ts';
import type { NodeId } from '../core/tree.ts';

export type { NodeHash, NodeId };

/** One stored entry: its exact bytes (canonical JSON text) and RFC 6962 leaf hash. */
export interface LeafRow {
  index: number;
  kind: string;
  tenantId: string;
  /** Event id for decision entries (unique per tenant), null otherwise. */
  eventId: string | null;
  entry: string;
  leafHash: Uint8Array;
}

export interface LedgerState {
  /** Number of leaves. */
  size: number;
  /** seq of the last decision of the main store that is in the ledger (0: none). */
  sourceSeq: number;
}

export interface AppendBatch {
  /** The state this batch was computed against; the append fails with LedgerConflictError otherwise. */
  expected: LedgerState;
  /** Leaves with indices expected.size, expected.size + 1, … */
  leaves: readonly LeafRow[];
  /** Perfect nodes of level ≥ 1 completed by these leaves. */
  nodes: readonly NodeHash[];
  sourceSeq: number;
  /**
   * Outbox rows these leaves carry: deleted in the same transaction, so an operator action is in the
   * outbox or in the ledger, never both and never neither. Fails with LedgerConflictError when another
   * writer took one of them first.
   */
  outboxIds?: readonly number[];
}

/** An operator action waiting in the outbox: its entry's exact text (canonical JSON). */
export interface OutboxRow {
  id: number;
  tenantId: string;
  entry: string;
}

export interface StoredCheckpoint {
  id: number;
  size: number;
  /** The signed note. */
  note: string;
  /** verifier key string of the key that signed it. */
  keyId: string;
  createdAt: number;
}

export interface StoredKey {
  /** The verifier key string `<name>+<hex id>+<base64 key>`: also its identity. */
  verifierKey: string;
  /** The private key, encoded by ../keys.ts (plain PKCS8 or encrypted). */
  privateKey: string;
  createdAt: number;
  /** null while this is the signing key. */
  retiredAt: number | null;
}

/** Another writer appended first: reload the state and try again. */
export class LedgerConflictError extends Error {
  constructor(expected: LedgerState, actual: LedgerState) {
    super(
      `ledger moved on: expected size ${expected.size} / seq ${expected.sourceSeq}, found ${actual.size} / ${actual.sourceSeq}`,
    );
    this.name = 'LedgerConflictError';
  }
}

export interface LedgerStore {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  state(): Promise<LedgerState>;
  /** All or nothing and durable when it resolves. */
  append(batch: AppendBatch): Promise<void>;
  /** Hashes of the given perfect nodes, in order (level 0: leaf hashes). Throws RangeError for a missing node. */
  readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
  /** Perfect nodes of one level with index ≥ from, in order, at most `limit`. */
  scanNodes(level: number, from: number, limit: number): Promise<Uint8Array[]>;
  /** Leaves with index ≥ from, in order, at most `limit`. */
  readLeaves(from: number, limit: number): Promise<LeafRow[]>;
  findEvent(tenantId: string, eventId: string): Promise<LeafRow | undefined>;

  /** Stores a checkpoint unless one of a larger size exists (sizes never go back); returns it or undefined. */
  putCheckpoint(cp: Omit<StoredCheckpoint, 'id'>): Promise<StoredCheckpoint | undefined>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** Checkpoints with id > afterId, oldest first. */
  listCheckpoints(afterId: number, limit: number): Promise<StoredCheckpoint[]>;

  /** All keys, oldest first. */
  keys(): Promise<StoredKey[]>;
  /**
   * Adds a signing key and retires the current one at `key.createdAt`, atomically. With
   * `onlyIfNone`, adds it only when there is no key at all (first start of several nodes at once).
   * Returns false when it did not add the key.
   */
  addKey(key: StoredKey, opts?: { onlyIfNone?: boolean }): Promise<boolean>;
  /** Replaces a key's stored private key with another wrapping of the same key (clear → encrypted). */
  rewrapKey(verifierKey: string, privateKey: string): Promise<void>;

  /** Durably adds operator actions to the outbox; returns their ids, in order. */
  enqueue(rows: readonly { tenantId: string; entry: string; createdAt: number }[]): Promise<number[]>;
  /** The oldest outbox rows, at most `limit`. */
  readOutbox(limit: number): Promise<OutboxRow[]>;
  /** Which of `ids` are still in the outbox (not yet in the ledger). */
  stillQueued(ids: readonly number[]): Promise<number[]>;
}
