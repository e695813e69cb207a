import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openPostgresComplaintStore,
  openSqliteComplaintStore,
  sqlComplaintStore,
} from '../../src/protection/adapters.ts';
import { toZhiliError } from '../../src/http/errors.ts';
import { postgresDriver, sqliteDriver } from '../../src/store/adapters.ts';
import { RowShapeError, type SqlDriver } from '../../src/store/index.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { complaintStoreContract } from './store.contract.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-complaints-')), 'zhili.db');
complaintStoreContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqliteComplaintStore(file);
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_complaints');
if (available) {
  complaintStoreContract('PostgreSQL', async () => {
    const store = openPostgresComplaintStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('ComplaintStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}

describe('ComplaintStore with an audit outbox', () => {
  it('queues the audit entry in the write; a refused write queues none', async () => {
    const d = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-complaints-outbox-')), 'zhili.db'));
    await d.exec('CREATE TABLE test_outbox (action TEXT NOT NULL)');
    const store = sqlComplaintStore(d, {
      outbox: (x, e) => x.run('INSERT INTO test_outbox (action) VALUES (?)', [e.action]).then(() => undefined),
    });
    await store.migrate();
    expect(store.auditsInTransaction).toBe(true);
    const audit = (action: string) => [{ tenantId: 't', action, actorId: 'op', at: 1 }];
    const c = {
      tenantId: 't',
      id: 'cmp_1',
      customerId: 'c',
      channel: 'api' as const,
      category: 'B05',
      cause: 'C05',
      links: { eventIds: [], loanIds: [] },
      regulator: 'pboc',
      timeZone: 'Asia/Shanghai',
      receivedAt: 1,
      complexity: 'normal' as const,
      state: 'decision_approved' as const,
      reopened: 0,
      version: 1,
      contentHash: '',
    };
    const h = {
      tenantId: 't',
      complaintId: 'cmp_1',
      seq: 1,
      action: 'file' as const,
      actorId: 'op',
      from: null,
      to: c.state,
      at: 1,
      dataHash: 'x',
    };
    await store.create(c, h, undefined, audit('complaint.filed'));
    const next = { ...c, state: 'communicated' as const, version: 2 };
    const payout = {
      tenantId: 't',
      id: 'r1',
      kind: 'payout' as const,
      amountMinor: -100,
      currency: 'CNY',
      actorId: 'op',
      at: 2,
    };
    await expect(
      store.update(next, { ...h, seq: 2, to: next.state }, payout, audit('complaint.communicate')),
    ).rejects.toThrow();
    await expect(
      store.update({ ...c, version: 5 }, { ...h, seq: 5 }, undefined, audit('complaint.stale')),
    ).rejects.toThrow();
    expect((await d.all('SELECT action FROM test_outbox')).map((r) => r.action)).toEqual(['complaint.filed']);
    await d.close();
  });
});

/** A row edited in the database to a wrong shape is refused where it is read, naming table and column. */
function refusesEditedRows(name: string, driver: () => SqlDriver): void {
  describe(`ComplaintStore on ${name}: a stored row of the wrong shape`, () => {
    it('is refused on read (get, list, received-between, history, reserve, settings), not passed on', async () => {
      const d = driver();
      const store = sqlComplaintStore(d);
      await store.migrate();
      const t = `t-shape-${Math.random().toString(36).slice(2)}`;
      const c = { ...complaintFixture, tenantId: t };
      await store.create(c, { ...historyFixture, tenantId: t }, undefined);
      await store.addMovement({ ...depositFixture, tenantId: t });
      await store.putSettings({ tenantId: t, doc: { defaultRegulator: 'nfra' }, updatedAt: 1, updatedBy: 'op' });
      expect(await store.get(t, c.id)).toEqual(c);

      // A complaint whose state is not one of ours and whose links are gone.
      const bad = { ...c, state: 'lost', links: undefined };
      await d.run('UPDATE complaint_complaints SET doc = ? WHERE tenant_id = ?', [JSON.stringify(bad), t]);
      const shape = /complaint_complaints\.doc: expected JSON matching Complaint/;
      await expect(store.get(t, c.id)).rejects.toThrow(RowShapeError);
      await expect(store.get(t, c.id)).rejects.toThrow(shape);
      await expect(store.list(t, { limit: 10 })).rejects.toThrow(shape);
      await expect(store.receivedBetween(t, 0, Number.MAX_SAFE_INTEGER)).rejects.toThrow(shape);
      await d.run('UPDATE complaint_complaints SET doc = ? WHERE tenant_id = ?', ['{not json', t]);
      await expect(store.get(t, c.id)).rejects.toThrow(/complaint_complaints\.doc: expected JSON text/);

      await d.run("UPDATE complaint_history SET action = 'vanish' WHERE tenant_id = ?", [t]);
      await expect(store.history(t, c.id)).rejects.toThrow(/complaint_history\.action/);
      await d.run("UPDATE complaint_reserve SET kind = 'gift' WHERE tenant_id = ?", [t]);
      await expect(store.movements(t)).rejects.toThrow(/complaint_reserve\.kind/);
      await d.run('UPDATE complaint_settings SET doc = ? WHERE tenant_id = ?', ['{"fourEyes":{"thresholds":7}}', t]);
      await expect(store.getSettings(t)).rejects.toThrow(/complaint_settings\.doc: expected JSON matching/);

      // Over HTTP such an error is an internal error carrying the shape error as its cause.
      const e = await store.get(t, c.id).catch((x: unknown) => x);
      const z = toZhiliError(e);
      expect([z.code, z.status, z.cause]).toEqual(['ZHILI_E_INTERNAL', 500, e]);
      await store.close();
    });
  });
}

const complaintFixture = {
  tenantId: 't',
  id: 'cmp_shape',
  customerId: 'c',
  channel: 'api' as const,
  category: 'B05',
  cause: 'C05',
  links: { eventIds: [], loanIds: [] },
  regulator: 'pboc',
  timeZone: 'Asia/Shanghai',
  receivedAt: 1,
  complexity: 'normal' as const,
  state: 'received' as const,
  reopened: 0,
  version: 1,
  contentHash: 'h',
};
const historyFixture = {
  tenantId: 't',
  complaintId: 'cmp_shape',
  seq: 1,
  action: 'file' as const,
  actorId: 'op',
  from: null,
  to: 'received' as const,
  at: 1,
  dataHash: 'x',
};
const depositFixture = {
  tenantId: 't',
  id: 'res_shape',
  kind: 'deposit' as const,
  amountMinor: 100,
  currency: 'CNY',
  actorId: 'op',
  at: 1,
};

refusesEditedRows('SQLite', () =>
  sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-complaints-shape-')), 'zhili.db')),
);
if (available) {
  const shapeSchema = uniqueSchema('zhili_complaints_shape');
  refusesEditedRows('PostgreSQL', () => postgresDriver(pgUrl, shapeSchema, 2));
  afterAll(async () => {
    await dropSchema(shapeSchema);
  });
}
