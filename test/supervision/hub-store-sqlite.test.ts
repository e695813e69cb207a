import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHubStore } from '../../src/supervision/adapters.ts';
import { hubStoreContract } from './hub-store.contract.ts';

hubStoreContract('SQLite', async () => {
  const store = openHubStore({ hubDir: mkdtempSync(join(tmpdir(), 'zhili-hub-store-')) });
  await store.migrate();
  return store;
});
