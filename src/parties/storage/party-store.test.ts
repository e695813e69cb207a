import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../../test/support/services.ts';
import { partyStoreContract } from './party-store.contract.ts';
import { openPostgresPartyStore, openSqlitePartyStore } from './sql-store.ts';

partyStoreContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqlitePartyStore(join(mkdtempSync(join(tmpdir(), 'zhili-parties-')), 'zhili.db'));
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_parties');
if (available) {
  partyStoreContract('PostgreSQL', async () => {
    const store = openPostgresPartyStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('PartyStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
