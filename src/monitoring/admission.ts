import { ZhiliError, type Clock } from '../kernel/index.ts';

export interface AdmissionLimits {
  /** Events being decided or waiting for their durable commit, all tenants together. */
  maxInFlight: number;
  /** The most one tenant may hold, so that a flood from one leaves room for the others. */
  maxInFlightPerTenant: number;
  /**
   * Time in flight (ms) the node aims to keep. Once events take longer than half of it on average, the
   * node holds at most `throughput × target` events in flight (Little's law: then the mean time in
   * flight is the target) and refuses the tenants above their fair share of that; a tenant at or under
   * its share, or with nothing in flight, is still let in. 0 or absent: only the counts above apply.
   */
  targetLatencyMs?: number | undefined;
  /** Below this many events in flight nothing is refused for time in flight (default 64). */
  minInFlight?: number | undefined;
  /**
   * While two or more tenants are active, the fewest events the node holds before it refuses the tenants
   * above their fair share (default 8): the fair cap's floor, far below `minInFlight`, since what a
   * quiet tenant waits for is the events ahead of it in the loop and the group commit.
   */
  minFairInFlight?: number | undefined;
  /** Told of every refusal (for /metrics: refusals are counted there rather than logged one by one). */
  onRefused?: ((scope: 'tenant' | 'node', tenantId: string) => void) | undefined;
  /**
   * Told of every admission with the events already in flight, all tenants' (for /metrics: how many
   * events a tenant's event finds ahead of it in the loop and the group commit — its queue position).
   */
  onAdmitted?: ((tenantId: string, ahead: number) => void) | undefined;
}

/** Room for a few seconds of this machine's commits; one tenant may hold half of it. */
export const defaultAdmissionLimits: AdmissionLimits = {
  maxInFlight: 8192,
  maxInFlightPerTenant: 4096,
  targetLatencyMs: 50,
};

/** `ok`: admitted (slots taken); `tenant`: its share is used (429); `node`: the node is full (503). */
export type Verdict = 'ok' | 'tenant' | 'node';

/** Weight of each completed single event in the running mean of time in flight. */
const ALPHA = 0.05;
/** Completions are counted per bucket of this many ms to estimate throughput. */
const BUCKET_MS = 100;
/** Weight of each bucket in the running throughput. */
const RATE_ALPHA = 0.3;
/** A tenant is active for this long after its last admission. */
const ACTIVE_MS = 1000;
/** The fair cap is judged once per window of this many ms, from the window's mean time in flight. */
const CONTROL_MS = 100;
/** The fastest windows are remembered this long: the node's unloaded time in flight. */
const BASE_MEMORY_MS = 30_000;
/** Below this the goal is noise (a timer's resolution, one fsync). */
const MIN_GOAL_MS = 5;
/**
 * The mean time in flight is evidence of queueing for this long after the last single event completed.
 * Only single events feed it (a batch takes longer by its size, not by queueing), so under a batch-only
 * workload it would otherwise keep the last single events' figure for ever and refuse batches by it.
 */
const STALE_MS = 1000;

/**
 * Back-pressure at the door of the decision path, a pure core (the clock is passed in). Every event
 * holds a slot from before its body is read until its commit is durable and answered. A request is
 * refused at once — 429 when its tenant has used its share, 503 when the node is full — before any work
 * on it, so nothing queues without bound and an acknowledged event is never dropped (refusal happens
 * before acceptance).
 */
