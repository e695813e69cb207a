/** The cases module's storage adapters, for the composition root (`src/runtime/`) and adapter tests only. */
export { sqlCaseStore, openSqliteCaseStore, openPostgresCaseStore } from './storage/sql-store.ts';
export type { CaseStore } from './storage/port.ts';
export { sealingReports, type ReportSealing } from './storage/sealing-reports.ts';
