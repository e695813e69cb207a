/**
 * The store module's adapters, for the composition root (`src/runtime/`) and adapter tests only:
 * everything else receives a `Store` and never chooses one.
 */
export { openSqliteStore } from './sqlite/sqlite-store.ts';
export { openPostgresStore } from './postgres/pg-store.ts';
export {
  sqliteDriver,
  postgresDriver,
  postgresDriverOn,
  postgresPool,
  MIGRATION_LOCK,
  migrateOnce,
} from './sql-driver.ts';
export type { Store } from './port.ts';
export { WriteTurns } from './sqlite/write-turns.ts';
export { sqlWindowSnapshots } from './window-snapshots.ts';
export { PersonalDataVault, sealingStore, type VaultOptions } from './personal/index.ts';
