import { join } from 'node:path';
import type { PartyStore } from './port.ts';
import { openPostgresPartyStore, openSqlitePartyStore } from './sql-store.ts';

/** The party tables next to the main store's: the same PostgreSQL schema, or the same SQLite file. */
export function openPartyStore(opts: { databaseUrl?: string | undefined; dataDir: string }): PartyStore {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return openPostgresPartyStore(url, { schema: new URL(url).searchParams.get('schema') ?? 'zhili' });
  }
  return openSqlitePartyStore(
    url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(opts.dataDir, 'zhili.db'),
  );
}