export class Admission {
  private total = 0;
  private readonly byTenant = new Map<string, number>();
  /** Running mean of the time single events spent in flight, ms, and when the last one completed. */
  private slow = 0;
  private lastSingleAt = Number.NEGATIVE_INFINITY;
  /** Completed events per ms (running), and the bucket being counted. */
  private rate = 0;
  private bucketStart: number;
  private bucketCount = 0;
  /** When each tenant was last admitted (pruned as they go idle), and how many are active. */
  private readonly lastAdmit = new Map<string, number>();
  private active = 0;
  /** The fair cap (see `fairCap`) and the window it is judged on. */
  private cap: number;
  private windowStart: number;
  private windowSum = 0;
  private windowN = 0;
  private windowPeak = 0;
  /** Lowest window mean of each second of the last BASE_MEMORY_MS (a ring), ms. */
  private readonly fastest: number[] = [];
  private fastestAt = 0;
  /** Events asking to be admitted per tenant in the last ACTIVE_MS: the sum, each window's (see `light`). */
  private readonly admitted = { total: 0, by: new Map<string, number>() };
  private admittedNow = new Map<string, number>();
  private readonly admittedWindows: Map<string, number>[] = [];
  refused = { tenant: 0, node: 0 };

  constructor(
    private readonly limits: AdmissionLimits,
    /** Monotonic milliseconds (production passes performance.now; tests their own). */
    private readonly clock: Clock = { now: () => performance.now() },
  ) {
    this.bucketStart = clock.now();
    this.windowStart = this.bucketStart;
    this.fastestAt = this.bucketStart;
    this.cap = limits.maxInFlight;
  }

  get inFlight(): number {
    return this.total;
  }

  /** Events the tenant holds in flight. */
  held(tenantId: string): number {
    return this.byTenant.get(tenantId) ?? 0;
  }

  /** Mean time in flight (ms) of recent single events; 0 when none completed lately. */
  get meanInFlightMs(): number {
    return this.clock.now() - this.lastSingleAt > STALE_MS ? 0 : this.slow;
  }

  /**
   * The most events the node holds before it refuses tenants above their share: maxInFlight when not
   * queueing; throughput × target past the target (Little's law); and while several tenants are active,
   * no more than the fair cap.
   */
  get limit(): number {
    const target = this.limits.targetLatencyMs ?? 0;
    if (target <= 0) return this.limits.maxInFlight;
    const little =
      this.meanInFlightMs <= target / 2
        ? this.limits.maxInFlight
        : Math.min(this.limits.maxInFlight, Math.max(this.floor, Math.floor(this.rate * target)));
    return this.active >= 2 ? Math.min(little, this.cap) : little;
  }

  /**
   * The fair cap: events in flight past which, while two or more tenants are active, the tenants above an
   * equal share are refused. What a quiet tenant's event waits for is the events ahead of it (in the
   * loop, in the group commit), so the cap is held where time in flight stays within the goal — twice
   * the node's unloaded time in flight (the fastest windows of the last 30 s), between 5 ms and the
   * target: cut by a fifth when a window's mean is past the goal, raised by a tenth when the cap was
   * reached and the mean stayed under it. A flood alone is judged by `limit` without it.
   */
  get fairCap(): number {
    return this.cap;
  }

  /** Time in flight the fair cap aims at, ms (see `fairCap`). */
  get goalMs(): number {
    const target = this.limits.targetLatencyMs ?? 0;
    const base = this.fastest.length > 0 ? Math.min(...this.fastest) : target;
    return Math.min(target, Math.max(MIN_GOAL_MS, 2 * base));
  }

  /** Tenants admitted within the last second. */
  get activeTenants(): number {
    return this.active;
  }

  private get fairFloor(): number {
    return this.limits.minFairInFlight ?? 8;
  }

  private get floor(): number {
    return this.limits.minInFlight ?? 64;
  }

  /** A tenant's fair share of `of` slots: an equal part among the tenants holding slots, itself included. */
  fairShare(tenantId: string, of: number): number {
    const tenants = this.byTenant.size + (this.byTenant.has(tenantId) ? 0 : 1);
    return Math.max(1, Math.floor(of / tenants));
  }

