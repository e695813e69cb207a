import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './port.ts';
import type { DecisionRecord } from './records.ts';

/**
 * The one behaviour every Store adapter must have. Each adapter's test file calls this with a factory
 * that gives a fresh, empty, migrated store.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    const tenant = { id: 'ten_a', name: 'Alpha Pay', timeZone: 'Asia/Shanghai', createdAt: 1 };
    const key = { keyHash: 'h-a', tenantId: 'ten_a', prefix: 'zk_a', createdAt: 1 };
    const decision = (tenantId: string, eventId: string, extra: Partial<DecisionRecord> = {}): DecisionRecord => ({
      tenantId,
      eventId,
      type: 'transfer',
      occurredAt: 1_764_000_000_000,
      bodyHash: `hash-${eventId}`,
      event: { id: eventId, amount: { value: '1.00', currency: 'CNY' }, nested: { zh: '中文' } },
      decision: { eventId, outcome: 'allow', score: 0, reasons: [] },
      outcome: 'allow',
      ruleSetVersion: 'v1',
      decidedAt: 1_764_000_000_001,
      ...extra,
    });

    it('creates a tenant with its API key in one step and finds it by key hash', async () => {
      await store.createTenant(tenant, key);
      expect(await store.getTenant('ten_a')).toEqual(tenant);
      expect(await store.findApiKey('h-a')).toEqual(key);
      expect(await store.findApiKey('nope')).toBeUndefined();
      expect((await store.listTenants()).map((t) => t.id)).toContain('ten_a');
    });

    it('refuses a second tenant with the same id and leaves no key behind', async () => {
      await expect(store.createTenant(tenant, { ...key, keyHash: 'h-dup' })).rejects.toMatchObject({
        code: 'ZHILI_E_CONFLICT',
      });
      expect(await store.findApiKey('h-dup')).toBeUndefined();
    });

    it('keeps users unique per tenant and finds them by name', async () => {
      const user = {
        id: 'usr_1',
        tenantId: 'ten_a',
        username: 'li.lei',
        passwordHash: 'scrypt$x',
        roles: ['analyst' as const, 'approver' as const],
        createdAt: 2,
      };
      await store.createUser(user);
      expect(await store.findUserByName('ten_a', 'li.lei')).toEqual(user);
      expect(await store.getUser('usr_1')).toEqual(user);
      await expect(store.createUser({ ...user, id: 'usr_2' })).rejects.toMatchObject({ code: 'ZHILI_E_CONFLICT' });
    });

    it('stores, finds and deletes sessions', async () => {
      const s = { tokenHash: 'tok', userId: 'usr_1', tenantId: 'ten_a', expiresAt: 99 };
      await store.createSession(s);
      expect(await store.findSession('tok')).toEqual(s);
      await store.deleteSession('tok');
      expect(await store.findSession('tok')).toBeUndefined();
    });

    it('appends a batch of decisions and reads them back exactly, in commit order', async () => {
      const batch = [decision('ten_a', 'e1'), decision('ten_a', 'e2', { outcome: 'review' }), decision('ten_a', 'e3')];
      await store.appendDecisions(batch);
      const got = await store.getDecision('ten_a', 'e2');
      expect(got).toMatchObject({ ...batch[1], seq: expect.any(Number) });
      const scanned = await store.scanDecisions(0, 10);
      expect(scanned.map((d) => d.eventId)).toEqual(['e1', 'e2', 'e3']);
      expect(scanned[0]!.seq).toBeLessThan(scanned[1]!.seq);
      expect(await store.scanDecisions(scanned[1]!.seq, 10)).toHaveLength(1);
      expect(await store.countDecisions('ten_a')).toBe(3);
    });

    it('isolates tenants: the same event id in two tenants is two events', async () => {
      await store.createTenant({ ...tenant, id: 'ten_b', name: 'Beta' }, { ...key, keyHash: 'h-b', tenantId: 'ten_b' });
      await store.appendDecisions([decision('ten_b', 'e1', { outcome: 'block' })]);
      expect((await store.getDecision('ten_b', 'e1'))?.outcome).toBe('block');
      expect((await store.getDecision('ten_a', 'e1'))?.outcome).toBe('allow');
      expect(await store.countDecisions('ten_b')).toBe(1);
      expect(await store.getDecision('ten_b', 'e2')).toBeUndefined();
    });

    it('commits a batch all or nothing: a duplicate id stores none of it', async () => {
      const before = await store.countDecisions();
      await expect(store.appendDecisions([decision('ten_a', 'e4'), decision('ten_a', 'e1')])).rejects.toMatchObject({
        code: 'ZHILI_E_CONFLICT',
      });
      expect(await store.countDecisions()).toBe(before);
      expect(await store.getDecision('ten_a', 'e4')).toBeUndefined();
    });

    it('keeps one active rule set per tenant and all versions', async () => {
      const rs = {
        tenantId: 'ten_a',
        version: 'v1',
        content: { rules: [] },
        createdAt: 1,
        createdBy: 'usr_1',
        active: true,
      };
      await store.putRuleSet(rs);
      await store.putRuleSet({ ...rs, version: 'v2', createdAt: 2, content: { rules: [{ id: 'r' }] } });
      expect((await store.getActiveRuleSet('ten_a'))?.version).toBe('v2');
      expect((await store.listRuleSets('ten_a')).map((r) => [r.version, r.active])).toEqual([
        ['v1', false],
        ['v2', true],
      ]);
      await expect(store.putRuleSet(rs)).rejects.toMatchObject({ code: 'ZHILI_E_CONFLICT' });
      expect(await store.getActiveRuleSet('ten_b')).toBeUndefined();
    });

    it('writes a large group commit in one go', async () => {
      const batch = Array.from({ length: 2000 }, (_, i) => decision('ten_b', `bulk-${i}`));
      await store.appendDecisions(batch);
      expect(await store.countDecisions('ten_b')).toBe(2001);
    });
  });
}
