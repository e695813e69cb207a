import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, partiesFixture, zhang, type PartiesFixture } from '../../test/parties-support.ts';
import { open, seal } from './crypto/aead.ts';
import { loadMasterKey } from './crypto/master-key.ts';
import { PartyService } from './service.ts';
import { fixedClock, systemIds } from '../kernel/index.ts';

let f: PartiesFixture;
beforeAll(async () => {
  f = await partiesFixture();
});
afterAll(async () => {
  await f.close();
});

const pii = [
  '张伟',
  'ZHANG Wei',
  '11010119900102123X',
  '13812345678',
  '138 1234 5678',
  '6222021234567890123',
  '建国路',
  '1990-01-02',
];

describe('C2 encrypted at rest, masked by default', () => {
  it('round-trips a person: masked by default, clear on an audited reveal, nothing clear in the database file', async () => {
    const a = actor('ten_pii');
    const created = await f.service.create(a, zhang);
    expect(created.current.pii).toBe('masked');
    expect(created.current.data).toMatchObject({
      names: [{ full: '张**' }, { full: 'Z**' }],
      phones: ['138****5678'],
      idDocuments: [{ number: '110***********123X' }],
      bankCards: [{ number: '622202*********0123' }],
      nationalities: ['CN'],
    });
    f.audits.length = 0;
    const shown = await f.service.view(a, created.id, { reveal: true });
    expect(shown.current.pii).toBe('clear');
    expect(shown.current.data).toMatchObject({
      names: zhang.names,
      phones: zhang.phones,
      idDocuments: zhang.idDocuments,
      dateOfBirth: '1990-01-02',
    });
    expect(f.audits).toEqual([
      expect.objectContaining({
        action: 'party.reveal',
        actorId: 'usr_admin',
        subjectId: created.id,
        dataHash: created.current.contentHash,
      }),
    ]);

    const audited = JSON.stringify(f.audits);
    const file =
      readFileSync(join(f.dir, 'zhili.db')).toString('utf8') +
      readFileSync(join(f.dir, 'zhili.db-wal')).toString('utf8');
    for (const s of pii) {
      expect(audited).not.toContain(s);
      expect(file).not.toContain(s);
    }
  });

  it('refuses a reveal to a role without it and reveals nothing to an API key', async () => {
    const created = await f.service.create(actor('ten_pii', 'key'), zhang);
    await expect(f.service.view(actor('ten_pii', 'auditor'), created.id, { reveal: true })).rejects.toMatchObject({
      code: 'ZHILI_E_FORBIDDEN',
    });
    await expect(f.service.view(actor('ten_pii', 'key'), created.id, { reveal: true })).rejects.toMatchObject({
      code: 'ZHILI_E_FORBIDDEN',
    });
    expect(
      (await f.service.view(actor('ten_pii', 'auditor'), created.id, { reveal: false })).current.data.phones,
    ).toEqual(['138****5678']);
  });

  it('refuses C3 authentication data', async () => {
    await expect(f.service.create(actor('ten_pii'), { ...zhang, password: 'hunter2' } as never)).rejects.toMatchObject({
      pointer: '/password',
    });
  });

  it('keeps every version, each readable when revealed', async () => {
    const a = actor('ten_pii');
    const p = await f.service.create(a, zhang);
    await f.service.update(a, p.id, { ...zhang, phones: ['13900001111'] }, 1);
    await expect(f.service.update(a, p.id, zhang, 1)).rejects.toMatchObject({ pointer: '/expectedVersion' });
    const vs = await f.service.versions(a, p.id, { reveal: true });
    expect(vs.map((v) => [v.version, v.data.phones])).toEqual([
      [1, zhang.phones],
      [2, ['13900001111']],
    ]);
  });

  it('binds a ciphertext to its place and key (AES-256-GCM with associated data)', () => {
    const k = randomBytes(32);
    const s = seal(k, Buffer.from('张伟'), 'version|t|p|1');
    expect(open(k, s, 'version|t|p|1').toString()).toBe('张伟');
    expect(() => open(k, s, 'version|t|p|2')).toThrow();
    expect(() => open(randomBytes(32), s, 'version|t|p|1')).toThrow();
  });
});

