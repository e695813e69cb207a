/** The multi-lending stores, for the composition root (`zhili hub` commands) and adapter tests only. */
import { join } from 'node:path';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import type { SqlDriver } from '../../store/index.ts';
import { sqlKeyHolderStore, sqlRegistryStore } from './sql-store.ts';
import type { KeyHolderStore, RegistryStore } from './store.ts';

export { sqlKeyHolderStore, sqlRegistryStore };

/**
 * Each role on its own database: PostgreSQL when `databaseUrl` is postgres://… (schema from `?schema=`,
 * default `zhili_ml_key_holder` / `zhili_ml_registry`), else `<dir>/key-holder.db` / `<dir>/registry.db`.
 * Give the two roles different URLs (or different machines) in production: sharing one database puts
 * both halves of the secret in one place.
 */
function open(role: 'key_holder' | 'registry', loc: { dir: string; databaseUrl?: string | undefined }): SqlDriver {
  const url = loc.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const schema = new URL(url).searchParams.get('schema') ?? `zhili_ml_${role}`;
    return postgresDriver(url, schema, 4);
  }
  return sqliteDriver(join(loc.dir, role === 'key_holder' ? 'key-holder.db' : 'registry.db'));
}

export async function openKeyHolderStore(loc: {
  dir: string;
  databaseUrl?: string | undefined;
}): Promise<{ store: KeyHolderStore; driver: SqlDriver }> {
  const driver = open('key_holder', loc);
  const store = sqlKeyHolderStore(driver);
  await store.migrate();
  return { store, driver };
}

export async function openRegistryStore(loc: {
  dir: string;
  databaseUrl?: string | undefined;
}): Promise<{ store: RegistryStore; driver: SqlDriver }> {
  const driver = open('registry', loc);
  const store = sqlRegistryStore(driver);
  await store.migrate();
  return { store, driver };
}
