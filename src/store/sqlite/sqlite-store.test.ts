import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitLogContract } from '../commit-log.contract.ts';
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

// Two connections on one file (the CLI beside a server): SQLite has one writer at a time, so rowid
// order is commit order and the same reader contract holds.
commitLogContract('SQLite, two connections on one file', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'zhili-store-')), 'zhili.db');
  const a = openSqliteStore(file);
  await a.migrate();
  const b = openSqliteStore(file, { writerThread: false });
  await b.migrate();
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
    },
  };
});
