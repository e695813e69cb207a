import { join } from 'node:path';
import type { Store } from './port.ts';
import { openPostgresStore } from './postgres/pg-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';

/**
 * Chooses the adapter from configuration: `postgres://…` selects PostgreSQL (the cluster), anything
 * else is the embedded SQLite file in the data directory.
 */
export function openStore(opts: { databaseUrl?: string | undefined; dataDir: string }): Store {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const schema = new URL(url).searchParams.get('schema') ?? 'zhili';
    return openPostgresStore(url, { schema });
  }
  return openSqliteStore(url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(opts.dataDir, 'zhili.db'));
}
