import type { AccessService } from '../../access/index.ts';
import type { AuditSink, Clock, Ids, WorkingCalendar } from '../../kernel/index.ts';
import { IncidentService } from '../incidents/service.ts';
import { PlanService } from '../incidents/plans.ts';
import { SubjectRequestService } from './service.ts';
import type { SubjectSources } from './sources.ts';
import type { RegisterStore } from '../storage/register-port.ts';

export interface RightsModule {
  requests: SubjectRequestService;
  incidents: IncidentService;
  plans: PlanService;
  /** Options for `app.register(rightsRoutes, …)`. */
  routes: RightsRoutesOptions;
}

export interface RightsRoutesOptions {
  access: AccessService;
  requests: SubjectRequestService;
  incidents: IncidentService;
  plans: PlanService;
  clock: Clock;
}

/** Wires personal-information rights (data-subject requests) and the incident register on one store. */
export function createRights(o: {
  access: AccessService;
  store: RegisterStore;
  clock: Clock;
  ids: Ids;
  calendar: WorkingCalendar;
  timeZoneOf: (tenantId: string) => Promise<string>;
  sources: SubjectSources;
  audit?: AuditSink | undefined;
  /** Appends audit entries queued in the writes' transactions (the ledger's catch-up). */
  settleAudit?: () => Promise<unknown>;
}): RightsModule {
  const requests = new SubjectRequestService(o);
  const incidents = new IncidentService(o);
  const plans = new PlanService(o);
  return { requests, incidents, plans, routes: { access: o.access, requests, incidents, plans, clock: o.clock } };
}
