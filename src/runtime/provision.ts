import { AccessService } from '../access/index.ts';
import { chinaCalendar, systemClock, systemIds, type Clock, type Ids } from '../kernel/index.ts';
import { compileOrThrow, defaultRuleSetDocument } from '../monitoring/index.ts';
import type { Role, Store, TenantRecord } from '../store/index.ts';

/**
 * Creating tenants and operators from the command line, against the same store a running server
 * uses; the server picks a new tenant up on its first request.
 */
export async function provisionTenant(
  store: Store,
  name: string,
  timeZone: string,
  opts: { clock?: Clock; ids?: Ids } = {},
): Promise<{ tenant: TenantRecord; apiKey: string }> {
  const clock = opts.clock ?? systemClock;
  const access = new AccessService({ store, clock, ids: opts.ids ?? systemIds() });
  const created = await access.createTenant(name, timeZone);
  const doc = defaultRuleSetDocument();
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
  opts: { clock?: Clock; ids?: Ids } = {},
) {
  const access = new AccessService({ store, clock: opts.clock ?? systemClock, ids: opts.ids ?? systemIds() });
  return access.createUser(input);
}
