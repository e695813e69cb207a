import { afterAll, describe } from 'vitest';
import { openHubStore } from '../../src/supervision/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { hubStoreContract } from './hub-store.contract.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_hub');

if (available) {
  hubStoreContract('PostgreSQL', async () => {
    const url = new URL(pgUrl);
    url.searchParams.set('schema', schema);
    const store = openHubStore({ hubDir: '/nonexistent', databaseUrl: url.toString() });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('HubStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
