/** The suitability adapters, for the composition root (`src/runtime/`) and adapter tests only. */
export { sqlSuitabilityStore, openSqliteSuitabilityStore, openPostgresSuitabilityStore } from './storage/sql-store.ts';
export type { SuitabilityStore } from './storage/port.ts';
