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

// The in-process path (no writer thread: background thread, CLI, in-memory) keeps the same contract.
storeContract('SQLite in-process (no writer thread)', async () => {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'zhili-store-')), 'zhili.db'), { writerThread: false });
  await store.migrate();
  return store;
});

storeContract('SQLite in memory', async () => {
  const store = openSqliteStore(':memory:');
  await store.migrate();
  return store;
});