describe('blind index', () => {
  it('finds a party by ID number, phone or card in another spelling, without decrypting', async () => {
    const a = actor('ten_bi');
    const p = await f.service.create(a, zhang);
    expect(await f.service.lookup(a, { idNumber: '110101 19900102 123x' })).toEqual([p.id]);
    expect(await f.service.lookup(a, { phone: '13812345678' })).toEqual([p.id]);
    expect(await f.service.lookup(a, { cardNumber: '6222 0212 3456 7890 123', phone: '138-1234-5678' })).toEqual([
      p.id,
    ]);
    expect(await f.service.lookup(a, { phone: '13800000000' })).toEqual([]);
    expect(await f.service.lookup(actor('ten_other'), { phone: '13812345678' })).toEqual([]);
  });
});

describe('crypto-shredding', () => {
  it('erasing a person destroys their key: C2 unreadable, lookups gone, others untouched, the hash kept', async () => {
    const a = actor('ten_shred');
    const gone = await f.service.create(a, zhang);
    const kept = await f.service.create(a, { ...zhang, externalId: 'cust-002' });
    await f.service.erase(a, gone.id);
    const v = await f.service.view(a, gone.id, { reveal: true });
    expect(v.current.pii).toBe('erased');
    expect(v.current.data.names).toBeUndefined();
    expect(v.current.contentHash).toBe(gone.current.contentHash);
    expect(v.erasedAt).not.toBeNull();
    expect((await f.service.versions(a, gone.id, { reveal: true })).every((x) => x.pii === 'erased')).toBe(true);
    expect(await f.service.lookup(a, { phone: '13812345678' })).toEqual([kept.id]);
    await expect(f.service.update(a, gone.id, zhang)).rejects.toMatchObject({ status: expect.any(Number) });
    expect((await f.service.view(a, kept.id, { reveal: true })).current.data.names).toEqual(zhang.names);
    // The stored party key is gone, not merely hidden.
    expect(await f.store.getSubjectKey('ten_shred', gone.id)).toBeUndefined();
  });

  it('erasing a tenant destroys its data key: every party unreadable, other tenants untouched, new parties get a new key', async () => {
    const a = actor('ten_gone');
    const p = await f.service.create(a, zhang);
    const other = await f.service.create(actor('ten_stays'), zhang);
    await f.service.eraseTenant(a);
    expect((await f.service.view(a, p.id, { reveal: true })).current.pii).toBe('erased');
    expect((await f.service.view(actor('ten_stays'), other.id, { reveal: true })).current.pii).toBe('clear');
    const fresh = await f.service.create(a, zhang);
    expect((await f.service.view(a, fresh.id, { reveal: true })).current.pii).toBe('clear');
    expect((await f.service.view(a, p.id, { reveal: true })).current.pii).toBe('erased');
  });
});

describe('master key', () => {
  it('is generated once into the data directory (0600) and reused', () => {
    const first = loadMasterKey({ dataDir: join(f.dir, 'mk') });
    const again = loadMasterKey({ dataDir: join(f.dir, 'mk') });
    expect(first.source).toBe('generated');
    expect(again).toMatchObject({ source: 'file', id: first.id });
    expect(statSync(join(f.dir, 'mk', 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses to read tenant keys wrapped by another master key', async () => {
    const other = new PartyService({
      store: f.store,
      master: loadMasterKey({ dataDir: f.dir, configured: randomBytes(32).toString('base64') }),
      clock: fixedClock(0),
      ids: systemIds(),
    });
    await expect(other.create(actor('ten_pii'), zhang)).rejects.toThrow(/master key/);
  });
});
