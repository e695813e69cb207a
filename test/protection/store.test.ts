import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { openPostgresComplaintStore, openSqliteComplaintStore } from '../../src/protection/adapters.ts';
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
