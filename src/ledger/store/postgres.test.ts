import { afterAll, describe } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../../test/support/services.ts';
import { ledgerStoreContract } from './ledger-store.contract.ts';
import { openPostgresLedgerStore } from './postgres.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_ledger');

if (available) {
  ledgerStoreContract('PostgreSQL', async () => {
    const store = openPostgresLedgerStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('LedgerStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
