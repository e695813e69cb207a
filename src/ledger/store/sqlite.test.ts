import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerStoreContract } from './ledger-store.contract.ts';
import { openSqliteLedgerStore } from './sqlite.ts';

ledgerStoreContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqliteLedgerStore(join(mkdtempSync(join(tmpdir(), 'zhili-ledger-')), 'zhili.db'));
  await store.migrate();
  return store;
});
