export {
  DecisionEngine,
  compileOrThrow,
  type TenantRuntime,
  type ItemResult,
  type ClusterHooks,
  type EngineDeps,
} from './engine.ts';
export { snapshotKey, SnapshotRejected, type SnapshotWritten } from './snapshot/index.ts';
export type { RestoreStat, SnapshotSource } from './rebuild.ts';
export { monitoringRoutes, MAX_BATCH } from './routes.ts';
export { defaultAdmissionLimits, type AdmissionLimits } from './admission.ts';
export { AdmissionDoor, refuseEarly, UNVERIFIED } from './admission-door.ts';
export { DecisionSchema } from './schemas.ts';
export { isDecision } from './decision-check.ts';
export {
  DecisionCommittedSchema,
  CommittedEventSchema,
  DecisionContractError,
  decisionCommitted,
  type DecisionCommitted,
} from './contracts.ts';
export { commitLogReader, sharedPages, type CommitLogReader } from './commit-log.ts';
export { EventSchema, eventTypes, type EventInput } from './core/event-schema.ts';
export { normalizeEvent, type NormalizedEvent } from './core/normalize.ts';
export { compileRuleSet, type CompileResult } from './core/rules/compile.ts';
export type { CompiledRuleSet, RuleSetDiagnostic, Outcome } from './core/rules/compiled.ts';
export { decide, type Decision, type Reason, type Obligation } from './core/rules/decide.ts';
export { FeatureState } from './core/features/state.ts';
export { RuleSetSchema, type RuleSetSpec } from './core/rules/schema.ts';
export {
  defaultRuleSetDocument,
  fxTableData,
  builtInRuleSets,
  builtInRuleSetDocument,
  isBuiltInRuleSet,
  type BuiltInRuleSet,
} from './packs/load.ts';
export { registerBacktestCommand, runBacktest, type BacktestReport } from './backtest/index.ts';
export { registerSimulateCommand } from './simulate/index.ts';
export { iso20022Routes, IsoIntakeMemory, type IsoIntake, type IsoIntakeLimits } from './iso20022/index.ts';
export type { PartyScreener } from './screen-parties.ts';
export type { PartyScreening, ScreeningInput } from './core/screening-input.ts';
export type { CreditInput, CreditExternalInput, CreditReasonInput, CreditPort } from './core/credit-input.ts';
/** The inline-SVG chart helper of every HTML report (backtest, credit). */
export { barChart, columnChart, esc, histogram, linePlot, rocChart, chartColor } from './backtest/svg.ts';
export type { SuitabilityInput, SuitabilityPort } from './core/suitability-input.ts';
export type { DecisionCredit } from './core/rules/decide.ts';
