export type { Store, AppendResult, AppendOptions, TxExecutor } from './port.ts';
export {
  roles,
  type Role,
  type TenantRecord,
  type ApiKeyRecord,
  type UserRecord,
  type SessionRecord,
  type DecisionRecord,
  type StoredDecision,
  type PiiKeyRecord,
  type OutboxRow,
  type RuleSetRecord,
  type RuleSetStatus,
  type RuleSetEventRecord,
  type RuleSetTransition,
  ruleSetStatuses,
} from './records.ts';
export { isUniqueViolation, type SqlDriver, type SqlExec, type Row } from './sql-driver.ts';
export { rowOf, RowShapeError, type RowReader } from './row-decode.ts';
export type { WindowSnapshotRecord, WindowSnapshotStore } from './window-snapshots.ts';
export { defaultPersonalAttributes, maskPersonal } from './personal/fields.ts';
