import { canonicalJson, sha256Hex, type AuditSink } from '../kernel/index.ts';
import type { HistoryEntry } from './core/types.ts';
import type { CaseStore } from './storage/port.ts';
import { reportedCase } from './tipping-off.ts';

/** Sends one case or report action to the audit ledger: ids and a hash of the details, never the details. */
export async function auditAction(
  sink: AuditSink | undefined,
  e: { tenantId: string; actorId: string; action: string; subjectId: string; detail: unknown; at: number },
): Promise<void> {
  if (!sink) return;
  await sink({
    tenantId: e.tenantId,
    action: e.action,
    actorId: e.actorId,
    subjectId: e.subjectId,
    dataHash: sha256Hex(canonicalJson(e.detail)),
    at: e.at,
  });
}

/** Where a write's audit goes: the store's own transaction when it can, else the sink after the write. */
export interface AuditRoute {
  store: CaseStore;
  audit?: AuditSink | undefined;
  /** Moves what the write left in the ledger's outbox into the ledger now (else its poller will). */
  settle?: (() => Promise<unknown>) | undefined;
}

/**
 * Performs `write` with entries that name their `ledgerAction`: a store that audits in its transaction
 * has already queued them when the write returns; otherwise each goes to the sink once the write is durable.
 */
export async function writeAudited(
  r: AuditRoute,
  entries: readonly HistoryEntry[],
  write: (entries: HistoryEntry[]) => Promise<void>,
): Promise<void> {
  await write([...entries]);
  if (r.store.auditsInTransaction) {
    await r.settle?.();
    return;
  }
  for (const h of entries)
    if (h.ledgerAction !== undefined && h.actor !== 'system')
      await auditAction(r.audit, {
        tenantId: h.tenantId,
        actorId: h.actor,
        action: h.ledgerAction,
        subjectId: h.subjectId,
        detail: h.detail,
        at: h.at,
      });
}

/**
 * The case store as the report services see it: every history entry an operator's report write records
 * (drafts, approvals, submissions, acknowledgements, and the case transitions they cause) also goes to
 * the audit ledger, as `report.<action>` or `case.<action>` — prefixed `str.` when it is about a
 * suspicious report, so that the ledger withholds it from roles that may not know.
 */
export function auditedReportStore(
  store: CaseStore,
  sink: AuditSink | undefined,
  settle?: () => Promise<unknown>,
): CaseStore {
  if (!sink && !store.auditsInTransaction) return store;
  const route: AuditRoute = { store, audit: sink, settle };
  const mark = (prefix: string, entries: readonly HistoryEntry[]): HistoryEntry[] =>
    entries.map((h) => (h.actor === 'system' ? h : { ...h, ledgerAction: `${prefix}.${h.action}` }));
  const overrides: Partial<CaseStore> = {
    createReport: (r, history) =>
      writeAudited(route, mark(r.str ? 'str.report' : 'report', history), (h) => store.createReport(r, h)),
    updateReport: (r, history, opts) =>
      writeAudited(route, mark(r.str ? 'str.report' : 'report', history), (h) => store.updateReport(r, h, opts)),
    updateCase: (c, history) =>
      writeAudited(route, mark(reportedCase(c) ? 'str.case' : 'case', history), (h) => store.updateCase(c, h)),
  };
  return Object.assign(Object.create(store) as CaseStore, overrides);
}
