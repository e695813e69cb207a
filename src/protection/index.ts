/** Consumer protection: complaints on statutory clocks (PBOC/NFRA), four eyes, the risk reserve, statistics. */
export { createProtection, type ProtectionModule } from './module.ts';
export { protectionRoutes, type ProtectionRoutesOptions } from './routes.ts';
export { ComplaintService, type FileInput } from './service.ts';
export { ComplaintReports } from './reports.ts';
export { registerComplaintCommands, type ComplaintCliDeps } from './cli.ts';
export { complaintActor, complaintGrants, type ComplaintActor, type ComplaintPermission } from './permissions.ts';
export { shippedClassification } from './classification-table.ts';
export { applyAction, actionsIn, needsFourEyes, defaultFourEyes, type FourEyesPolicy } from './core/workflow.ts';
export {
  clockOf,
  deadlineDate,
  defaultClockPolicies,
  periodDays,
  type ClockPolicy,
  type ClockView,
} from './core/clocks.ts';
export { complaintStatistics, quarterRange, type ComplaintStatistics } from './core/stats.ts';
export { statisticsCsv } from './core/csv.ts';
export { checkClassification, type ClassificationTable } from './core/classification.ts';
export type * from './core/types.ts';
export type { ComplaintStore } from './storage/port.ts';
export type { ComplaintView, HistoryView, MovementView } from './views.ts';
export * from './requests/index.ts';
export {
  createSuitability,
  suitabilityRoutes,
  registerSuitabilityCommands,
  type SuitabilityModule,
  type SuitabilityRoutesOptions,
  type SuitabilityCliDeps,
} from './suitability/index.ts';