  /**
   * Takes `n` slots for the tenant, or says why not (and counts the refusal). `own`: slots the same
   * request already holds, which do not count against it.
   */
  admit(tenantId: string, n = 1, own = 0): Verdict {
    this.touch(tenantId, n);
    const verdict = this.judge(tenantId, n, own);
    if (verdict === 'ok') {
      this.total += n;
      this.byTenant.set(tenantId, this.held(tenantId) + n);
      if (this.total > this.windowPeak) this.windowPeak = this.total;
      this.limits.onAdmitted?.(tenantId, this.total - n);
    } else this.count(verdict, tenantId);
    return verdict;
  }

  /** What `admit` would answer, without taking slots or counting anything. */
  judge(tenantId: string, n = 1, own = 0): Verdict {
    const mine = this.held(tenantId) - own;
    if (mine + n > this.limits.maxInFlightPerTenant && mine > 0) return 'tenant';
    if (this.total + n > this.limits.maxInFlight && this.total - own > 0) return 'node';
    const limit = this.limit;
    if (this.total + n <= limit || mine <= 0) return 'ok'; // a tenant with nothing in flight is let in
    // Queueing past the target: whoever holds more than an equal share of the limit waits its turn, unless
    // it asks for less than an equal share of what is let in (a quiet tenant on a slow node holds more).
    if (mine + n <= this.fairShare(tenantId, limit) || this.light(tenantId)) return 'ok';
    // Over its share while others are active (holding slots or not) is the tenant's doing: 429.
    return this.byTenant.size <= 1 && this.active <= 1 && mine === this.total - own ? 'node' : 'tenant';
  }

  /**
   * While the event loop lags past its limit: a tenant holding more than its fair share of the events in
   * flight is refused, a quieter one is let in — unless the lag is past `hardLagMs`, when every request
   * is refused (the node itself is past its limit). Counts nothing (the caller counts its sheds).
   */
  underLag(tenantId: string, lagMs: number, hardLagMs: number): Verdict {
    if (lagMs > hardLagMs) return 'node';
    const mine = this.held(tenantId);
    // A tenant asking for little is not what lags the loop, even when it alone holds slots just now.
    if (mine === 0 || this.light(tenantId)) return 'ok';
    if (this.byTenant.size === 1) return 'node'; // the only tenant in flight is what lags the loop
    // Shares of a handful of events are noise: a tenant within its share of the floor is quiet.
    const share = Math.max(this.fairShare(tenantId, this.total), this.fairShare(tenantId, this.floor));
    return mine > share ? 'tenant' : 'ok';
  }

  /**
   * Whether the tenant asked for less than an equal share (among active tenants) of the events that asked
   * to be let in over the last second (ten control windows), let in or not. Events in flight grow with
   * the time each takes, so on a stalled node a quiet tenant can hold more than its share of a small cap,
   * and its share of what is let in grows as the flood is refused; what it asks of the node is still
   * little, and refusing it would punish it for the flood's delay.
   */
  light(tenantId: string): boolean {
    const all = this.admitted.total;
    return this.active >= 2 && all > 0 && (this.admitted.by.get(tenantId) ?? 0) * this.active < all;
  }

  /** Gives back `n` slots taken at `startedAt` (the clock's time); the time in flight feeds the controller. */
  release(tenantId: string, n: number, startedAt: number): void {
    const now = this.clock.now();
    this.total -= n;
    const left = this.held(tenantId) - n;
    if (left <= 0) this.byTenant.delete(tenantId);
    else this.byTenant.set(tenantId, left);
    // Single events only: a batch takes longer by its size, not by queueing.
    if (n === 1) {
      // After a quiet spell the mean starts again from zero, as at start, rather than from stale history
      // (nor from this one event alone: one slow event, a compile or a stall, is not queueing).
      const took = now - startedAt;
      const from = now - this.lastSingleAt > STALE_MS ? 0 : this.slow;
      this.slow = from + ALPHA * (took - from);
      this.lastSingleAt = now;
      this.windowSum += took;
      this.windowN++;
    }
    if (now - this.windowStart >= CONTROL_MS) this.control(now);
    if (now - this.bucketStart >= BUCKET_MS) {
      const measured = this.bucketCount / (now - this.bucketStart);
      this.rate = this.rate === 0 ? measured : this.rate + RATE_ALPHA * (measured - this.rate);
      this.bucketStart = now;
      this.bucketCount = 0;
    }
    this.bucketCount += n;
  }

