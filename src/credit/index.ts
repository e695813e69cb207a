export { registerCreditCommands } from './cli.ts';
export { trainScorecard, type Table, type TrainInput, type TrainResult, type TrainStep } from './core/train.ts';
export { scoreApplicant, type ReasonCode, type ScoreResult } from './core/score.ts';
export { ScorecardSchema, checkScorecard, type Scorecard } from './core/scorecard.ts';
export { TrainConfigSchema, settingsFrom, defaultSettings, type TrainSettings } from './core/settings.ts';
export { auc, ks, figures, type Figures } from './core/metrics.ts';
export {
  irr,
  annualisedCost,
  repaymentSchedule,
  loanCashFlows,
  type CashFlow,
  type AnnualisedCost,
  type LoanTerms,
  type Instalment,
  type RepaymentMethod,
} from './core/apr.ts';
export { creditRoutes } from './routes.ts';
export {
  CreditTrainingJobs,
  inProcessRunner,
  type TrainRunner,
  type TrainingJob,
  type TrainingRequest,
  type CreditTrainingOptions,
} from './service.ts';
export { ScoreBodySchema, ScoreResponseSchema, TrainBodySchema, TrainingJobSchema } from './schemas.ts';
export { checkAnnualisedCost, type CostCheck, type CostFinding } from './core/cost-check.ts';
export {
  loanStateAt,
  rollRates,
  vintages,
  bucketOf,
  monthEnd,
  type Loan,
  type Repayment,
  type Instalment as ScheduledInstalment,
  type LoanState,
  type Bucket,
  type RollRates,
  type Vintage,
} from './core/loan-book.ts';
export { psi, stabilityOf, type StabilityReport } from './core/stability.ts';
export {
  weeklyStability,
  isoWeekOf,
  defaultStabilityLevels,
  type StabilityLevels,
  type WeekStability,
  type ScoredApplication,
} from './core/monitoring.ts';
export { CreditMonitor, type MonitoringReport } from './monitor.ts';
export { registerMonitorCommand, formatMonitoring } from './cli-monitor.ts';
export { monitoringHtml } from './monitor-html.ts';
export { creditModule, type CreditModule } from './module.ts';
export { ScorecardLifecycle, type CreditActor } from './lifecycle.ts';
export { LoanBookMemory, addMonthsDay, type BookReport } from './book.ts';
export { borrowerOf } from './decision-port.ts';
export { LiveScorecards } from './live.ts';
export { loanFromAttributes, type ParsedLoan } from './core/loan-terms.ts';
export { lprOn, oneYearLpr, withLprChanges, type LprTable } from './core/lpr.ts';
export { ScoreLimitsSchema, type ScoreLimits } from './core/scorecard.ts';
export type { CreditStore, StoredScorecard, ScorecardStatus } from './store.ts';
