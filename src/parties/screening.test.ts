import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, listVersion, partiesFixture, xiEntry, zhang, type PartiesFixture } from '../../test/parties-support.ts';
import type { PartyActor } from './permissions.ts';

let f: PartiesFixture;
beforeAll(async () => {
  f = await partiesFixture();
});
afterAll(async () => {
  await f.close();
});

const xi = {
  kind: 'person' as const,
  names: [{ full: '习近平' }],
  dateOfBirth: '1953-06-15',
  nationalities: ['CN'],
  phones: ['13900000001'],
};

describe('screening on create and update', () => {
  it('screens every name, stores hits with the list versions, and rates from them', async () => {
    const a = actor('ten_scr');
    const p = await f.service.create(a, xi);
    expect(p.screening.listVersions).toEqual(['ofac-sdn@aaaaaaaaaaaa']);
    expect(p.screening.hits).toEqual([
      expect.objectContaining({
        listId: 'ofac-sdn',
        entryId: '100',
        status: 'open',
        recommendation: 'block',
        sanctions: true,
        listVersions: ['ofac-sdn@aaaaaaaaaaaa'],
      }),
    ]);
    expect(p.screening.hits[0]!.detail).toBeUndefined();
    expect(p.rating).toMatchObject({ level: 'high', trigger: 'create' });
    expect(p.rating!.reasons.map((r) => r.factor)).toContain('list_hit');
    const clean = await f.service.create(a, zhang);
    expect(clean.screening.hits).toEqual([]);
    expect(clean.rating!.level).toBe('low');
    // Revealed hits carry the matcher's explanation.
    const revealed = await f.service.hits(a, p.id, { reveal: true });
    expect(revealed[0]!.detail?.parts.map((x) => x.method)).toContain('pinyin');
  });

  it('a false positive stays suppressed on later screens until the party or the entry changes', async () => {
    const a = actor('ten_fp');
    const p = await f.service.create(a, xi);
    const hitId = p.screening.hits[0]!.id;
    const decided = await f.service.decideHit(a, hitId, 'false_positive', 'born elsewhere, other ID');
    expect(decided.hit.status).toBe('false_positive');
    expect(decided.party.rating).toMatchObject({ level: 'low', trigger: 'hit_false_positive' });
    expect(decided.party.screening.openHits).toBe(0);
    await expect(f.service.decideHit(a, hitId, 'confirmed', 'again')).rejects.toMatchObject({
      code: 'ZHILI_E_CONFLICT',
    });

    // A change that screening does not read (phone): the same hit, still suppressed.
    const phone = await f.service.update(a, p.id, { ...xi, phones: ['13900000002'] });
    expect(phone.screening.hits.map((h) => [h.id, h.status])).toEqual([[hitId, 'false_positive']]);
    expect(phone.rating!.level).toBe('low');

    // The list entry changes (a new alias): a new open hit.
    f.screening.put(listVersion('ofac-sdn', 'bbbbbbbbbbbb'), [
      xiEntry({
        names: [
          { full: 'XI, Jinping', kind: 'primary', weak: false },
          { full: 'XI Jin-ping', kind: 'aka', weak: false },
        ],
        dobs: [{ year: 1953 }],
      }),
    ]);
    const entryChanged = await f.service.update(a, p.id, { ...xi, phones: ['13900000003'] });
    expect(entryChanged.screening.listVersions).toEqual(['ofac-sdn@bbbbbbbbbbbb']);
    expect(entryChanged.screening.hits.map((h) => h.status)).toEqual(['open']);
    expect(entryChanged.screening.hits[0]!.id).not.toBe(hitId);
    f.screening.put(listVersion('ofac-sdn'), [xiEntry()]);

    // Back to the first entry: the earlier decision holds again; a changed party name re-opens.
    const back = await f.service.update(a, p.id, { ...xi, phones: ['13900000004'] });
    expect(back.screening.hits.map((h) => [h.id, h.status])).toEqual([[hitId, 'false_positive']]);
    const renamed = await f.service.update(a, p.id, {
      ...xi,
      names: [...xi.names, { full: 'Xi Jinping', kind: 'aka' }],
    });
    expect(renamed.screening.hits.map((h) => h.status)).toEqual(['open']);
    expect((await f.service.hits(a, p.id, { reveal: false })).length).toBe(3);
  });

  it('a confirmed sanctions hit makes the party prohibited, with four eyes', async () => {
    const a = actor('ten_conf');
    const p = await f.service.create(a, xi);
    const hitId = p.screening.hits[0]!.id;
    // A blocking true match: the first reviewer only requests the confirmation; the party stays as rated.
    const asked = await f.service.decideHit(a, hitId, 'confirmed', 'same person');
    expect(asked.hit).toMatchObject({ status: 'confirm_requested', decidedBy: a.actorId });
    expect(asked.party.rating).toMatchObject({ level: 'high' });
    await expect(f.service.decideHit(a, hitId, 'confirmed', 'again')).rejects.toMatchObject({
      code: 'ZHILI_E_FOUR_EYES',
    });
    const analyst = {
      ...a,
      actorId: 'usr_analyst2',
      permissions: a.permissions.filter((x) => x !== 'parties:approve'),
    };
    await expect(f.service.decideHit(analyst, hitId, 'confirmed', 'me too')).rejects.toMatchObject({
      code: 'ZHILI_E_FOUR_EYES',
    });
    const approver = {
      tenantId: a.tenantId,
      actorId: 'usr_approver',
      permissions: ['parties:read', 'parties:review', 'parties:approve'] as PartyActor['permissions'],
    };
    const d = await f.service.decideHit(approver, hitId, 'confirmed', 'same person, checked');
    expect(d.hit).toMatchObject({ status: 'confirmed', decidedBy: 'usr_approver' });
    expect(d.party.rating).toMatchObject({ level: 'prohibited', trigger: 'hit_confirmed' });
    expect(d.party.rating!.reasons[0]).toMatchObject({ factor: 'sanctions_hit', floor: 'prohibited' });
    expect((await f.service.ratings(a, p.id)).map((r) => r.level)).toEqual(['high', 'prohibited']);
  });
});

