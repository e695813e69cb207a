import { describe, expect, it } from 'vitest';
import {
  operatingFigures,
  toDocument,
  hashOf,
  type Disclosure,
  type DisclosureStore,
} from '../../src/disclosure/index.ts';

let n = 0;
const doc = (tenantId: string, period: string, version: number) =>
  toDocument(
    operatingFigures({
      period,
      firstDay: 0,
      lastDay: 1,
      loans: [],
      repayments: [],
      payouts: [],
      complaints: { received: 0, resolved: 0, byCategory: {} },
    }),
    { tenantId, asOf: `${period}-28`, version },
  );
const version = (tenantId: string, period: string, v = 1, over: Partial<Disclosure> = {}): Disclosure => {
  const d = doc(tenantId, period, v);
  return {
    tenantId,
    id: `dsc_${++n}`,
    period,
    version: v,
    state: 'draft',
    doc: d,
    hash: hashOf(d),
    computedBy: 'maker',
    computedAt: 1,
    rev: 1,
    ...over,
  };
};
const next = (d: Disclosure, over: Partial<Disclosure>): Disclosure => ({ ...d, ...over, rev: d.rev + 1 });

/** One contract for every DisclosureStore adapter (SQLite and PostgreSQL). */
export function disclosureStoreContract(name: string, open: () => Promise<DisclosureStore>): void {
  describe(`DisclosureStore contract: ${name}`, () => {
    const tenant = () => `t-${Math.random().toString(36).slice(2)}`;

    it('stores, reads back exactly, lists newest first and only published ones when asked', async () => {
      const s = await open();
      const t = tenant();
      const a = version(t, '2026-09');
      await s.insert(a);
      expect((await s.get(t, a.id))?.disclosure).toEqual(a);
      const pub = next(a, { state: 'published', publishedBy: 'p', publishedAt: 5 });
      await s.update(pub);
      const b = version(t, '2026-10');
      await s.insert(b);
      expect((await s.list(t)).map((d) => d.id)).toEqual([b.id, a.id]);
      expect((await s.list(t, { publishedOnly: true })).map((d) => d.id)).toEqual([a.id]);
      expect((await s.list(t, { period: '2026-10' })).map((d) => d.id)).toEqual([b.id]);
      expect(await s.list(tenant())).toEqual([]);
      expect(await s.get(tenant(), a.id)).toBeUndefined();
    });

    it('one version of a period in progress at a time; a discarded one frees its number', async () => {
      const s = await open();
      const t = tenant();
      const a = version(t, '2026-10');
      await s.insert(a);
      await expect(s.insert(version(t, '2026-10'))).rejects.toThrow(/in progress/);
      await s.update(next(a, { state: 'discarded' }));
      const b = version(t, '2026-10');
      await s.insert(b);
      expect((await s.get(t, b.id))?.disclosure.version).toBe(1);
    });

    it('refuses a stale revision and any change to a published version', async () => {
      const s = await open();
      const t = tenant();
      const a = version(t, '2026-10');
      await s.insert(a);
      const sub = next(a, { state: 'submitted' });
      await s.update(sub);
      await expect(s.update(next(a, { state: 'discarded' }))).rejects.toMatchObject({ published: false });
      const pub = next(sub, { state: 'published' });
      await s.update(pub);
      const edited = next(pub, { doc: { ...pub.doc, tenantId: 'x' } });
      await expect(s.update(edited)).rejects.toMatchObject({ published: true });
      expect((await s.get(t, a.id))?.disclosure).toEqual(pub);
    });

    it('records the ledger index of a published version once', async () => {
      const s = await open();
      const t = tenant();
      const a = version(t, '2026-10');
      await s.insert(a);
      await s.setLedgerIndex(t, a.id, 3);
      expect((await s.get(t, a.id))?.ledgerIndex).toBeUndefined(); // not published yet
      await s.update(next(a, { state: 'published' }));
      await s.setLedgerIndex(t, a.id, 7);
      await s.setLedgerIndex(t, a.id, 9);
      expect((await s.get(t, a.id))?.ledgerIndex).toBe(7);
    });

    it('keeps one related-party entry per party, changed in place, per tenant', async () => {
      const s = await open();
      const t = tenant();
      const entry = {
        tenantId: t,
        partyId: 'p1',
        relation: 'shareholder',
        sinceDay: 20_000,
        updatedBy: 'u',
        updatedAt: 1,
      };
      await s.putRelatedParty(entry);
      await s.putRelatedParty({ ...entry, partyId: 'p0', sinceDay: 20_500 });
      expect(await s.relatedParties(t)).toEqual([entry, { ...entry, partyId: 'p0', sinceDay: 20_500 }]);
      const ended = { ...entry, untilDay: 20_100, updatedBy: 'v', updatedAt: 2 };
      await s.putRelatedParty(ended);
      expect((await s.relatedParties(t))[0]).toEqual(ended);
      expect(await s.relatedParties(tenant())).toEqual([]);
    });
  });
}
