import type { AccessService } from '../access/index.ts';
import { chinaCalendar, type AuditSink, type Clock, type Ids, type WorkingCalendar } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { Investigation } from './investigation.ts';
import { CaseProjector, type ProjectorOptions } from './projector.ts';
import type { FincenProfile } from './reports/fincen/profile.ts';
import type { GoamlProfile } from './reports/goaml/profile.ts';
import type { PbocProfile } from './reports/pboc/profile.ts';
import { SuspiciousReports } from './reports/suspicious.ts';
import type { PartyFactsPort } from './reports/party-facts.ts';
import { ReportService } from './reports/service.ts';
import type { CasesRoutesOptions } from './routes.ts';
import { CaseService } from './service.ts';
import { DisposalService } from './disposal/service.ts';
import { AttachmentService } from './attachments/service.ts';
import type { CaseStore } from './storage/port.ts';
import { ComplianceMetricsService, type HighRiskPort } from './metrics/service.ts';

export interface CasesModule {
  caseStore: CaseStore;
  projector: CaseProjector;
  cases: CaseService;
  investigation: Investigation;
  reports: ReportService;
  /** Suspicious reports from cases (PBOC BSTR, goAML STR) and goAML CTRs. */
  suspicious: SuspiciousReports;
  disposals: DisposalService;
  attachments: AttachmentService;
  metrics: ComplianceMetricsService;
  /** Options for `app.register(casesRoutes, …)`. */
  routes: CasesRoutesOptions;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Wires the cases module: its store (next to the main store's), the projector, the services. */
export async function createCases(o: {
  store: Store;
  access: AccessService;
  clock: Clock;
  ids: Ids;
  /** The case tables, from the composition root. */
  caseStore: CaseStore;
  calendar?: WorkingCalendar;
  profileOf?: (tenantId: string) => Omit<PbocProfile, 'timeZone'> | undefined;
  /** The tenant's goAML profile (the runtime reads ZHILI_GOAML_PROFILE and validates it at start). */
  goamlProfileOf?: (tenantId: string) => Omit<GoamlProfile, 'timeZone'> | undefined;
  /** The tenant's FinCEN filer profile (the runtime reads ZHILI_FINCEN_PROFILE and validates it at start). */
  fincenProfileOf?: (tenantId: string) => Omit<FincenProfile, 'timeZone'> | undefined;
  projector?: Partial<ProjectorOptions>;
  /** Where case and report actions go for the audit ledger (ids and hashes only). */
  audit?: AuditSink;
  /** After a write queued its audit in the outbox itself: move it into the ledger now. */
  settleAudit?: () => Promise<unknown>;
  /** The customers' party records for reports (the runtime wires it to the parties module). */
  partyFacts?: PartyFactsPort;
  /** The tenant's high-risk customers, for the coverage metric (the runtime wires it to the parties module). */
  highRisk?: HighRiskPort;
}): Promise<CasesModule> {
  const caseStore = o.caseStore;
  await caseStore.migrate();
  const base = { store: o.store, cases: caseStore, clock: o.clock, ids: o.ids };
  const projector = new CaseProjector({ ...base, ...o.projector });
  const audit = { audit: o.audit, settleAudit: o.settleAudit };
  const cases = new CaseService({ ...base, ...audit });
  const disposals = new DisposalService({ cases, store: caseStore, clock: o.clock, ids: o.ids, ...audit });
  const attachments = new AttachmentService({ cases, store: caseStore, clock: o.clock, ids: o.ids, ...audit });
  const metrics = new ComplianceMetricsService({
    store: o.store,
    cases: caseStore,
    clock: o.clock,
    highRisk: o.highRisk,
  });
  const investigation = new Investigation({ store: o.store, cases: caseStore });
  const reportOptions = {
    ...base,
    calendar: o.calendar ?? chinaCalendar(),
    profileOf: o.profileOf ?? (() => undefined),
    ...audit,
    partyFacts: o.partyFacts,
  };
  const reports = new ReportService(reportOptions);
  const suspicious = new SuspiciousReports({
    ...reportOptions,
    goamlProfileOf: o.goamlProfileOf ?? (() => undefined),
    fincenProfileOf: o.fincenProfileOf ?? (() => undefined),
  });
  return {
    caseStore,
    projector,
    cases,
    investigation,
    reports,
    suspicious,
    disposals,
    attachments,
    metrics,
    routes: {
      access: o.access,
      cases,
      investigation,
      reports,
      suspicious,
      disposals,
      attachments,
      metrics,
      profiles: (tenantId) => ({
        pboc: o.profileOf?.(tenantId) ?? null,
        goaml: o.goamlProfileOf?.(tenantId) ?? null,
        fincen: o.fincenProfileOf?.(tenantId) ?? null,
      }),
    },
    async start() {
      await projector.catchUp();
      projector.start();
    },
    async close() {
      await projector.stop();
      await caseStore.close();
    },
  };
}
