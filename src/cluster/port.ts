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

/** What commits a decision may depend on: its own partition's lease, and its counterparty's. */
export interface Claim {
  readonly partition: number;
  readonly epoch: number;
  /** True: this node must own it (unexpired); false: a counterparty read, whose epoch must not have moved. */
  readonly own: boolean;
}

/**
 * Checked at commit: `hold` verifies the claims and keeps them from changing (a takeover waits) until
 * `release`, which is called after the decisions' transaction has committed or failed.
 */
export interface CommitFence {
  hold(claims: readonly Claim[], now: number): Promise<{ ok: boolean; release(): Promise<void> }>;
}

/** Request–reply between nodes; one subject per partition and kind, served by its owner. */
export interface Transport {
  /** The owner's answer, or 'unavailable' (no owner subscribed, or no answer in time). */
  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  serve(subject: string, handler: (payload: unknown) => Promise<unknown>): { stop(): void };
  close(): Promise<void>;
}
