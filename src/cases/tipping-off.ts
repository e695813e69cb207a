import type { CaseRecord } from './core/types.ts';
import type { CaseStore } from './storage/port.ts';

/**
 * Tipping-off protection follows from what exists, not from a label: a case is STR-related once a
 * suspicious report of it exists in any state (drafted, approved, filed, even rejected — its existence
 * is the secret), or once it is closed or asked to close as reported. The `str` tag is shown to
 * investigators, but removing it reveals nothing.
 */
export async function strCaseIds(store: CaseStore, tenantId: string): Promise<Set<string>> {
  const reports = await store.listReports(tenantId, { str: true, limit: 100_000 });
  return new Set(reports.map((r) => r.caseId).filter((id): id is string => id !== null));
}

export const reportedCase = (c: CaseRecord): boolean =>
  c.status === 'reported' ||
  c.resolution === 'reported' ||
  c.pending?.resolution === 'reported' ||
  c.tags.includes('str');

/** Whether the case is about a suspicious report, from its state and the reports that exist. */
export async function isStrRelated(store: CaseStore, c: CaseRecord, known?: Set<string>): Promise<boolean> {
  if (reportedCase(c)) return true;
  return (known ?? (await strCaseIds(store, c.tenantId))).has(c.id);
}
