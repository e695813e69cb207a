/** Personal-information rights (data-subject requests, PIPL arts. 44–50) and the incident register. */
export { createRights, type RightsModule, type RightsRoutesOptions } from './module.ts';
export { rightsRoutes } from './routes.ts';
export { SubjectRequestService } from './service.ts';
export { IncidentService } from '../incidents/service.ts';
export { PlanService } from '../incidents/plans.ts';
export { rightsActor, rightsGrants, type RightsActor, type RightsPermission } from './permissions.ts';
export {
  defaultDeadlinePolicies,
  requestDeadline,
  requestDueDate,
  stepsIn,
  type DeadlinePolicy,
  type DeadlineView,
} from './core/deadlines.ts';
export type { SubjectSources, SubjectErasure } from './sources.ts';
export type { RegisterStore } from '../storage/register-port.ts';
export { registerRightsCommands, type RightsCliDeps } from './cli.ts';
export * from '../incidents/core/grading.ts';
export { defaultGrading, defaultNotificationRules, incidentTypes } from '../incidents/defaults.ts';
export { reportHtml, reportJson } from '../incidents/report.ts';
