import { afterAll, describe } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../../test/support/services.ts';
import { storeContract } from '../store.contract.ts';
import { openPostgresStore } from './pg-store.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_store');

if (available) {
  storeContract('PostgreSQL', async () => {
    const store = openPostgresStore(pgUrl, { schema });
    await store.migrate();
    await store.migrate(); // migrations are idempotent
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('Store contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