  /** A tenant asking counts as active for ACTIVE_MS (a quiet one holds no slot most of the time). */
  private touch(tenantId: string, n: number): void {
    const now = this.clock.now();
    this.admitted.total += n;
    this.admitted.by.set(tenantId, (this.admitted.by.get(tenantId) ?? 0) + n);
    this.admittedNow.set(tenantId, (this.admittedNow.get(tenantId) ?? 0) + n);
    const last = this.lastAdmit.get(tenantId);
    if (last === undefined || now - last >= ACTIVE_MS) this.active++;
    this.lastAdmit.set(tenantId, now);
    if (now - this.windowStart >= CONTROL_MS) this.control(now);
  }

  /** Ends a control window: forgets idle tenants, judges the fair cap (see `fairCap`). */
  private control(now: number): void {
    let active = 0;
    for (const [t, at] of this.lastAdmit) {
      if (now - at >= ACTIVE_MS) this.lastAdmit.delete(t);
      else active++;
    }
    this.active = active;
    if (this.windowN > 0) {
      const mean = this.windowSum / this.windowN;
      if (now - this.fastestAt >= 1000 || this.fastest.length === 0) {
        this.fastest.push(mean);
        if (this.fastest.length > BASE_MEMORY_MS / 1000) this.fastest.shift();
        this.fastestAt = now;
      } else if (mean < this.fastest[this.fastest.length - 1]!) this.fastest[this.fastest.length - 1] = mean;
      const goal = this.goalMs;
      if (mean > goal) this.cap = Math.max(this.fairFloor, Math.floor(Math.min(this.cap, this.windowPeak) * 0.8));
      else if (this.windowPeak >= this.cap)
        this.cap = Math.min(this.limits.maxInFlight, this.cap + Math.ceil(this.cap / 10));
    }
    this.admittedWindows.push(this.admittedNow);
    this.admittedNow = new Map();
    if (this.admittedWindows.length >= ACTIVE_MS / CONTROL_MS)
      for (const [t, k] of this.admittedWindows.shift() ?? []) {
        this.admitted.total -= k;
        const left = (this.admitted.by.get(t) ?? 0) - k;
        if (left > 0) this.admitted.by.set(t, left);
        else this.admitted.by.delete(t);
      }
    this.windowStart = now;
    this.windowSum = 0;
    this.windowN = 0;
    this.windowPeak = this.total;
  }

  /** Takes `n` slots or throws ZHILI_E_TENANT_BUSY (429) / ZHILI_E_OVERLOADED (503). */
  enter(tenantId: string, n = 1): void {
    const verdict = this.admit(tenantId, n);
    if (verdict !== 'ok') throw refusal(verdict);
  }

  /** Runs `work` holding `n` slots. */
  async run<T>(tenantId: string, n: number, work: () => Promise<T>): Promise<T> {
    this.enter(tenantId, n);
    const started = this.clock.now();
    try {
      return await work();
    } finally {
      this.release(tenantId, n, started);
    }
  }

  /** Counts a refusal decided with `judge`. */
  count(verdict: 'tenant' | 'node', tenantId: string): void {
    this.refused[verdict] += 1;
    this.limits.onRefused?.(verdict, tenantId);
  }
}

/** The error a refusal answers with (Retry-After: 1). */
export function refusal(verdict: 'tenant' | 'node'): ZhiliError {
  return new ZhiliError(verdict === 'tenant' ? 'ZHILI_E_TENANT_BUSY' : 'ZHILI_E_OVERLOADED', { retryAfterSeconds: 1 });
}
