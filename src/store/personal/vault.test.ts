import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../sqlite/sqlite-store.ts';
import type { DecisionRecord } from '../records.ts';
import { defaultPersonalAttributes, maskPersonal, mergePersonal, splitPersonal } from './fields.ts';
import { sealingStore } from './sealing-store.ts';
import { PersonalDataVault } from './vault.ts';

const event = {
  id: 'evt_1',
  type: 'transfer',
  occurredAt: '2026-11-30T10:00:00+08:00',
  amount: { value: '60000.00', currency: 'CNY' },
  debtor: { partyId: 'C-1', partyType: 'person', name: '张伟', country: 'CN' },
  creditor: { partyId: 'M-9', partyType: 'organization', name: 'Acme Trading Ltd', isCustomer: false },
  device: { id: 'dev-1', ip: '203.0.113.7' },
  attributes: { idNumber: '110101199003071234', phone: '13800138000', channelCode: 'APP' },
};

const record = (e: unknown, eventId = 'evt_1'): DecisionRecord => ({
  tenantId: 'ten_a',
  eventId,
  type: 'transfer',
  occurredAt: 1,
  bodyHash: 'h',
  event: e,
  decision: { outcome: 'allow' },
  outcome: 'allow',
  ruleSetVersion: 'v1',
  decidedAt: 1,
});

async function setup(now = () => 1_000) {
  const file = join(mkdtempSync(join(tmpdir(), 'zhili-pii-')), 'zhili.db');
  const inner = openSqliteStore(file);
  await inner.migrate();
  const vault = new PersonalDataVault(inner, {
    master: { id: 'kek1', key: randomBytes(32) },
    personalAttributes: defaultPersonalAttributes,
    now,
  });
  return { file, inner, vault, store: sealingStore(inner, vault) };
}

