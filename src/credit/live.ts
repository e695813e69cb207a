import { prepareScorecard, type PreparedScorecard } from './core/prepared.ts';
import type { CreditStore, StoredScorecard } from './store.ts';

interface TenantCards {
  active?: PreparedScorecard;
  shadow?: PreparedScorecard;
}

/**
 * The scorecards decisions use, in memory: each tenant's active card (and the one in shadow), prepared
 * once. Loaded at start and reloaded for a tenant whenever its life cycle activates, rolls back or
 * shadows a card, so the decision path never reads the database.
 */
export class LiveScorecards {
  private readonly tenants = new Map<string, TenantCards>();

  constructor(private readonly store: CreditStore) {}

  async load(): Promise<void> {
    this.tenants.clear();
    for (const s of await this.store.live()) this.put(s);
  }

  /** Re-reads one tenant's live cards after a life-cycle step. */
  async reload(tenantId: string): Promise<void> {
    this.tenants.delete(tenantId);
    for (const s of await this.store.live()) if (s.tenantId === tenantId) this.put(s);
  }

  active(tenantId: string): PreparedScorecard | undefined {
    return this.tenants.get(tenantId)?.active;
  }

  shadow(tenantId: string): PreparedScorecard | undefined {
    return this.tenants.get(tenantId)?.shadow;
  }

  private put(s: StoredScorecard): void {
    const t = this.tenants.get(s.tenantId) ?? {};
    if (s.status === 'active') t.active = prepareScorecard(s.card);
    if (s.shadow) t.shadow = prepareScorecard(s.card);
    this.tenants.set(s.tenantId, t);
  }
}
