import { describe, expect, it } from 'vitest';
import type { PortalStore } from '../../src/portal/adapters.ts';

const T = () => `t-${Math.random().toString(36).slice(2)}`;
const code = (tenantId: string, codeHash: string, customerId: string, expiresAt = 10_000) => ({
  tenantId,
  codeHash,
  customerId,
  issuedBy: 'op',
  issuedAt: 1_000,
  expiresAt,
});
const sess = (tokenHash: string, now = 2_000) => ({
  tokenHash,
  createdAt: now,
  lastSeenAt: now,
  expiresAt: now + 5_000,
});

/** One contract for every PortalStore adapter (SQLite and PostgreSQL). */
export function portalStoreContract(name: string, open: () => Promise<PortalStore>): void {
  describe(`PortalStore contract: ${name}`, () => {
    it('a code signs in once, before it expires, for its own tenant only', async () => {
      const s = await open();
      const t = T();
      await s.addCode(code(t, 'h1', 'cust-1'));
      expect(await s.redeem(T(), 'h1', 2_000, sess('other'), () => [])).toBeUndefined(); // another tenant
      const started = await s.redeem(t, 'h1', 2_000, sess('tok-1'), () => []);
      expect(started).toEqual({ ...sess('tok-1'), tenantId: t, customerId: 'cust-1' });
      expect(await s.redeem(t, 'h1', 2_001, sess('tok-2'), () => [])).toBeUndefined(); // used
      await s.addCode(code(t, 'h2', 'cust-2', 3_000));
      expect(await s.redeem(t, 'h2', 3_000, sess('tok-3'), () => [])).toBeUndefined(); // expired
      expect(await s.redeem(t, 'nope', 2_000, sess('tok-4'), () => [])).toBeUndefined(); // unknown
      for (const tok of ['other', 'tok-2', 'tok-3', 'tok-4']) expect(await s.session(tok)).toBeUndefined();
      expect(await s.session('tok-1')).toEqual(started);
      await s.close();
    });

    it('concurrent uses of one code start one session', async () => {
      const s = await open();
      const t = T();
      await s.addCode(code(t, 'race', 'cust-r'));
      const tries = await Promise.all(
        [1, 2, 3, 4].map((i) => s.redeem(t, 'race', 2_000, sess(`race-${t}-${i}`), () => [])),
      );
      expect(tries.filter((x) => x !== undefined)).toHaveLength(1);
      await s.close();
    });

    it("a new code replaces the customer's unused one; sessions are touched, ended and purged", async () => {
      const s = await open();
      const t = T();
      await s.addCode(code(t, 'old', 'cust-3'));
      await s.addCode(code(t, 'new', 'cust-3'));
      expect(await s.redeem(t, 'old', 2_000, sess(`x-${t}`), () => [])).toBeUndefined();
      expect(await s.redeem(t, 'new', 2_000, sess(`s-${t}`), () => [])).toBeDefined();
      await s.touch(`s-${t}`, 2_500);
      await s.touch(`s-${t}`, 2_400); // never back in time
      expect((await s.session(`s-${t}`))!.lastSeenAt).toBe(2_500);
      expect(await s.end(`s-${t}`)).toBe(true);
      expect(await s.end(`s-${t}`)).toBe(false);
      expect(await s.session(`s-${t}`)).toBeUndefined();

      await s.addCode(code(t, 'p', 'cust-4'));
      expect(await s.redeem(t, 'p', 2_000, sess(`p-${t}`), () => [])).toBeDefined();
      expect(await s.purge(2_000 + 1_000, 10_000)).toBeGreaterThanOrEqual(0);
      expect(await s.session(`p-${t}`)).toBeDefined(); // neither idle nor past its end
      await s.purge(2_000 + 5_000, 10_000);
      expect(await s.session(`p-${t}`)).toBeUndefined(); // past its absolute end
      await s.close();
    });
  });
}
