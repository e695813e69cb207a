/** The parties module's adapters, for the composition root (`src/runtime/`) and adapter tests only. */
export { sqlPartyStore, openSqlitePartyStore, openPostgresPartyStore } from './storage/sql-store.ts';
export { loadMasterKey } from './crypto/master-key.ts';
export type { PartyStore } from './storage/port.ts';
