import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../store.contract.ts';
import { openSqliteStore } from './sqlite-store.ts';

storeContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'zhili-store-')), 'zhili.db'));
  await store.migrate();
  return store;
});
