import { describe, expect, it } from 'vitest';
import type { Complaint, ComplaintStore, HistoryEntry } from '../../src/protection/index.ts';

let n = 0;
const complaint = (tenantId: string, over: Partial<Complaint> = {}): Complaint => ({
  tenantId,
  id: `cmp_${++n}`.padEnd(8, '0'),
  customerId: 'cust-1',
  channel: 'portal',
  category: 'B05',
  cause: 'C05',
  links: { productId: 'p-1', eventIds: ['evt-1'], loanIds: [] },
  regulator: 'pboc',
  timeZone: 'Asia/Shanghai',
  receivedAt: Date.UTC(2026, 9, 1, 2),
  complexity: 'normal',
  state: 'received',
  reopened: 0,
  version: 1,
  contentHash: 'h',
  ...over,
});
const entry = (c: Complaint, from: HistoryEntry['from'], action: HistoryEntry['action']): HistoryEntry => ({
  tenantId: c.tenantId,
  complaintId: c.id,
  seq: c.version,
  action,
  actorId: 'op-1',
  from,
  to: c.state,
  at: c.receivedAt + c.version,
  dataHash: `hash-${c.version}`,
});

/** One contract for every ComplaintStore adapter (SQLite and PostgreSQL). */
export function complaintStoreContract(name: string, open: () => Promise<ComplaintStore>): void {
  describe(`ComplaintStore contract: ${name}`, () => {
    const tenant = () => `t-${name.length}-${Math.random().toString(36).slice(2)}`;

    it('creates, reads, lists by state and keeps the history in order', async () => {
      const s = await open();
      const t = tenant();
      const c = complaint(t);
      await s.create(c, entry(c, null, 'file'), { wrappedKey: 'k', sealed: 's' });
      expect(await s.get(t, c.id)).toEqual(c);
      expect(await s.get('other', c.id)).toBeUndefined();
      const next = { ...c, state: 'acknowledged' as const, version: 2 };
      await s.update(next, entry(next, 'received', 'acknowledge'));
      expect((await s.list(t, { state: 'acknowledged', limit: 10 })).map((x) => x.id)).toEqual([c.id]);
      expect(await s.list(t, { state: 'received', limit: 10 })).toEqual([]);
      expect((await s.history(t, c.id)).map((h) => [h.seq, h.action, h.from, h.to])).toEqual([
        [1, 'file', null, 'received'],
        [2, 'acknowledge', 'received', 'acknowledged'],
      ]);
      expect(await s.personal(t, c.id)).toEqual({ wrappedKey: 'k', sealed: 's' });
      await s.close();
    });

    it('refuses a stale update and writes nothing of it', async () => {
      const s = await open();
      const t = tenant();
      const c = complaint(t);
      await s.create(c, entry(c, null, 'file'), undefined);
      const a = { ...c, state: 'acknowledged' as const, version: 2 };
      await s.update(a, entry(a, 'received', 'acknowledge'));
      const b = { ...c, state: 'investigating' as const, version: 2 };
      await expect(s.update(b, entry(b, 'received', 'investigate'))).rejects.toThrow(/concurrently/);
      expect((await s.get(t, c.id))?.state).toBe('acknowledged');
      expect(await s.history(t, c.id)).toHaveLength(2);
      await s.close();
    });

    it('a payout never overdraws the reserve; the refused one leaves no trace', async () => {
      const s = await open();
      const t = tenant();
      const c = complaint(t, { state: 'decision_approved', version: 5 });
      await s.create(c, entry(c, null, 'file'), undefined);
      await s.addMovement({
        tenantId: t,
        id: 'r1',
        kind: 'deposit',
        amountMinor: 100_000,
        currency: 'CNY',
        actorId: 'a',
        at: 1,
      });
      const next = { ...c, state: 'communicated' as const, version: 6 };
      const pay = (id: string, minor: number) => ({
        tenantId: t,
        id,
        kind: 'payout' as const,
        amountMinor: -minor,
        currency: 'CNY',
        complaintId: c.id,
        actorId: 'a',
        at: 2,
      });
      await expect(s.update(next, entry(next, 'decision_approved', 'communicate'), pay('r2', 150_000))).rejects.toThrow(
        /reserve/,
      );
      expect((await s.get(t, c.id))?.version).toBe(5);
      await s.update(next, entry(next, 'decision_approved', 'communicate'), pay('r2', 60_000));
      const ms = await s.movements(t);
      expect(ms.map((m) => [m.kind, m.amountMinor])).toEqual([
        ['deposit', 100_000],
        ['payout', -60_000],
      ]);
      expect(await s.movements(t, { kind: 'payout', fromMs: 2, toMs: 3 })).toHaveLength(1);
      expect(await s.movements(t, { kind: 'payout', fromMs: 3 })).toHaveLength(0);
      await s.close();
    });

    it('shreds personal data, settings round-trip, received-between range', async () => {
      const s = await open();
      const t = tenant();
      const c = complaint(t);
      await s.create(c, entry(c, null, 'file'), { wrappedKey: 'k', sealed: 's' });
      expect(await s.shredPersonal(t, c.id)).toBe(true);
      expect(await s.shredPersonal(t, c.id)).toBe(false);
      expect(await s.personal(t, c.id)).toBeUndefined();
      await s.putSettings({ tenantId: t, doc: { defaultRegulator: 'nfra' }, updatedAt: 5, updatedBy: 'adm' });
      await s.putSettings({ tenantId: t, doc: { defaultRegulator: 'pboc' }, updatedAt: 6, updatedBy: 'adm' });
      expect(await s.getSettings(t)).toEqual({
        tenantId: t,
        doc: { defaultRegulator: 'pboc' },
        updatedAt: 6,
        updatedBy: 'adm',
      });
      expect(await s.receivedBetween(t, c.receivedAt, c.receivedAt + 1)).toHaveLength(1);
      expect(await s.receivedBetween(t, c.receivedAt + 1, c.receivedAt + 2)).toHaveLength(0);
      await s.close();
    });
  });
}
