import type { AccessService } from '../access/index.ts';
import type { AuditSink, Clock, Ids, WorkingCalendar } from '../kernel/index.ts';
import { shippedClassification } from './classification-table.ts';
import type { ClassificationTable } from './core/classification.ts';
import { ComplaintReports } from './reports.ts';
import type { ProtectionRoutesOptions } from './routes.ts';
import { ComplaintService } from './service.ts';
import type { ComplaintStore } from './storage/port.ts';

export interface ProtectionModule {
  complaints: ComplaintService;
  reports: ComplaintReports;
  /** Options for `app.register(protectionRoutes, …)`. */
  routes: ProtectionRoutesOptions;
}

/** Wires consumer protection: complaints on statutory clocks and the risk reserve, on the given store. */
export function createProtection(o: {
  access: AccessService;
  store: ComplaintStore;
  master: { key: Buffer };
  clock: Clock;
  ids: Ids;
  calendar: WorkingCalendar;
  timeZoneOf: (tenantId: string) => Promise<string>;
  audit?: AuditSink | undefined;
  /** Appends audit entries queued in the writes' transactions (the ledger's catch-up). */
  settleAudit?: () => Promise<unknown>;
  table?: ClassificationTable;
}): ProtectionModule {
  const deps = { ...o, table: o.table ?? shippedClassification() };
  const complaints = new ComplaintService(deps);
  const reports = new ComplaintReports({ ...deps, complaints });
  return { complaints, reports, routes: { access: o.access, complaints, reports } };
}
