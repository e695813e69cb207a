/** Adapters of the rights and incidents registers, for the composition root and adapter tests only. */
export { sqlRegisterStore, openSqliteRegisterStore, openPostgresRegisterStore } from '../storage/register-sql-store.ts';
export { platformSubjectSources } from './subject-sources.ts';
export type { RegisterStore } from '../storage/register-port.ts';
