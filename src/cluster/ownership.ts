import type { Clock } from '../kernel/index.ts';
import { plan, type Lease } from './ownership-core.ts';
import type { LeaseStore } from './port.ts';

export interface OwnershipOptions {
  node: string;
  partitions: number;
  /** Lease lifetime; a dead node's partitions are free this long after its last renewal. */
  ttlMs: number;
  /**
   * A lease is used only while more than this is left of it: a node whose renewals stall stops
   * deciding before its lease can expire under it (and the commit fence refuses what slipped through).
   */
  marginMs: number;
}

export interface OwnershipEvents {
  /**
   * Newly held partitions. Not awaited: renewals go on while the node restores their windows, and
   * the node serves them only once that is done.
   */
  acquired(leases: readonly Lease[]): void;
  /** Partitions no longer held (given back, or a renewal failed): stop serving them now. */
  lost(partitions: readonly number[]): void;
  /** About to give a partition back: finish (commit) what was decided under it. */
  releasing(partitions: readonly number[]): Promise<void>;
}

/**
 * One node's view of the partitions it owns, kept by `tick()` (called every renewal interval by the
 * runtime, or by a test with a fake clock): heartbeat, renew, then take or give back toward the fair
 * share the pure core computes.
 */
export class Ownership {
  private readonly held = new Map<number, Lease>();

  constructor(
    private readonly store: LeaseStore,
    private readonly clock: Clock,
    private readonly opts: OwnershipOptions,
    private readonly on: OwnershipEvents,
  ) {}

  get node(): string {
    return this.opts.node;
  }

  /** The lease this node may decide under now, if any. */
  lease(partition: number): Lease | undefined {
    const l = this.held.get(partition);
    return l && l.expiresAt - this.opts.marginMs > this.clock.now() ? l : undefined;
  }

  owned(): number[] {
    return [...this.held.keys()].filter((p) => this.lease(p) !== undefined).sort((a, b) => a - b);
  }

  async tick(): Promise<void> {
    const { node, ttlMs } = this.opts;
    let now = this.clock.now();
    await this.store.heartbeat(node, ttlMs, now);
    if (this.held.size > 0) {
      const kept = await this.store.renew([...this.held.values()], ttlMs, now);
      const keptSet = new Set(kept.map((l) => l.partition));
      const gone = [...this.held.keys()].filter((p) => !keptSet.has(p));
      for (const l of kept) this.held.set(l.partition, l);
      this.drop(gone);
    }
    now = this.clock.now();
    const next = plan(
      { partitions: this.opts.partitions, leases: await this.store.leases(), members: await this.store.members() },
      node,
      now,
    );
    if (next.release.length > 0) {
      const leases = next.release.map((p) => this.held.get(p)).filter((l): l is Lease => l !== undefined);
      this.drop(next.release);
      await this.on.releasing(next.release);
      for (const l of leases) await this.store.release(l);
    }
    const got: Lease[] = [];
    for (const p of next.acquire) {
      const l = await this.store.acquire(p, node, ttlMs, this.clock.now());
      if (l) got.push(l);
    }
    for (const l of got) this.held.set(l.partition, l);
    if (got.length > 0) this.on.acquired(got);
  }

  /** Gives every partition back (a clean shutdown: the others take them without waiting for the TTL). */
  async releaseAll(): Promise<void> {
    const leases = [...this.held.values()];
    this.drop(leases.map((l) => l.partition));
    await this.on.releasing(leases.map((l) => l.partition));
    for (const l of leases) await this.store.release(l).catch(() => undefined);
  }

  private drop(partitions: readonly number[]): void {
    if (partitions.length === 0) return;
    for (const p of partitions) this.held.delete(p);
    this.on.lost(partitions);
  }
}
