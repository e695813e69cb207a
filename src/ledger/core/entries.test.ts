import { describe, expect, it } from 'vitest';
import { auditEntry, auditProblem, decisionEntry, encodeEntry, parseEntry } from './entries.ts';

const stored = {
  seq: 7,
  tenantId: 'ten_a',
  eventId: 'evt-1',
  type: 'transfer',
  occurredAt: 1,
  bodyHash: 'b'.repeat(64),
  event: { debtor: { name: '张三', idNumber: '110101199003077777' } },
  decision: { eventId: 'evt-1', outcome: 'review', score: 40, reasons: [{ ruleId: 'r1', message: 'x' }] },
  outcome: 'review' as const,
  ruleSetVersion: 'v3',
  decidedAt: 2,
};

describe('ledger entries', () => {
  it('hold ids and hashes of a decision, never the event body', () => {
    const e = decisionEntry(stored);
    const text = encodeEntry(e);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('110101');
    expect(e).toMatchObject({ kind: 'decision', seq: 7, outcome: 'review', ruleSetVersion: 'v3' });
    expect(e.reasonsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseEntry(text)).toEqual(e);
    // Canonical: key order of the decision does not matter, content does.
    const reordered = {
      ...stored,
      decision: { reasons: stored.decision.reasons, score: 40, outcome: 'review', eventId: 'evt-1' },
    };
    expect(encodeEntry(decisionEntry(reordered))).toBe(text);
    const changed = { ...stored, decision: { ...stored.decision, score: 41 } };
    expect(decisionEntry(changed).decisionHash).not.toBe(e.decisionHash);
    expect(decisionEntry(changed).reasonsHash).toBe(e.reasonsHash);
  });

  it('accept operator actions with ids only and refuse names or free text', () => {
    const ok = { tenantId: 'ten_a', action: 'ruleset.activate', actorId: 'usr_1', subjectId: 'v4', at: 5 };
    expect(encodeEntry(auditEntry(ok))).toBe(
      '{"action":"ruleset.activate","actorId":"usr_1","at":5,"kind":"audit","subjectId":"v4","tenantId":"ten_a"}',
    );
    expect(auditProblem({ ...ok, actorId: 'Li Lei' })).toMatch(/actorId/);
    expect(auditProblem({ ...ok, dataHash: 'nothex' })).toMatch(/dataHash/);
    expect(() => auditEntry({ ...ok, action: 'Login!' })).toThrow(TypeError);
    expect(parseEntry('{"kind":"other","tenantId":"t"}')).toBeUndefined();
    expect(parseEntry('not json')).toBeUndefined();
  });
});
