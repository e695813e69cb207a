import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresRegisterStore, openSqliteRegisterStore, sqlRegisterStore } from '../../src/protection/adapters.ts';
import { sqliteDriver } from '../../src/store/adapters.ts';
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