describe('personal fields of events', () => {
  const personal = new Set(defaultPersonalAttributes);

  it("groups names by their party and the device and declared attributes under the event's customer", () => {
    const { rest, parts } = splitPersonal(event, personal);
    expect(Object.fromEntries(parts)).toEqual({
      'C-1': {
        'debtor.name': '张伟',
        'device.ip': '203.0.113.7',
        'attributes.idNumber': '110101199003071234',
        'attributes.phone': '13800138000',
      },
      'M-9': { 'creditor.name': 'Acme Trading Ltd' },
    });
    expect(JSON.stringify(rest)).not.toMatch(/张伟|Acme|1101011990|13800138000|203\.0\.113/);
    expect((rest as typeof event).attributes).toEqual({ channelCode: 'APP' });
  });

  it('puts every field back where it was (property)', () => {
    const party = fc.record({
      partyId: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
      partyType: fc.constant('person'),
      name: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
      isCustomer: fc.option(fc.boolean(), { nil: undefined }),
    });
    const ev = fc.record({
      id: fc.constant('e'),
      debtor: fc.option(party, { nil: undefined }),
      creditor: fc.option(party, { nil: undefined }),
      attributes: fc.option(
        fc.dictionary(fc.constantFrom('idNumber', 'phone', 'note', 'score'), fc.oneof(fc.string(), fc.integer())),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(ev, (raw) => {
        const e = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
        const { rest, parts } = splitPersonal(e, personal);
        const all = Object.assign({}, ...parts.values()) as Record<string, unknown>;
        const back = mergePersonal(rest as Record<string, unknown>, all);
        // Empty objects left behind when every attribute was personal are equal to the original's shape.
        expect(JSON.parse(JSON.stringify(back))).toEqual(e);
      }),
    );
  });

  it("gives a debtor's and a creditor's own attributes to that party", () => {
    const { parts } = splitPersonal(
      { ...event, attributes: { debtorIdNumber: 'D1', creditorName: 'Acme', creditorIdNumber: 'C1' } },
      personal,
    );
    expect(parts.get('C-1')).toMatchObject({ 'attributes.debtorIdNumber': 'D1' });
    expect(parts.get('M-9')).toMatchObject({ 'attributes.creditorName': 'Acme', 'attributes.creditorIdNumber': 'C1' });
  });

  it('masks personal values and leaves the rest', () => {
    const m = maskPersonal(event, personal) as typeof event;
    expect(m.debtor.name).toBe('张*');
    expect(m.attributes.idNumber).toBe('1********');
    expect(m.attributes.channelCode).toBe('APP');
    expect(m.amount).toEqual(event.amount);
  });
});

describe('PersonalDataVault over SQLite', () => {
  it('stores ciphertext only and gives readers the event as received', async () => {
    const { file, store } = await setup();
    await store.appendDecisions([record(event)]);
    const raw = new Database(file, { readonly: true });
    const row = raw.prepare('SELECT event FROM decisions').get() as { event: string };
    const keys = raw.prepare('SELECT COUNT(*) AS n FROM pii_keys').get() as { n: number };
    raw.close();
    expect(row.event).not.toMatch(/张伟|Acme|110101199003071234|13800138000|203\.0\.113/);
    expect(row.event).toContain('_personal');
    expect(keys.n).toBe(2);
    expect((await store.getDecision('ten_a', 'evt_1'))?.event).toEqual(event);
    expect((await store.scanDecisions(0, 10))[0]?.event).toEqual(event);
    await store.close();
  });

  it("shreds one subject's fields in every event and keeps the rest readable and schema-shaped", async () => {
    const { store, vault } = await setup();
    await store.appendDecisions([record(event, 'evt_1'), record({ ...event, id: 'evt_2' }, 'evt_2')]);
    expect(await vault.shred('ten_a', 'C-1')).toEqual({ eventKeys: 1, reports: 0, packages: 0 });
    for (const id of ['evt_1', 'evt_2']) {
      const e = (await store.getDecision('ten_a', id))?.event as typeof event;
      expect(e.debtor).toEqual({ partyId: 'C-1', partyType: 'person', country: 'CN' });
      expect(e.attributes).toEqual({ channelCode: 'APP' });
      expect(e.device).toEqual({ id: 'dev-1' });
      expect(e.creditor.name).toBe('Acme Trading Ltd');
      expect(JSON.stringify(e)).not.toContain('_personal');
    }
    // New events of the subject get a new key and are readable.
    await store.appendDecisions([record({ ...event, id: 'evt_3' }, 'evt_3')]);
    expect(((await store.getDecision('ten_a', 'evt_3'))?.event as typeof event).debtor.name).toBe('张伟');
    await store.close();
  });

  it('stores the keys a batch needs when the batch also holds a duplicate id', async () => {
    const { store } = await setup();
    await store.appendDecisions([record(event, 'evt_1')]);
    // The duplicate is reported, not fatal: the batch in which C-2's key is made still stores it.
    const other = { ...event, id: 'evt_x', debtor: { ...event.debtor, partyId: 'C-2' } };
    expect(await store.appendDecisions([record(other, 'evt_x'), record(other, 'evt_1')])).toEqual({ duplicates: [1] });
    expect(((await store.getDecision('ten_a', 'evt_x'))?.event as typeof event).debtor.name).toBe('张伟');
    await store.close();
  });

  it('makes a fresh key when the old one has lived its time', async () => {
    let t = 1_000;
    const { file, store } = await setup(() => t);
    await store.appendDecisions([record(event, 'evt_1')]);
    t += 11 * 60_000;
    await store.appendDecisions([record({ ...event, id: 'evt_2' }, 'evt_2')]);
    const raw = new Database(file, { readonly: true });
    const n = raw.prepare("SELECT COUNT(*) AS n FROM pii_keys WHERE subject = 'C-1'").get() as { n: number };
    raw.close();
    expect(n.n).toBe(2);
    expect(((await store.getDecision('ten_a', 'evt_1'))?.event as typeof event).debtor.name).toBe('张伟');
    await store.close();
  });
});

describe('a stored event whose sealed parts are malformed', () => {
  it('fails where it is opened, naming the event, instead of passing on a wrong shape', async () => {
    const { vault } = await setup();
    const stored = { ...record({ id: 'evt_x', _personal: [{ s: 'C-1', k: 7 }] }, 'evt_x'), seq: 1 };
    await expect(vault.open(stored)).rejects.toThrow(/evt_x.*malformed sealed part/);
  });
});
