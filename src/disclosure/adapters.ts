/** The disclosure module's adapters, for the composition root (`src/runtime/`), the CLI and adapter tests only. */
import type { DisclosureOutbox, DisclosureStore } from './storage/port.ts';
import { openPostgresDisclosureStore, openSqliteDisclosureStore } from './storage/sql-store.ts';

export { sqlDisclosureStore, openSqliteDisclosureStore, openPostgresDisclosureStore } from './storage/sql-store.ts';

/**
 * The store on the configured database, on a connection of its own: the SQLite file or the PostgreSQL
 * schema (`?schema=`, default `zhili`) the ledger's tables are in, so its audit rows go to the ledger's
 * outbox in the step's own transaction.
 */
export function openDisclosureStore(
  loc: { databaseUrl?: string | undefined; sqliteFile: string },
  outbox: DisclosureOutbox,
): DisclosureStore {
  if (loc.databaseUrl && /^postgres(ql)?:\/\//.test(loc.databaseUrl)) {
    const schema = new URL(loc.databaseUrl).searchParams.get('schema') ?? 'zhili';
    return openPostgresDisclosureStore(loc.databaseUrl, { schema, outbox });
  }
  return openSqliteDisclosureStore(loc.sqliteFile, { outbox });
}
