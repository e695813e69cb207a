import { parseMoney, type Clock } from '../../kernel/index.ts';
import type { CreditExternalInput } from '../../monitoring/index.ts';
import type { CheckResult, MultiLendingClient } from './client.ts';

/**
 * The platform's results of the hub check, by tenant and customer, for the credit port to read on the
 * decision path (a synchronous map read). The check itself is network I/O, so it runs before the
 * application is decided — at intake, via `prefetch` — and a result older than `ttlMs` is gone: a rule
 * that reads `credit.external` then fails closed (the decision goes to review).
 */
export class ExternalCreditCache {
  private readonly entries = new Map<string, { result: CheckResult; until: number }>();
  private readonly max: number;

  constructor(private readonly o: { clock: Clock; ttlMs: number; max?: number }) {
    this.max = o.max ?? 100_000;
  }

  put(tenantId: string, customerId: string, result: CheckResult): void {
    const key = `${tenantId}\u0000${customerId}`;
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { result, until: this.o.clock.now() + this.o.ttlMs });
  }

  /**
   * The credit port's `external` reader. Undefined when there is no fresh result, or when other
   * platforms' balances are in another currency than the event's (no sum across currencies without a
   * rate: fail closed rather than under-count).
   */
  readonly lookup = (tenantId: string, customerId: string, currency: string): CreditExternalInput | undefined => {
    const e = this.entries.get(`${tenantId}\u0000${customerId}`);
    if (!e || e.until <= this.o.clock.now()) return undefined;
    let outstanding = 0;
    for (const o of e.result.outstanding) {
      const m = parseMoney(o.amount, o.currency);
      if (!m.ok) return undefined;
      if (o.currency !== currency) {
        if (m.value.minor === 0) continue;
        return undefined;
      }
      outstanding += m.value.minor;
    }
    return { checked: true, platforms: e.result.platforms, outstanding };
  };

  /** Runs the hub check for an applicant and keeps the result for the decision that follows. */
  async prefetch(
    client: MultiLendingClient,
    a: { tenantId: string; customerId: string; idNumber: string; applicationEventId: string },
  ): Promise<CheckResult> {
    const r = await client.check(a.idNumber, a.applicationEventId);
    this.put(a.tenantId, a.customerId, r);
    return r;
  }
}
