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
  private keys = '';

  constructor(private readonly store: CreditStore) {}

  async load(): Promise<void> {
    const keys = await this.store.liveKeys();
    const live = await this.store.live();
    this.tenants.clear();
    for (const s of live) this.put(s);
    this.keys = keys;
  }

  /**
   * Reloads when another process (the CLI, another node) changed which cards are live; the decision
   * path keeps reading memory. Returns the stop function.
   */
  watch(ms: number, onError: (e: unknown) => void): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.store
        .liveKeys()
        .then((k) => (k === this.keys ? undefined : this.load()))
        .catch(onError)
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Re-reads one tenant's live cards after a life-cycle step. */
  async reload(tenantId: string): Promise<void> {
    const live = await this.store.live();
    this.tenants.delete(tenantId);
    for (const s of live) if (s.tenantId === tenantId) this.put(s);
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
