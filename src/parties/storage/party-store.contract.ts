import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredHit, StoredParty, StoredRating, StoredVersion } from '../core/types.ts';
import { PartyStaleError, type PartyStore } from './port.ts';

let n = 0;
const uid = (p: string): string => `${p}_${process.pid}_${String(++n).padStart(5, '0')}`;

const head = (over: Partial<StoredParty> = {}): StoredParty => ({
  tenantId: 'ten_a',
  id: uid('pty'),
  kind: 'organisation',
  version: 1,
  externalId: 'cust-1',
  riskLevel: null,
  createdAt: 1_000,
  updatedAt: 1_000,
  erasedAt: null,
  ...over,
});
const version = (p: StoredParty, over: Partial<StoredVersion> = {}): StoredVersion => ({
  tenantId: p.tenantId,
  partyId: p.id,
  version: p.version,
  clear: { kind: p.kind, nationalities: ['CN'], occupation: '职员' },
  sealed: 'v1.aaa.bbb.ccc',
  contentHash: 'h'.repeat(64),
  screenKey: 'sk1',
  actor: 'usr_1',
  createdAt: 1_000,
  ...over,
});
const key = (p: StoredParty) => ({ tenantId: p.tenantId, partyId: p.id, wrapped: 'wrapped', createdAt: 1_000 });
const hit = (p: StoredParty, over: Partial<StoredHit> = {}): StoredHit => ({
  tenantId: p.tenantId,
  id: uid('phit'),
  partyId: p.id,
  partyVersion: 1,
  screenKey: 'sk1',
  listId: 'ofac-sdn',
  entryId: '123',
  entryFp: 'fp1',
  matchedName: 'XI, Jinping',
  score: 0.93,
  recommendation: 'block',
  sanctions: true,
  listVersions: ['ofac-sdn@abc'],
  sealed: 'v1.x.y.z',
  status: 'open',
  decidedBy: null,
  decidedAt: null,
  reason: null,
  firstSeenAt: 2_000,
  lastScreenedAt: 2_000,
  ...over,
});

