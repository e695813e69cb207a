/**
 * Supervision module: the hub a regulator runs beside the platforms — the platform registry with
 * four-eyes status changes, a C2SP witness of the platforms' ledgers, and alerts. Public face; the
 * pure core is in ./core, the SQL store is given in by the composition root (./adapters.ts).
 */
export { platformStatuses, allowedNext, checkTransition, checkDecision, type PlatformStatus } from './core/status.ts';
export { formatAddCheckpoint, parseAddCheckpoint, type AddCheckpointRequest } from './core/add-checkpoint.ts';
export { judgeCheckpoint, originOf, type AcceptedCheckpoint, type WitnessOutcome } from './core/witness.ts';
export { staleWitnesses, type WitnessActivity, type Stale } from './core/staleness.ts';
export {
  alertState,
  checkAlertAction,
  needsSecondSupervisor,
  type AlertHandling,
  type AlertState,
} from './core/alert-handling.ts';
export { HubAlerts, type AlertView } from './alerts-service.ts';
export type {
  HubStore,
  HubAlert,
  HandledAlert,
  PlatformRecord,
  StatusChange,
  SupervisorRecord,
  WitnessedCheckpoint,
} from './store/port.ts';
export { Supervisors, type Supervisor } from './supervisors.ts';
export { Registry, type NewPlatform } from './registry.ts';
export { Witness, type AddCheckpointAnswer } from './witness-service.ts';
export { platformAuth, platformAuthenticator, platformOf, rawBodyOf } from './http-platform-auth.ts';
export { buildHub, type Hub, type HubDeps, type HubPluginContext } from './server.ts';
// The hub's own audit ledger (its actions in a Merkle tree with signed checkpoints).
export {
  backfillHubLedger,
  hubLedgerService,
  hubLedgerSource,
  verifyHubLedger,
  type HubLedgerOptions,
} from './hub-ledger.ts';
export { hubLedgerRoutes } from './routes-ledger.ts';
export { hubAuditInput, HUB_TENANT, type HubActionRow } from './core/audit-entry.ts';
export { loadHubConfig, hubConfigEnv, HubConfigSchema, type HubConfig } from './config.ts';
// Filings and indicators, the dashboard's flags, exit plans, sign-in throttling.
export {
  earlyWarnings,
  daysAfterPeriod,
  defaultThresholds,
  ThresholdsSchema,
  type Flag,
  type PlatformIndicators,
  type Thresholds,
} from './core/flags.ts';
export { updateExitPlan, exitReady, type ExitPlan, type ExitData, type ExitItem } from './core/exit-plan.ts';
export { lockFor, lockedFor, defaultThrottle, type ThrottlePolicy, type ThrottleState } from './core/login-throttle.ts';
export { checkDisclosure, type DisclosureCopy, type DisclosureVerdict } from './core/disclosure-check.ts';
export { FilingsClient, FilingsRefusedError } from './filings/client.ts';
export {
  FilingsAnswerSchema,
  FilingsBodySchema,
  type FilingsBody,
  type FilingsAnswer,
  type HubDisclosure,
} from './filings/schemas.ts';
// The private multi-lending check (./lending): its registry is served by the hub.
export {
  ExternalCreditCache,
  MultiLendingClient,
  multiLendingRoutes,
  normaliseIdNumber as normaliseResidentId,
  QueryResponseSchema as LendingTotalsSchema,
  Registry as LendingRegistry,
} from './lending/index.ts';
