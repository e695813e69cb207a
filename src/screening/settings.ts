/**
 * Whether a tenant's event decisions screen parties. Screening is on unless an operator switched it
 * off for the tenant on purpose (stored, with a reason, on the audit ledger). Answers are cached for a
 * few seconds on the decision path; this node's own changes apply at once.
 */
import { sha256Hex, type AuditSink, type Clock } from '../kernel/index.ts';
import type { ListStore, TenantScreeningSetting } from './lists/store.ts';

const TTL_MS = 5_000;

export class TenantScreeningSettings {
  private readonly cache = new Map<string, { enabled: boolean; until: number }>();

  constructor(private readonly o: { store: ListStore; clock: Clock; audit?: AuditSink | undefined }) {}

  /** The cached answer when fresh (no wait on the decision path), else a lookup. */
  enabledNow(tenantId: string): boolean | Promise<boolean> {
    const hit = this.cache.get(tenantId);
    return hit && hit.until > this.o.clock.now() ? hit.enabled : this.enabled(tenantId);
  }

  async enabled(tenantId: string): Promise<boolean> {
    const now = this.o.clock.now();
    const hit = this.cache.get(tenantId);
    if (hit && hit.until > now) return hit.enabled;
    const enabled = (await this.o.store.setting(tenantId))?.enabled ?? true;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tenantId, { enabled, until: now + TTL_MS });
    return enabled;
  }

  async get(tenantId: string): Promise<TenantScreeningSetting> {
    return (
      (await this.o.store.setting(tenantId)) ?? { tenantId, enabled: true, reason: '', updatedBy: '', updatedAt: 0 }
    );
  }

  async set(tenantId: string, enabled: boolean, reason: string, actorId: string): Promise<TenantScreeningSetting> {
    const s = { tenantId, enabled, reason, updatedBy: actorId, updatedAt: this.o.clock.now() };
    await this.o.store.putSetting(s);
    this.cache.set(tenantId, { enabled, until: s.updatedAt + TTL_MS });
    await this.o.audit?.({
      tenantId,
      action: enabled ? 'screening.enable' : 'screening.disable',
      actorId,
      subjectId: tenantId,
      dataHash: sha256Hex(reason),
      at: s.updatedAt,
    });
    return s;
  }
}
