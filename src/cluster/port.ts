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
