import type { TxExecutor } from '../store/index.ts';
import type { Lease, Member } from './ownership-core.ts';

/**
 * Where partition leases live (PostgreSQL table or NATS KV). Every write is conditional, so two nodes
 * can never both hold one partition: `acquire` succeeds only on a partition that is unowned, expired
 * or already this node's, and bumps the epoch whenever ownership (re)starts; `renew` only extends a
 * lease still held under the same epoch. `now` is the caller's clock.
 */
export interface LeaseStore {
  migrate(): Promise<void>;
  leases(): Promise<Lease[]>;
  acquire(partition: number, node: string, ttlMs: number, now: number): Promise<Lease | undefined>;
  /** Extends the leases still held under these epochs; returns those extended. */
  renew(held: readonly Lease[], ttlMs: number, now: number): Promise<Lease[]>;
  /** Gives a partition back at once (its epoch stays; the next owner bumps it). */
  release(lease: Lease): Promise<void>;
  heartbeat(node: string, ttlMs: number, now: number): Promise<void>;
  members(): Promise<Member[]>;
  close(): Promise<void>;
}

/** What a decision's commit depends on: its own partition's lease epoch, and its counterparty's. */
export interface Claim {
  readonly partition: number;
  readonly epoch: number;
  /** True: this node must still be the fenced owner; false: a counterparty read, whose epoch must not have moved. */
  readonly own: boolean;
  /** A counterparty read: its id, claimed at commit unless its reader has voided it meanwhile. */
  readonly read?: string | undefined;
}

/**
 * The commit fence, in the database whatever the lease store (docs/decisions/0008). A node taking a
 * partition `advance`s it before serving: the lease's epoch and owner are recorded beside the decisions,
 * once every commit held under an older epoch is done. `check` runs inside the decisions' own
 * transaction (the store's `appendDecisions` hook): it checks each decision's claims, locks what it read
 * until that transaction ends, claims the counterparty reads in it, and says which decisions must not be
 * stored — fence and commit are one transaction. A counterparty owner `voidRead`s a read whose decision
 * it has not seen committed in time: afterwards no commit can claim it.
 */
export interface CommitFence {
  migrate(): Promise<void>;
  /**
   * Records these newly taken leases; waits for commits held under older epochs. Returns the partitions
   * recorded: one whose fence already holds a higher epoch (this lease is stale) is not.
   */
  advance(leases: readonly Lease[]): Promise<Set<number>>;
  /** The indices of `decisions` refused; `tx` is the decisions' transaction, not yet committed. */
  check(tx: TxExecutor, decisions: readonly (readonly Claim[])[], now: number): Promise<ReadonlySet<number>>;
  /** True: the read is void (now or before), no commit can claim it; false: a commit claimed it. */
  voidRead(read: string, now: number): Promise<boolean>;
  /** Forgets claimed and voided reads older than `before`. */
  sweep(before: number): Promise<void>;
}

/** Request–reply between nodes; one subject per partition and kind, served by its owner. */
export interface Transport {
  /** The owner's answer, or 'unavailable' (no owner subscribed, or no answer in time). */
  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  serve(subject: string, handler: (payload: unknown) => Promise<unknown>): { stop(): void };
  close(): Promise<void>;
}
