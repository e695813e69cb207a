/** The portal's adapters, for the composition root (`src/runtime/`) and adapter tests only. */
import type { PortalOutbox, PortalStore } from './storage/port.ts';
import { openPostgresPortalStore, openSqlitePortalStore } from './storage/sql-store.ts';

export { sqlPortalStore, openSqlitePortalStore, openPostgresPortalStore } from './storage/sql-store.ts';
export type { PortalStore } from './storage/port.ts';

/**
 * The store of consumer sign-in codes and sessions on the configured database, on a connection of its
 * own: the SQLite file or the PostgreSQL schema (`?schema=`, default `zhili`) the ledger's tables are
 * in, so its audit rows go to the ledger's outbox in the step's own transaction.
 */
export function openPortalStore(
  loc: { databaseUrl?: string | undefined; sqliteFile: string },
  outbox: PortalOutbox,
): PortalStore {
  if (loc.databaseUrl && /^postgres(ql)?:\/\//.test(loc.databaseUrl)) {
    const schema = new URL(loc.databaseUrl).searchParams.get('schema') ?? 'zhili';
    return openPostgresPortalStore(loc.databaseUrl, { schema, outbox });
  }
  return openSqlitePortalStore(loc.sqliteFile, { outbox });
}
