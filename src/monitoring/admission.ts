import { ZhiliError } from '../kernel/index.ts';

export interface AdmissionLimits {
  /** Events being decided or waiting for their durable commit, all tenants together. */
  maxInFlight: number;
  /** The most one tenant may hold, so that a flood from one leaves room for the others. */
  maxInFlightPerTenant: number;
  /** Told of every refusal (for /metrics: refusals are counted there rather than logged one by one). */
  onRefused?: ((scope: 'tenant' | 'node', tenantId: string) => void) | undefined;
}

/** Room for a few seconds of this machine's commits; one tenant may hold half of it. */
export const defaultAdmissionLimits: AdmissionLimits = { maxInFlight: 8192, maxInFlightPerTenant: 4096 };

/**
 * Back-pressure at the door of the decision path: every event holds a slot from before its decision
 * until its commit is durable. With none left the request is refused at once — 429 when the tenant has
 * used its share, 503 when the node is full — with Retry-After, before any work on it, so nothing
 * queues without bound and an acknowledged event is never dropped (refusal happens before acceptance).
 */
export class Admission {
  private total = 0;
  private readonly byTenant = new Map<string, number>();
  refused = { tenant: 0, node: 0 };

  constructor(private readonly limits: AdmissionLimits) {}

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
    try {
      return await work();
    } finally {
      this.leave(tenantId, n);
    }
  }
}
