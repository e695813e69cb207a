/** The ledger module's storage adapters, for the composition root (`src/runtime/`) and adapter tests only. */
export { openSqliteLedgerStore } from './store/sqlite.ts';
export { openPostgresLedgerStore } from './store/postgres.ts';
export type { LedgerStore } from './store/port.ts';
export { ownerOnlyDir, ownerOnlyFile } from './files.ts';
export { sqlCosignatureStore, type CosignatureStore } from './witness-store.ts';
export { WitnessClient, WitnessRefusedError, type WitnessClientOptions } from './witness-client.ts';
