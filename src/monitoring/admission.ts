import { ZhiliError } from '../kernel/index.ts';

export interface AdmissionLimits {
  /** Events being decided or waiting for their durable commit, all tenants together. */
  maxInFlight: number;
  /** The most one tenant may hold, so that a flood from one leaves room for the others. */
  maxInFlightPerTenant: number;
  /**
   * Time in flight (ms) the node aims to keep: once recent events take longer on average, a tenant
   * holding more than its fair share of the events in flight is refused, so the queue stops growing
   * and a quiet tenant is still let in. 0 or absent: only the counts above apply.
   */
  targetLatencyMs?: number | undefined;
  /** Told of every refusal (for /metrics: refusals are counted there rather than logged one by one). */
  onRefused?: ((scope: 'tenant' | 'node', tenantId: string) => void) | undefined;
}

/** Room for a few seconds of this machine's commits; one tenant may hold half of it. */
export const defaultAdmissionLimits: AdmissionLimits = {
  maxInFlight: 8192,
  maxInFlightPerTenant: 4096,
  targetLatencyMs: 250,
};

/** Below this many events in flight nothing is refused for latency: the node is not queueing. */
const QUEUEING = 64;
/** Weight of each completed request in the running mean of time in flight. */
const ALPHA = 0.05;

/**
 * Back-pressure at the door of the decision path: every event holds a slot from before its decision
 * until its commit is durable. With none left the request is refused at once — 429 when the tenant has
 * used its share, 503 when the node is full — with Retry-After, before any work on it, so nothing
 * queues without bound and an acknowledged event is never dropped (refusal happens before acceptance).
 */
export class Admission {
  private total = 0;
  private readonly byTenant = new Map<string, number>();
  /** Running mean of the time recent requests spent in flight, ms. */
  private slow = 0;
  refused = { tenant: 0, node: 0 };

  constructor(
    private readonly limits: AdmissionLimits,
    /** A monotonic clock in ms (tests pass their own). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  get inFlight(): number {
    return this.total;
  }

  /** Takes `n` slots for the tenant or throws ZHILI_E_TENANT_BUSY (429) / ZHILI_E_OVERLOADED (503). */
  enter(tenantId: string, n = 1): void {
    const mine = this.byTenant.get(tenantId) ?? 0;
    if (mine + n > this.limits.maxInFlightPerTenant && mine > 0) {
      this.refused.tenant += 1;
      this.limits.onRefused?.('tenant', tenantId);
      throw new ZhiliError('ZHILI_E_TENANT_BUSY', { retryAfterSeconds: 1 });
    }
    if (this.total + n > this.limits.maxInFlight && this.total > 0) {
      this.refused.node += 1;
      this.limits.onRefused?.('node', tenantId);
      throw new ZhiliError('ZHILI_E_OVERLOADED', { retryAfterSeconds: 1 });
    }
    const target = this.limits.targetLatencyMs ?? 0;
    if (target > 0 && this.slow > target && this.total >= QUEUEING && mine > 0) {
      // Queueing past the target: whoever holds more than an equal share waits its turn.
      const fair = this.total / this.byTenant.size;
      if (mine + n > fair) {
        const alone = this.byTenant.size === 1;
        if (alone) this.refused.node += 1;
        else this.refused.tenant += 1;
        this.limits.onRefused?.(alone ? 'node' : 'tenant', tenantId);
        throw new ZhiliError(alone ? 'ZHILI_E_OVERLOADED' : 'ZHILI_E_TENANT_BUSY', { retryAfterSeconds: 1 });
      }
    }
    this.total += n;
    this.byTenant.set(tenantId, mine + n);
  }

  leave(tenantId: string, n = 1): void {
    this.total -= n;
    const left = (this.byTenant.get(tenantId) ?? n) - n;
    if (left <= 0) this.byTenant.delete(tenantId);
    else this.byTenant.set(tenantId, left);
  }

  /** Runs `work` holding `n` slots. */
  async run<T>(tenantId: string, n: number, work: () => Promise<T>): Promise<T> {
    this.enter(tenantId, n);
    const started = this.now();
    try {
      return await work();
    } finally {
      // Single events only: a batch takes longer by its size, not by queueing.
      if (n === 1) this.slow += ALPHA * (this.now() - started - this.slow);
      this.leave(tenantId, n);
    }
  }
}
