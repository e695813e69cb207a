import type { DecisionRecord } from './records.ts';

/** For tests: a decision record as the engine hands it to the group commit, the smallest that is valid. */
export const decisionRecord = (tenantId: string, eventId: string, type = 'transfer'): DecisionRecord => ({
  tenantId,
  eventId,
  type,
  occurredAt: 1_764_000_000_000,
  bodyHash: `hash-${eventId}`,
  event: { id: eventId },
  decision: { eventId, outcome: 'allow', score: 0, reasons: [] },
  outcome: 'allow',
  ruleSetVersion: 'v1',
  decidedAt: 1_764_000_000_001,
});
