import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openPostgresSuitabilityStore,
  openSqliteSuitabilityStore,
  sqlSuitabilityStore,
} from '../../src/protection/suitability/adapters.ts';
import { sqliteDriver } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { suitabilityStoreContract } from './suitability-store.contract.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-suitability-')), 'zhili.db');
suitabilityStoreContract('SQLite', async () => {
  const store = openSqliteSuitabilityStore(file);
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_suitability');
if (available) {
  suitabilityStoreContract('PostgreSQL', async () => {
    const store = openPostgresSuitabilityStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('SuitabilityStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}

describe('SuitabilityStore with an audit outbox', () => {
  it('queues the audit entry in the write; a refused write queues none', async () => {
    const d = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-suitability-outbox-')), 'zhili.db'));
    await d.exec('CREATE TABLE test_outbox (action TEXT NOT NULL)');
    const store = sqlSuitabilityStore(d, {
      outbox: (x, e) => x.run('INSERT INTO test_outbox (action) VALUES (?)', [e.action]).then(() => undefined),
    });
    await store.migrate();
    expect(store.auditsInTransaction).toBe(true);
    const audit = (action: string) => [{ tenantId: 't', action, actorId: 'op', at: 1 }];
    const r = {
      tenantId: 't',
      customerId: 'c',
      state: 'proposed' as const,
      basis: 'b',
      proposedBy: 'op',
      proposedAt: 1,
      until: 2,
      version: 1,
    };
    await store.putProfessional(r, audit('suitability.professional.propose'));
    await expect(store.putProfessional(r, audit('suitability.professional.stale'))).rejects.toThrow();
    expect((await d.all('SELECT action FROM test_outbox')).map((x) => x.action)).toEqual([
      'suitability.professional.propose',
    ]);
    await d.close();
  });
});
