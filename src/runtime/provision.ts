import { AccessService } from '../access/index.ts';
import { chinaCalendar, systemClock, systemIds, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import { builtInRuleSetDocument, compileOrThrow, type BuiltInRuleSet } from '../monitoring/index.ts';
import type { Role, Store, TenantRecord } from '../store/index.ts';

/** Who provisions (for the audit ledger) and where that is recorded; without `audit`, nowhere. */
export interface ProvisionOptions {
  clock?: Clock;
  ids?: Ids;
  audit?: AuditSink;
  /** e.g. `local-admin:<os user>` for `zhili admin …`; default `system`. */
  actorId?: string;
}

/** The built-in rule set a new tenant starts with (default: the PBOC large-value rules). */
export interface TenantOptions extends ProvisionOptions {
  ruleSet?: BuiltInRuleSet;
}

/**
 * Creating tenants and operators from the command line, against the same store a running server
 * uses; the server picks a new tenant up on its first request. With `audit`, they go on the ledger.
 */
export async function provisionTenant(
  store: Store,
  name: string,
  timeZone: string,
  opts: TenantOptions = {},
): Promise<{ tenant: TenantRecord; apiKey: string }> {
  const clock = opts.clock ?? systemClock;
  const access = new AccessService({
    store,
    clock,
    ids: opts.ids ?? systemIds(),
    ...(opts.audit ? { audit: opts.audit } : {}),
  });
  const created = await access.createTenant(name, timeZone, opts.actorId);
  const doc = builtInRuleSetDocument(opts.ruleSet ?? 'default');
  const compiled = compileOrThrow(doc, { calendar: chinaCalendar(), defaultTimeZone: timeZone });
  await store.putRuleSet({
    tenantId: created.tenant.id,
    version: compiled.version,
    content: doc,
    createdAt: clock.now(),
    createdBy: 'system',
    active: true,
  });
  return created;
}

export async function provisionUser(
  store: Store,
  input: { tenantId: string; username: string; password: string; roles: Role[] },
  opts: ProvisionOptions = {},
) {
  const access = new AccessService({
    store,
    clock: opts.clock ?? systemClock,
    ids: opts.ids ?? systemIds(),
    ...(opts.audit ? { audit: opts.audit } : {}),
  });
  return access.createUser({ ...input, ...(opts.actorId ? { actorId: opts.actorId } : {}) });
}
