import { bloomHashes, ScalableBloom } from '../../kernel/index.ts';

const DAY = 86_400_000;

/** How long ids stay in memory, and how far ahead of the clock an event time is trusted. */
export interface IdempotencyFilterOptions {
  /** Days of event time per filter generation; three generations are held per tenant. */
  epochDays: number;
  /** Event times further ahead of `now` than this are never held: their ids are always looked up. */
  futureMs: number;
  /** Keys a generation starts with before it grows. */
  initialCapacity: number;
}

/** Held: at least 32 and at most 48 days of event time behind each tenant's latest event. */
export const defaultIdempotencyFilter: IdempotencyFilterOptions = {
  epochDays: 16,
  futureMs: DAY,
  initialCapacity: 1 << 14,
};

const GENERATIONS = 3;

interface TenantIds {
  /** Epoch number (event time / epoch length) → the ids of events whose time falls in it. */
  epochs: Map<number, ScalableBloom>;
  latest: number;
  /** Event times up to this were decided without their ids passing here (windows restored from a snapshot). */
  unsureUntil: number;
}

/**
 * Which event ids might have been decided, bounded in memory: per tenant, one Bloom filter per
 * 16-day epoch of event time, the oldest dropped when a fourth begins. "Definitely new" is answered
 * only for an event whose epoch is still held; for an older (or implausibly future) one the answer is
 * "maybe", which sends the engine to the store — a resent event carries its original time, so its id
 * is found where it was put, and one that does not is caught by the store lookup. Memory is about
 * 1.2 bytes per id in the held epochs, whatever came before them.
 */
export class IdempotencyFilter {
  private readonly tenants = new Map<string, TenantIds>();
  private readonly epochMs: number;

  constructor(private readonly o: IdempotencyFilterOptions = defaultIdempotencyFilter) {
    this.epochMs = o.epochDays * DAY;
  }

  /** Whether the id may have been seen; false is exact. */
  mightContain(tenantId: string, key: string, time: number, now: number): boolean {
    const t = this.tenants.get(tenantId);
    if (!t) return false;
    if (time <= t.unsureUntil) return true;
    if (Math.floor(time / this.epochMs) <= t.latest - GENERATIONS || time > now + this.o.futureMs) return true;
    const [h1, h2] = bloomHashes(key);
    // The same id may have come with another time: every held epoch is asked.
    for (const f of t.epochs.values()) if (f.mightContainHashed(h1, h2)) return true;
    return false;
  }

  add(tenantId: string, key: string, time: number, now: number): void {
    if (time > now + this.o.futureMs) return;
    const t = this.tenantOf(tenantId);
    const epoch = Math.floor(time / this.epochMs);
    if (epoch <= t.latest - GENERATIONS) return;
    if (epoch > t.latest) {
      t.latest = epoch;
      for (const e of t.epochs.keys()) if (e <= epoch - GENERATIONS) t.epochs.delete(e);
    }
    let f = t.epochs.get(epoch);
    if (!f) {
      f = new ScalableBloom(this.o.initialCapacity);
      t.epochs.set(epoch, f);
    }
    const [h1, h2] = bloomHashes(key);
    f.addHashed(h1, h2);
  }

  /**
   * Ids of the tenant's events with times up to `time` were decided but never added (their windows came
   * from a snapshot): for those the answer is "maybe" from now on, so the store is asked.
   */
  unsureUpTo(tenantId: string, time: number): void {
    const t = this.tenantOf(tenantId);
    if (time > t.unsureUntil) t.unsureUntil = time;
  }

  private tenantOf(tenantId: string): TenantIds {
    let t = this.tenants.get(tenantId);
    if (!t) {
      t = { epochs: new Map(), latest: Number.NEGATIVE_INFINITY, unsureUntil: Number.NEGATIVE_INFINITY };
      this.tenants.set(tenantId, t);
    }
    return t;
  }

  /** Generations held across tenants, for metrics and tests. */
  get generations(): number {
    let n = 0;
    for (const t of this.tenants.values()) n += t.epochs.size;
    return n;
  }
}
