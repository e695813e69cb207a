/**
 * What the report steps in this folder share: the service's options (its case store already audited)
 * and the service's own helpers, so drafting and packaging live in files of their own without a cycle.
 */
import type { AuditSink, Clock, Ids, WorkingCalendar } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import type { HistoryEntry, ReportRecord } from '../core/types.ts';
import { caseError } from '../errors.ts';
import type { Viewer } from '../service.ts';
import type { CaseStore } from '../storage/port.ts';
import type { PbocProfile } from './pboc/profile.ts';
import type { PartyFactsPort } from './party-facts.ts';

export interface ReportServiceOptions {
  store: Store;
  cases: CaseStore;
  clock: Clock;
  ids: Ids;
  calendar: WorkingCalendar;
  /** The tenant's PBOC identity; undefined when it has none configured. */
  profileOf: (tenantId: string) => Omit<PbocProfile, 'timeZone'> | undefined;
  maxPackageBytes?: number;
  /** Where report actions go for the audit ledger (ids and hashes only). */
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
  /** The customers' party records (names, IDs, nationality, address); the events' attributes are the fallback. */
  partyFacts?: PartyFactsPort | undefined;
}

export interface ReportContext {
  readonly o: ReportServiceOptions;
  /** The tenant's PBOC identity and time zone; a report error when it has none configured. */
  profile(tenantId: string): Promise<PbocProfile>;
  /** Today (YYYY-MM-DD) in the time zone. */
  today(tz: string): string;
  entry(v: Viewer, subjectId: string, action: string, detail?: Record<string, unknown>): HistoryEntry;
  /** A report the viewer may see, or not found. */
  get(v: Viewer, id: string): Promise<ReportRecord>;
}

/** A report whose data subject was erased (crypto-shredded) has no file left to approve, submit or correct. */
export function notErased(r: ReportRecord): void {
  if (r.payload.personalDataErased === true) throw caseError('personal_data_erased', { pointer: `/reports/${r.id}` });
}
