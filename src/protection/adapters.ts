/** The protection module's adapters, for the composition root (`src/runtime/`) and adapter tests only. */
export { sqlComplaintStore, openSqliteComplaintStore, openPostgresComplaintStore } from './storage/sql-store.ts';
export type { ComplaintStore } from './storage/port.ts';
export {
  sqlRegisterStore,
  openSqliteRegisterStore,
  openPostgresRegisterStore,
  platformSubjectSources,
  type RegisterStore,
} from './requests/adapters.ts';
export {
  sqlSuitabilityStore,
  openSqliteSuitabilityStore,
  openPostgresSuitabilityStore,
  type SuitabilityStore,
} from './suitability/adapters.ts';
