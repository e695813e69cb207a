import { describe, expect, it } from 'vitest';
import type { StoredDecision } from '../store/index.ts';
import { DecisionContractError, decisionCommitted } from './contracts.ts';

const row = (over: Partial<StoredDecision> = {}): StoredDecision => ({
  seq: 7,
  tenantId: 'ten_a',
  eventId: 'e-1',
  type: 'payment',
  occurredAt: 1,
  bodyHash: 'h',
  outcome: 'review',
  ruleSetVersion: 'v1',
  decidedAt: 2,
  event: { id: 'e-1', type: 'payment', occurredAt: '2026-11-01T00:00:00Z', debtor: { partyId: 'p' } },
  decision: {
    eventId: 'e-1',
    outcome: 'review',
    score: 40,
    reasons: [{ ruleId: 'r', weight: 40, message: 'm', messageZh: 'm' }],
    obligations: [],
    shadow: [],
    features: {},
    ruleSetVersion: 'v1',
    decidedAt: '2026-11-01T00:00:00Z',
  },
  ...over,
});

describe('DecisionCommitted contract', () => {
  it('passes a committed decision through with its types', () => {
    const d = decisionCommitted(row());
    expect(d.decision.reasons[0]?.ruleId).toBe('r');
    expect(d.event.debtor?.partyId).toBe('p');
  });

  it('names the seq and the JSON pointer of a row that breaks it, instead of passing it on', () => {
    const bad = row({ decision: { eventId: 'e-1', outcome: 'maybe', score: 1 } });
    expect(() => decisionCommitted(bad)).toThrow(DecisionContractError);
    try {
      decisionCommitted(bad);
    } catch (e) {
      expect(e).toMatchObject({ seq: 7, pointer: '/decision' });
    }
    expect(() => decisionCommitted(row({ outcome: 'allowed' as never }))).toThrow(/seq 7.*\/outcome/);
  });
});
