import type { DecisionRecord } from './records.ts';

/** The values of one `decisions` row, in the column order of the INSERT (SQLite, its writer-worker.js, and PostgreSQL's unnest columns). */
export function decisionRow(d: DecisionRecord): unknown[] {
  return [
    d.tenantId,
    d.eventId,
    d.type,
    d.occurredAt,
    d.bodyHash,
    JSON.stringify(d.event),
    JSON.stringify(d.decision),
    d.outcome,
    d.ruleSetVersion,
    d.decidedAt,
  ];
}
