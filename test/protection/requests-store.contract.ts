import { describe, expect, it } from 'vitest';
import type { RegisterStore } from '../../src/protection/index.ts';

const rec = (tenantId: string, id: string, over: Record<string, unknown> = {}) => ({
  tenantId,
  kind: 'dsr' as const,
  id,
  state: 'received',
  version: 1,
  openedAt: 1_000,
  doc: { id, subject: 'cust-1', n: 1 },
  ...over,
});
const step = (tenantId: string, id: string, seq: number, action: string) => ({
  tenantId,
  kind: 'dsr' as const,
  recordId: id,
  seq,
  action,
  actorId: 'op-1',
  at: 1_000 + seq,
  dataHash: `h${seq}`,
});

/** One contract for every RegisterStore adapter (SQLite and PostgreSQL). */
export function registerStoreContract(name: string, open: () => Promise<RegisterStore>): void {
  describe(`RegisterStore contract: ${name}`, () => {
    const tenant = () => `t-${Math.random().toString(36).slice(2)}`;

    it('creates, reads, updates by version and keeps the steps in order', async () => {
      const s = await open();
      const t = tenant();
      await s.create(rec(t, 'dsr_1'), step(t, 'dsr_1', 1, 'dsr.received'));
      expect(await s.get(t, 'dsr', 'dsr_1')).toEqual(rec(t, 'dsr_1'));
      expect(await s.get(t, 'incident', 'dsr_1')).toBeUndefined();
      expect(await s.get(tenant(), 'dsr', 'dsr_1')).toBeUndefined();
      await s.update(
        rec(t, 'dsr_1', { state: 'verified', version: 2, doc: { n: 2 } }),
        step(t, 'dsr_1', 2, 'dsr.verified'),
      );
      expect(await s.get(t, 'dsr', 'dsr_1')).toMatchObject({ state: 'verified', version: 2, doc: { n: 2 } });
      // A writer that read version 1 loses: nothing of its write remains.
      await expect(
        s.update(rec(t, 'dsr_1', { state: 'refused', version: 2 }), step(t, 'dsr_1', 2, 'dsr.refused')),
      ).rejects.toThrow(/concurrently/);
      expect((await s.steps(t, 'dsr', 'dsr_1')).map((x) => [x.seq, x.action])).toEqual([
        [1, 'dsr.received'],
        [2, 'dsr.verified'],
      ]);
      await s.close();
    });

    it('lists one kind by id, filtered by state, paged with after', async () => {
      const s = await open();
      const t = tenant();
      for (const id of ['a', 'b', 'c']) await s.create(rec(t, id), step(t, id, 1, 'dsr.received'));
      await s.create(
        { ...rec(t, 'p'), kind: 'plan', state: 'system_outage' },
        { ...step(t, 'p', 1, 'plan.created'), kind: 'plan' },
      );
      await s.update(rec(t, 'b', { state: 'verified', version: 2 }), step(t, 'b', 2, 'dsr.verified'));
      expect((await s.list(t, 'dsr', { limit: 10 })).map((r) => r.id)).toEqual(['a', 'b', 'c']);
      expect((await s.list(t, 'dsr', { state: 'received', limit: 10 })).map((r) => r.id)).toEqual(['a', 'c']);
      expect((await s.list(t, 'dsr', { after: 'a', limit: 1 })).map((r) => r.id)).toEqual(['b']);
      expect((await s.list(t, 'plan', { state: 'system_outage', limit: 10 })).map((r) => r.id)).toEqual(['p']);
      await s.close();
    });

    it('keeps settings per tenant and kind', async () => {
      const s = await open();
      const t = tenant();
      expect(await s.getSettings(t, 'dsr')).toBeUndefined();
      await s.putSettings(t, 'dsr', { defaultPolicy: 'gbt35273' }, { actorId: 'adm', at: 5 });
      await s.putSettings(t, 'dsr', { defaultPolicy: 'app-rules' }, { actorId: 'adm', at: 6 });
      expect(await s.getSettings(t, 'dsr')).toEqual({ defaultPolicy: 'app-rules' });
      expect(await s.getSettings(t, 'incident')).toBeUndefined();
      await s.close();
    });
  });
}
