import { join } from 'node:path';
import type { LedgerStore } from './port.ts';
import { openPostgresLedgerStore } from './postgres.ts';
import { openSqliteLedgerStore } from './sqlite.ts';

/** The ledger tables next to the main store's: same PostgreSQL schema, or the same SQLite file. */
export function openLedgerStore(opts: { databaseUrl?: string | undefined; dataDir: string }): LedgerStore {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return openPostgresLedgerStore(url, { schema: new URL(url).searchParams.get('schema') ?? 'zhili' });
  }
  return openSqliteLedgerStore(
    url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(opts.dataDir, 'zhili.db'),
  );
}
