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

/** A report's history entry: who did what to it, when, with what detail (ids and figures, no personal data). */
export function historyEntry(
  o: Pick<ReportServiceOptions, 'ids' | 'clock'>,
  v: Viewer,
  subjectId: string,
  action: string,
  detail: Record<string, unknown> = {},
): HistoryEntry {
  return {
    id: o.ids.next('hst'),
    tenantId: v.tenantId,
    subjectId,
    at: o.clock.now(),
    actor: v.userId,
    action,
    detail,
  };
}

/**
 * A new draft report (version 1, not yet approved, submitted or acknowledged) by the viewer: a new
 * report (message N) unless `r` says otherwise (a deletion, D, names the report it corrects).
 */
export function draftRecord(
  o: Pick<ReportServiceOptions, 'ids' | 'clock'>,
  v: Viewer,
  r: Pick<ReportRecord, 'format' | 'str' | 'caseId' | 'alertIds' | 'payload' | 'dueBy'> &
    Partial<Pick<ReportRecord, 'id' | 'messageType' | 'correctsId'>>,
): ReportRecord {
  return {
    id: r.id ?? o.ids.next('rpt'),
    tenantId: v.tenantId,
    messageType: 'N',
    status: 'draft',
    correctsId: null,
    createdBy: v.userId,
    createdAt: o.clock.now(),
    approvedBy: null,
    approvedAt: null,
    submittedAt: null,
    fileName: null,
    packageName: null,
    sha256: null,
    ackAt: null,
    ackNote: null,
    version: 1,
    ...r,
  };
}

/** The tenant's time zone (Asia/Shanghai when it has none). */
export async function tenantZone(o: Pick<ReportServiceOptions, 'store'>, tenantId: string): Promise<string> {
  return (await o.store.getTenant(tenantId))?.timeZone ?? 'Asia/Shanghai';
}

/** The tenant's PBOC identity in its time zone; a report error when it has none configured. */
export async function pbocProfile(
  o: Pick<ReportServiceOptions, 'store' | 'profileOf'>,
  tenantId: string,
): Promise<PbocProfile> {
  const p = o.profileOf(tenantId);
  if (!p)
    throw caseError('report_profile', {
      message: 'No PBOC reporting profile (institution code) is configured for this tenant.',
      messageZh: '该租户未配置人民银行报送机构信息（报告机构编码）。',
    });
  return { ...p, timeZone: await tenantZone(o, tenantId) };
}
