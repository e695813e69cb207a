import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresRegisterStore, openSqliteRegisterStore, sqlRegisterStore } from '../../src/protection/adapters.ts';
import { toZhiliError } from '../../src/http/errors.ts';
import { postgresDriver, sqliteDriver } from '../../src/store/adapters.ts';
import { RowShapeError, type SqlDriver } from '../../src/store/index.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { registerStoreContract } from './requests-store.contract.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-register-')), 'zhili.db');
registerStoreContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqliteRegisterStore(file);
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_register');
if (available) {
  registerStoreContract('PostgreSQL', async () => {
    const store = openPostgresRegisterStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('RegisterStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}

describe('RegisterStore with an audit outbox', () => {
  it('queues the audit entry in the write; a stale write queues none', async () => {
    const d = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-register-outbox-')), 'zhili.db'));
    await d.exec('CREATE TABLE test_outbox (action TEXT NOT NULL)');
    const store = sqlRegisterStore(d, {
      outbox: (x, e) => x.run('INSERT INTO test_outbox (action) VALUES (?)', [e.action]).then(() => undefined),
    });
    await store.migrate();
    expect(store.auditsInTransaction).toBe(true);
    const audit = (action: string) => [{ tenantId: 't', action, actorId: 'op', at: 1 }];
    const r = {
      tenantId: 't',
      kind: 'incident' as const,
      id: 'inc_1',
      state: 'open',
      version: 1,
      openedAt: 1,
      doc: {},
    };
    const s = {
      tenantId: 't',
      kind: 'incident' as const,
      recordId: 'inc_1',
      seq: 1,
      action: 'x',
      actorId: 'op',
      at: 1,
      dataHash: 'h',
    };
    await store.create(r, s, audit('incident.opened'));
    await expect(store.update({ ...r, version: 5 }, { ...s, seq: 5 }, audit('incident.stale'))).rejects.toThrow();
    expect((await d.all('SELECT action FROM test_outbox')).map((x) => x.action)).toEqual(['incident.opened']);
    await d.close();
  });
});

/**
 * A register row edited in the database to a wrong shape is refused where it is read. The store checks
 * the columns and that the document is JSON; each kind's schema is checked by its service on every read
 * (test/protection/requests-api.test.ts and incidents-api.test.ts edit a stored document to prove it).
 */
function refusesEditedRows(name: string, driver: () => SqlDriver): void {
  describe(`RegisterStore on ${name}: a stored row of the wrong shape`, () => {
    it('is refused on read (get, list, steps, settings), not passed on', async () => {
      const d = driver();
      const store = sqlRegisterStore(d);
      await store.migrate();
      const t = `t-shape-${Math.random().toString(36).slice(2)}`;
      const r = { tenantId: t, kind: 'dsr' as const, id: 'dsr_1', state: 'received', version: 1, openedAt: 1, doc: {} };
      const step = { tenantId: t, kind: 'dsr' as const, recordId: 'dsr_1', seq: 1, action: 'x', actorId: 'op', at: 1 };
      await store.create(r, { ...step, dataHash: 'h' });
      await store.putSettings(t, 'dsr', {}, { actorId: 'op', at: 1 });
      expect(await store.get(t, 'dsr', 'dsr_1')).toEqual(r);

      await d.run('UPDATE protection_register SET doc = ? WHERE tenant_id = ?', ['{"id": "dsr_1", ', t]);
      await expect(store.get(t, 'dsr', 'dsr_1')).rejects.toThrow(RowShapeError);
      await expect(store.get(t, 'dsr', 'dsr_1')).rejects.toThrow(/protection_register\.doc: expected JSON text/);
      await expect(store.list(t, 'dsr', { limit: 10 })).rejects.toThrow(/protection_register\.doc/);
      await d.run("UPDATE protection_register_steps SET kind = 'rumour' WHERE tenant_id = ?", [t]);
      await expect(store.steps(t, 'rumour' as 'dsr', 'dsr_1')).rejects.toThrow(/protection_register_steps\.kind/);
      await d.run("UPDATE protection_register_settings SET doc = 'policies:' WHERE tenant_id = ?", [t]);
      await expect(store.getSettings(t, 'dsr')).rejects.toThrow(
        /protection_register_settings\.doc: expected JSON text/,
      );

      const e = await store.get(t, 'dsr', 'dsr_1').catch((x: unknown) => x);
      const z = toZhiliError(e);
      expect([z.code, z.status, z.cause]).toEqual(['ZHILI_E_INTERNAL', 500, e]);
      await store.close();
    });
  });
}

refusesEditedRows('SQLite', () => sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-register-shape-')), 'zhili.db')));
if (available) {
  const shapeSchema = uniqueSchema('zhili_register_shape');
  refusesEditedRows('PostgreSQL', () => postgresDriver(pgUrl, shapeSchema, 2));
  afterAll(async () => {
    await dropSchema(shapeSchema);
  });
}