/** The behaviour every PartyStore adapter must show. */
export function partyStoreContract(name: string, make: () => Promise<PartyStore>): void {
  describe(`PartyStore contract: ${name}`, () => {
    let s: PartyStore;
    beforeAll(async () => {
      s = await make();
    });
    afterAll(async () => {
      await s.close();
    });

    it('keeps the first tenant key written', async () => {
      const t = uid('ten');
      const first = await s.putTenantKey({ tenantId: t, wrapped: 'one', kekId: 'k', createdAt: 1 });
      const second = await s.putTenantKey({ tenantId: t, wrapped: 'two', kekId: 'k', createdAt: 2 });
      expect(first.wrapped).toBe('one');
      expect(second.wrapped).toBe('one');
      expect((await s.getTenantKey(t))?.wrapped).toBe('one');
    });

    it('creates a party with its version, key and tokens, and finds it by token', async () => {
      const p = head();
      await s.createParty(p, version(p), key(p), [{ kind: 'id', token: `tok-${p.id}` }]);
      expect(await s.getParty(p.tenantId, p.id)).toEqual(p);
      expect(await s.getVersion(p.tenantId, p.id, 1)).toEqual(version(p));
      expect((await s.getSubjectKey(p.tenantId, p.id))?.wrapped).toBe('wrapped');
      expect(await s.findByToken(p.tenantId, { kind: 'id', token: `tok-${p.id}` })).toEqual([p.id]);
      expect(await s.findByToken('ten_other', { kind: 'id', token: `tok-${p.id}` })).toEqual([]);
    });

    it("lists a tenant's parties by id, page by page", async () => {
      const t = uid('ten');
      const ps = [head({ tenantId: t }), head({ tenantId: t }), head({ tenantId: t })];
      for (const p of ps) await s.createParty(p, version(p), key(p), []);
      const first = await s.listParties(t, { limit: 2 });
      expect(first.map((p) => p.id)).toEqual(ps.slice(0, 2).map((p) => p.id));
      expect((await s.listParties(t, { after: first[1]!.id, limit: 2 })).map((p) => p.id)).toEqual([ps[2]!.id]);
    });

    it('appends versions with compare-and-set, keeps every one, and replaces tokens and owner refs', async () => {
      const owner = head({ kind: 'person' });
      await s.createParty(owner, version(owner), key(owner), []);
      const p = head();
      await s.createParty(p, version(p), key(p), [{ kind: 'phone', token: `old-${p.id}` }]);
      const v2 = version(
        { ...p, version: 2 },
        { clear: { kind: 'organisation', owners: [{ partyId: owner.id, role: 'owner', percent: 60 }] } },
      );
      await s.updateParty({ ...p, version: 2, updatedAt: 2_000 }, v2, [{ kind: 'phone', token: `new-${p.id}` }]);
      await expect(s.updateParty({ ...p, version: 2 }, v2, [])).rejects.toBeInstanceOf(PartyStaleError);
      expect((await s.listVersions(p.tenantId, p.id)).map((v) => v.version)).toEqual([1, 2]);
      expect((await s.getParty(p.tenantId, p.id))?.version).toBe(2);
      expect(await s.findByToken(p.tenantId, { kind: 'phone', token: `old-${p.id}` })).toEqual([]);
      expect(await s.findByToken(p.tenantId, { kind: 'phone', token: `new-${p.id}` })).toEqual([p.id]);
      expect(await s.ownedBy(p.tenantId, owner.id)).toEqual([p.id]);
    });

    it('stores a hit once per (party, entry, screen key, entry fingerprint) and keeps its decision', async () => {
      const p = head();
      await s.createParty(p, version(p), key(p), []);
      const [h1] = await s.upsertHits([hit(p)]);
      const decided = await s.decideHit(p.tenantId, h1!.id, {
        status: 'false_positive',
        by: 'usr_2',
        at: 3_000,
        reason: 'different DOB',
      });
      expect(decided).toMatchObject({
        status: 'false_positive',
        decidedBy: 'usr_2',
        decidedAt: 3_000,
        reason: 'different DOB',
      });
      await expect(
        s.decideHit(p.tenantId, h1!.id, { status: 'confirmed', by: 'x', at: 4_000, reason: 'r' }),
      ).rejects.toBeInstanceOf(PartyStaleError);
      // The same hit screened again: no new row, still decided, last screen refreshed.
      const [again] = await s.upsertHits([hit(p, { lastScreenedAt: 5_000, listVersions: ['ofac-sdn@def'] })]);
      expect(again).toMatchObject({
        id: h1!.id,
        status: 'false_positive',
        lastScreenedAt: 5_000,
        listVersions: ['ofac-sdn@def'],
      });
      // The party changed (another screen key): a new open hit.
      const [changed] = await s.upsertHits([hit(p, { screenKey: 'sk2' })]);
      expect(changed!.id).not.toBe(h1!.id);
      expect(changed!.status).toBe('open');
      expect((await s.listHits(p.tenantId, p.id)).length).toBe(2);
      expect((await s.listHits(p.tenantId, p.id, 'sk2')).map((h) => h.id)).toEqual([changed!.id]);
    });

    it('keeps screens and answers the newest', async () => {
      const p = head();
      const sc = (id: string, at: number) => ({
        tenantId: p.tenantId,
        id,
        partyId: p.id,
        partyVersion: 1,
        listVersions: ['un-sc@1'],
        hitIds: [id + '-h'],
        at,
      });
      expect(await s.latestScreen(p.tenantId, p.id)).toBeUndefined();
      await s.addScreen(sc('pscr_1', 5));
      await s.addScreen(sc('pscr_3', 9));
      await s.addScreen(sc('pscr_2', 9));
      expect(await s.latestScreen(p.tenantId, p.id)).toEqual(sc('pscr_3', 9));
    });

    it('keeps ratings in order and the current level on the party', async () => {
      const p = head();
      await s.createParty(p, version(p), key(p), []);
      const r = (at: number, level: StoredRating['level']): StoredRating => ({
        tenantId: p.tenantId,
        id: uid('prat'),
        partyId: p.id,
        partyVersion: 1,
        level,
        points: 25,
        reasons: [{ factor: 'country', points: 25, en: 'e', zh: '中' }],
        countryList: 'fatf-2025-06',
        trigger: 'create',
        listVersions: ['un-sc@1'],
        at,
      });
      await s.addRating(r(1, 'medium'));
      await s.addRating(r(2, 'prohibited'));
      expect((await s.ratings(p.tenantId, p.id)).map((x) => x.level)).toEqual(['medium', 'prohibited']);
      expect((await s.ratings(p.tenantId, p.id))[0]?.reasons[0]?.zh).toBe('中');
      expect((await s.getParty(p.tenantId, p.id))?.riskLevel).toBe('prohibited');
    });

    it('erases a party: key and tokens gone, marked erased, versions kept', async () => {
      const p = head();
      await s.createParty(p, version(p), key(p), [{ kind: 'id', token: `e-${p.id}` }]);
      await s.eraseParty(p.tenantId, p.id, 9_000);
      expect(await s.getSubjectKey(p.tenantId, p.id)).toBeUndefined();
      expect(await s.findByToken(p.tenantId, { kind: 'id', token: `e-${p.id}` })).toEqual([]);
      expect((await s.getParty(p.tenantId, p.id))?.erasedAt).toBe(9_000);
      expect(await s.listVersions(p.tenantId, p.id)).toHaveLength(1);
      await expect(s.updateParty({ ...p, version: 2 }, version({ ...p, version: 2 }), [])).rejects.toBeInstanceOf(
        PartyStaleError,
      );
    });

    it('erases a tenant: its data key and every party key gone, other tenants untouched', async () => {
      const t = uid('ten');
      await s.putTenantKey({ tenantId: t, wrapped: 'w', kekId: 'k', createdAt: 1 });
      const p = head({ tenantId: t });
      await s.createParty(p, version(p), key(p), []);
      const other = head();
      await s.createParty(other, version(other), key(other), []);
      await s.eraseTenant(t, 7_000);
      expect(await s.getTenantKey(t)).toBeUndefined();
      expect(await s.getSubjectKey(t, p.id)).toBeUndefined();
      expect((await s.getParty(t, p.id))?.erasedAt).toBe(7_000);
      expect(await s.getSubjectKey(other.tenantId, other.id)).toBeDefined();
    });
  });
}