describe('re-screening after a list reload', () => {
  it('raises only new hits and keeps decisions on the old ones', async () => {
    const a = actor('ten_rescreen');
    const p = await f.service.create(a, xi);
    await f.service.decideHit(a, p.screening.hits[0]!.id, 'false_positive', 'different person');
    await f.service.create(a, zhang);
    f.screening.put(listVersion('un-sc', 'cccccccccccc'), [xiEntry({ id: 'CNi.001', listId: 'un-sc' })]);
    const r = await f.service.rescreenTenant(a);
    expect(r).toEqual({ parties: 2, newHits: 1 });
    const after = await f.service.view(a, p.id, { reveal: false });
    expect(after.screening.hits.map((h) => [h.listId, h.status]).sort()).toEqual([
      ['ofac-sdn', 'false_positive'],
      ['un-sc', 'open'],
    ]);
    expect(after.rating).toMatchObject({ trigger: 'rescreen', level: 'high' });
    expect((await f.service.rescreenTenant(a)).newHits).toBe(0);
  });
});

describe('organisations and ownership', () => {
  it('rates layers of corporate owners and a missing beneficial owner, and re-rates owners above a change', async () => {
    const a = actor('ten_org');
    const org = (names: string, owners: { partyId: string; role: 'owner' | 'controller'; percent?: number }[]) => ({
      kind: 'organisation' as const,
      names: [{ full: names }],
      nationalities: ['CN'],
      owners,
    });
    const shell = await f.service.create(a, org('Shell Holdings Ltd', []));
    expect(shell.rating!.reasons.map((r) => r.factor)).toEqual(['missing_beneficial_owner']);
    const top = await f.service.create(
      a,
      org('Top Holdings Ltd', [{ partyId: shell.id, role: 'owner', percent: 100 }]),
    );
    const opco = await f.service.create(
      a,
      org('杭州某某支付有限公司', [{ partyId: top.id, role: 'owner', percent: 80 }]),
    );
    expect(opco.rating!.reasons.map((r) => r.factor).sort()).toEqual(['missing_beneficial_owner', 'ownership_layers']);

    // A natural person now owns the shell: everything above it is re-rated.
    const person = await f.service.create(a, zhang);
    await f.service.update(
      a,
      shell.id,
      org('Shell Holdings Ltd', [{ partyId: person.id, role: 'owner', percent: 100 }]),
    );
    const after = await f.service.view(a, opco.id, { reveal: false });
    expect(after.rating).toMatchObject({ trigger: 'owner_changed' });
    expect(after.rating!.reasons.map((r) => r.factor)).toEqual(['ownership_layers']);
    expect(after.rating!.reasons[0]!.en).toContain('3 layers');
  });

  it('refuses owners that do not exist, owners of persons and self-ownership', async () => {
    const a = actor('ten_org');
    const o0 = await f.service.create(a, zhang);
    await expect(
      f.service.create(a, {
        kind: 'organisation',
        names: [{ full: 'X Ltd' }],
        owners: [{ partyId: 'pty_nope', role: 'owner' }],
      }),
    ).rejects.toMatchObject({ pointer: '/owners/0/partyId' });
    await expect(
      f.service.create(a, {
        kind: 'organisation',
        names: [{ full: 'Z Ltd' }],
        owners: [
          { partyId: o0.id, role: 'owner', percent: 60 },
          { partyId: o0.id, role: 'owner', percent: 50 },
        ],
      }),
    ).rejects.toMatchObject({ pointer: '/owners' });
    await expect(
      f.service.create(a, { ...zhang, owners: [{ partyId: 'pty_nope', role: 'owner' }] }),
    ).rejects.toMatchObject({ pointer: '/owners' });
    const o = await f.service.create(a, { kind: 'organisation', names: [{ full: 'Y Ltd' }] });
    await expect(
      f.service.update(a, o.id, {
        kind: 'organisation',
        names: [{ full: 'Y Ltd' }],
        owners: [{ partyId: o.id, role: 'owner' }],
      }),
    ).rejects.toMatchObject({ pointer: '/owners/0/partyId' });
  });
});
