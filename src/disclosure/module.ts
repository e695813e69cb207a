import type { AccessService } from '../access/index.ts';
import type { AuditSink, Clock, FxTable, Ids } from '../kernel/index.ts';
import { normalizeEvent, type EventInput, type NormalizedEvent } from '../monitoring/index.ts';
import type { ComplaintReports, ComplaintStore } from '../protection/index.ts';
import type { StoredDecision } from '../store/index.ts';
import type { DisclosurePortalOptions } from './portal.ts';
import type { DisclosureRoutesOptions } from './routes.ts';
import { DisclosureService } from './service.ts';
import { platformSources } from './sources.ts';
import type { DisclosureStore } from './storage/port.ts';
import type { DisclosureLedger } from './verify.ts';

export interface DisclosureModule {
  disclosures: DisclosureService;
  /** Options for `app.register(disclosureRoutes, …)`. */
  routes: DisclosureRoutesOptions;
  /** Options for `app.register(disclosurePortalRoutes, …)`. */
  portal: DisclosurePortalOptions;
}

/** How a tenant's stored events are read: its time zone and whether it accepts the test currency. */
export type EventContext = (tenantId: string) => { timeZone: string; acceptTestCurrency?: boolean } | undefined;

/** Stored event bodies as the tenant's rule set reads them (the same reading the credit loan book uses). */
export const eventReader =
  (contextOf: EventContext, fx: FxTable) =>
  (tenantId: string, body: unknown): NormalizedEvent | undefined => {
    const ctx = contextOf(tenantId);
    if (!ctx) return undefined;
    // Stored bodies passed the event schema when they were decided.
    const n = normalizeEvent(body as EventInput, { ...ctx, fx });
    return n.ok ? n.event : undefined;
  };

/** Wires disclosure over its store, the decisions, the complaint module and the ledger. */
export function createDisclosure(o: {
  access: AccessService;
  store: DisclosureStore;
  clock: Clock;
  ids: Ids;
  timeZoneOf: (tenantId: string) => Promise<string>;
  scanDecisions: (afterSeq: number, limit: number) => Promise<StoredDecision[]>;
  eventContext: EventContext;
  fx: FxTable;
  complaintStore: Pick<ComplaintStore, 'movements'>;
  complaintReports: Pick<ComplaintReports, 'statistics'>;
  ledger: DisclosureLedger;
  tenants: DisclosurePortalOptions['tenants'];
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
}): DisclosureModule {
  const sources = platformSources({
    scanDecisions: o.scanDecisions,
    normalize: eventReader(o.eventContext, o.fx),
    complaintStore: o.complaintStore,
    complaintReports: o.complaintReports,
  });
  const disclosures = new DisclosureService({ ...o, sources });
  return {
    disclosures,
    routes: { access: o.access, disclosures },
    portal: { disclosures, tenants: o.tenants },
  };
}
