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

/**
 * The case store as the report services see it: every history entry an operator's report write records
 * (drafts, approvals, submissions, acknowledgements, and the case transitions they cause) also goes to
 * the audit ledger once the write is durable, as `report.<action>` or `case.<action>` — prefixed `str.`
 * when it is about a suspicious report, so that the ledger withholds it from roles that may not know.
 */
export function auditedReportStore(store: CaseStore, sink: AuditSink | undefined): CaseStore {
  if (!sink) return store;
  const send = async (prefix: string, entries: readonly HistoryEntry[]): Promise<void> => {
    for (const h of entries)
      if (h.actor !== 'system')
        await auditAction(sink, {
          tenantId: h.tenantId,
          actorId: h.actor,
          action: `${prefix}.${h.action}`,
          subjectId: h.subjectId,
          detail: h.detail,
          at: h.at,
        });
  };
  const overrides: Partial<CaseStore> = {
    async createReport(r, history) {
      await store.createReport(r, history);
      await send(r.str ? 'str.report' : 'report', history);
    },
    async updateReport(r, history, opts) {
      await store.updateReport(r, history, opts);
      await send(r.str ? 'str.report' : 'report', history);
    },
    async updateCase(c, history) {
      await store.updateCase(c, history);
      await send(reportedCase(c) ? 'str.case' : 'case', history);
    },
  };
  return Object.assign(Object.create(store) as CaseStore, overrides);
}
