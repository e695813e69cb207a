import type { AccessService } from '../access/index.ts';
import { chinaCalendar, type Clock, type Ids, type WorkingCalendar } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { Investigation } from './investigation.ts';
import { CaseProjector, type ProjectorOptions } from './projector.ts';
import type { PbocProfile } from './reports/pboc/profile.ts';
import { ReportService } from './reports/service.ts';
import type { CasesRoutesOptions } from './routes.ts';
import { CaseService } from './service.ts';
import { openCaseStore } from './storage/open.ts';
import type { CaseStore } from './storage/port.ts';

export interface CasesModule {
  caseStore: CaseStore;
  projector: CaseProjector;
  cases: CaseService;
  investigation: Investigation;
  reports: ReportService;
  /** Options for `app.register(casesRoutes, …)`. */
  routes: CasesRoutesOptions;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** PBOC profile from the environment: ZHILI_PBOC_INSTITUTION_CODE, ZHILI_PBOC_INDUSTRY, ZHILI_PBOC_BRANCH_CODE, ZHILI_PBOC_AREA_CODE. */
export function pbocProfileFromEnv(env: NodeJS.ProcessEnv): Omit<PbocProfile, 'timeZone'> | undefined {
  const code = env.ZHILI_PBOC_INSTITUTION_CODE;
  if (!code) return undefined;
  return {
    institutionCode: code,
    industry: (env.ZHILI_PBOC_INDUSTRY as 'B' | 'S' | 'I' | undefined) ?? 'B',
    branchCode: env.ZHILI_PBOC_BRANCH_CODE ?? code,
    ...(env.ZHILI_PBOC_AREA_CODE ? { areaCode: env.ZHILI_PBOC_AREA_CODE } : {}),
  };
}

/** Wires the cases module: its store (next to the main store's), the projector, the services. */
export async function createCases(o: {
  store: Store;
  access: AccessService;
  clock: Clock;
  ids: Ids;
  caseStore?: CaseStore;
  databaseUrl?: string | undefined;
  dataDir?: string;
  calendar?: WorkingCalendar;
  profileOf?: (tenantId: string) => Omit<PbocProfile, 'timeZone'> | undefined;
  projector?: Partial<ProjectorOptions>;
}): Promise<CasesModule> {
  const caseStore = o.caseStore ?? openCaseStore({ databaseUrl: o.databaseUrl, dataDir: o.dataDir ?? './data' });
  await caseStore.migrate();
  const base = { store: o.store, cases: caseStore, clock: o.clock, ids: o.ids };
  const projector = new CaseProjector({ ...base, ...o.projector });
  const cases = new CaseService(base);
  const investigation = new Investigation({ store: o.store, cases: caseStore });
  const reports = new ReportService({ ...base, calendar: o.calendar ?? chinaCalendar(), profileOf: o.profileOf ?? (() => pbocProfileFromEnv(process.env)) });
  return {
    caseStore,
    projector,
    cases,
    investigation,
    reports,
    routes: { access: o.access, cases, investigation, reports },
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
