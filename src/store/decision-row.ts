import type { DecisionRecord } from './records.ts';

/** The values of one `decisions` row, in the column order of the INSERT (SQLite, its writer-worker.js, and PostgreSQL's unnest columns). */
export function decisionRow(d: DecisionRecord): unknown[] {
  const s = d.serialized;
  return [
    d.tenantId,
    d.eventId,
    d.type,
    d.occurredAt,
    d.bodyHash,
    // Texts made when decided are stored as they are, each only for the very object it was made from.
    s !== undefined && s.event === d.event ? s.eventJson : JSON.stringify(d.event),
    s !== undefined && s.decision === d.decision ? s.decisionJson : JSON.stringify(d.decision),
    d.outcome,
    d.ruleSetVersion,
    d.decidedAt,
  ];
}
