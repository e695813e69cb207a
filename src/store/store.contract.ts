import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './port.ts';
import type { DecisionRecord, RuleSetStatus } from './records.ts';

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

    it('stores a batch with a duplicate id but the duplicate, and says which it skipped', async () => {
      const before = await store.countDecisions();
      const got = await store.appendDecisions([
        decision('ten_a', 'e4'),
        decision('ten_a', 'e1', { outcome: 'block' }),
        decision('ten_a', 'e5'),
        decision('ten_a', 'e5', { outcome: 'block' }),
      ]);
      expect(got).toEqual({ duplicates: [1, 3] });
      expect(await store.countDecisions()).toBe(before + 2);
      expect((await store.getDecision('ten_a', 'e1'))?.outcome).toBe('allow');
      expect((await store.getDecision('ten_a', 'e5'))?.outcome).toBe('allow');
      expect(await store.appendDecisions([decision('ten_a', 'e4')])).toEqual({ duplicates: [0] });
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

    it('moves a version through its lifecycle, guarded, with who and when in its history', async () => {
      const base = { tenantId: 'ten_a', content: { rules: [] }, createdBy: 'usr_maker', active: false };
      await store.putRuleSet({ ...base, version: 'v3', createdAt: 3 });
      expect(await store.getRuleSet('ten_a', 'v3')).toMatchObject({ status: 'draft', active: false, shadow: false });
      const step = (
        version: string,
        action: string,
        from: RuleSetStatus[],
        to: RuleSetStatus,
        actorId: string,
        at: number,
      ) => store.transitionRuleSet({ tenantId: 'ten_a', version, action, from, to, actorId, at });
      await expect(step('v3', 'approve', ['submitted'], 'approved', 'usr_checker', 4)).rejects.toMatchObject({
        code: 'ZHILI_E_RULESET_TRANSITION',
      });
      await expect(step('nope', 'submit', ['draft'], 'submitted', 'usr_maker', 4)).rejects.toMatchObject({
        code: 'ZHILI_E_NOT_FOUND',
      });
      expect((await step('v3', 'submit', ['draft'], 'submitted', 'usr_maker', 5)).status).toBe('submitted');
      expect((await step('v3', 'approve', ['submitted'], 'approved', 'usr_checker', 6)).status).toBe('approved');
      const shadowed = await store.transitionRuleSet({
        tenantId: 'ten_a',
        version: 'v3',
        action: 'shadow',
        from: ['approved'],
        to: 'approved',
        shadow: true,
        actorId: 'usr_maker',
        at: 7,
      });
      expect(shadowed).toMatchObject({ status: 'approved', shadow: true, active: false });
      expect((await store.getShadowRuleSet('ten_a'))?.version).toBe('v3');
      expect(await store.getShadowRuleSet('ten_b')).toBeUndefined();

      const live = await step('v3', 'activate', ['approved'], 'active', 'usr_maker', 8);
      expect(live).toMatchObject({ status: 'active', active: true, shadow: false });
      expect(await store.getShadowRuleSet('ten_a')).toBeUndefined();
      expect((await store.getActiveRuleSet('ten_a'))?.version).toBe('v3');
      expect((await store.getRuleSet('ten_a', 'v2'))?.status).toBe('superseded');

      // Rollback: an earlier, once-approved version becomes active again.
      await step('v2', 'rollback', ['approved', 'superseded'], 'active', 'usr_admin', 9);
      expect((await store.getActiveRuleSet('ten_a'))?.version).toBe('v2');
      expect((await store.getRuleSet('ten_a', 'v3'))?.status).toBe('superseded');

      const history = await store.listRuleSetEvents('ten_a', 'v3');
      expect(history.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorId, e.at])).toEqual([
        ['create', null, 'draft', 'usr_maker', 3],
        ['submit', 'draft', 'submitted', 'usr_maker', 5],
        ['approve', 'submitted', 'approved', 'usr_checker', 6],
        ['shadow', 'approved', 'approved', 'usr_maker', 7],
        ['activate', 'approved', 'active', 'usr_maker', 8],
        ['supersede', 'active', 'superseded', 'usr_admin', 9],
      ]);
      expect(history[5]?.note).toBe('by v2');
      const all = await store.listRuleSetEvents('ten_a');
      expect(all.filter((e) => e.version === 'v1').map((e) => e.action)).toEqual(['create', 'supersede']);
      expect(await store.listRuleSetEvents('ten_b')).toEqual([]);
    });

    it("scans one tenant's decisions in an event-time range, in commit order", async () => {
      const t0 = 1_764_000_000_000;
      await store.appendDecisions([
        decision('ten_a', 'r1', { occurredAt: t0 - 1 }),
        decision('ten_a', 'r2', { occurredAt: t0 + 10 }),
        decision('ten_x', 'r3', { occurredAt: t0 + 10 }),
        decision('ten_a', 'r4', { occurredAt: t0 + 20 }),
      ]);
      const range = { fromTime: t0, toTime: t0 + 20 };
      const got = await store.scanTenantDecisions('ten_a', range, 0, 100);
      expect(got.map((d) => d.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'r2']);
      const page = await store.scanTenantDecisions('ten_a', range, got[1]!.seq, 1);
      expect(page.map((d) => d.eventId)).toEqual(['e3']);
    });

    it('writes a large group commit in one go', async () => {
      const batch = Array.from({ length: 2000 }, (_, i) => decision('ten_b', `bulk-${i}`));
      await store.appendDecisions(batch);
      expect(await store.countDecisions('ten_b')).toBe(2001);
    });

    const piiKey = (subject: string, keyId: string) => ({
      tenantId: 'ten_a',
      subject,
      keyId,
      wrapped: `wrapped-${subject}-${keyId}`,
      createdAt: 5,
    });

    it('stores data keys with the batch that needs them, all or nothing', async () => {
      await store.appendDecisions([decision('ten_a', 'evt_k1')], [piiKey('P1', 'k1')]);
      expect(await store.getPiiKey('ten_a', 'P1', 'k1')).toEqual(piiKey('P1', 'k1'));
      // A duplicate in the batch does not keep the others' keys out.
      expect(
        await store.appendDecisions([decision('ten_a', 'evt_k2'), decision('ten_a', 'evt_k2')], [piiKey('P2', 'k2')]),
      ).toEqual({ duplicates: [1] });
      expect(await store.getPiiKey('ten_a', 'P2', 'k2')).toEqual(piiKey('P2', 'k2'));
      // A key already stored is left as it is when a later batch carries it again.
      await store.appendDecisions([decision('ten_a', 'evt_k3')], [{ ...piiKey('P1', 'k1'), wrapped: 'other' }]);
      expect((await store.getPiiKey('ten_a', 'P1', 'k1'))?.wrapped).toBe('wrapped-P1-k1');
    });

    it("shreds every key of one subject and only that subject's", async () => {
      await store.putPiiKeys([piiKey('P3', 'a'), piiKey('P3', 'b'), piiKey('P4', 'a')]);
      await store.putPiiKeys([piiKey('P3', 'a')]);
      expect((await store.shredPiiSubject('ten_a', 'P3')).sort()).toEqual(['a', 'b']);
      expect(await store.getPiiKey('ten_a', 'P3', 'a')).toBeUndefined();
      expect(await store.getPiiKey('ten_a', 'P3', 'b')).toBeUndefined();
      expect(await store.getPiiKey('ten_a', 'P4', 'a')).toBeDefined();
      expect(await store.shredPiiSubject('ten_a', 'P3')).toEqual([]);
      expect(await store.shredPiiSubject('ten_other', 'P4')).toEqual([]);
    });
  });
}
