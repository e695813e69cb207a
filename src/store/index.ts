export type { Store } from './port.ts';
export {
  roles,
  type Role,
  type TenantRecord,
  type ApiKeyRecord,
  type UserRecord,
  type SessionRecord,
  type DecisionRecord,
  type StoredDecision,
  type RuleSetRecord,
  type RuleSetStatus,
  type RuleSetEventRecord,
  type RuleSetTransition,
  ruleSetStatuses,
} from './records.ts';
export { openStore } from './open.ts';
export { openSqliteStore } from './sqlite/sqlite-store.ts';
export { openPostgresStore } from './postgres/pg-store.ts';
export {
  sqliteDriver,
  postgresDriver,
  isUniqueViolation,
  type SqlDriver,
  type SqlExec,
  type Row,
} from './sql-driver.ts';
