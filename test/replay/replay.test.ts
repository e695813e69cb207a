import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decisionHash, redecide } from './history.ts';
import type { History } from './history.ts';

// Recorded once by test/replay/record.ts and committed: a change that alters any decision of this history
// (rule semantics, CEL, features, normalization, decide) fails here, event by event, until it is understood
// and the history deliberately re-recorded.
const history = JSON.parse(readFileSync(new URL('./fixtures/history.json', import.meta.url), 'utf8')) as History;

describe('replay of a recorded decision history (Temporal-style determinism check)', () => {
  it('the history covers two rule-set versions and decisions of every kind worth guarding', () => {
    const versions = new Set(history.events.map((e) => e.ruleSetVersion));
    expect([...versions]).toEqual(history.ruleSets.map((r) => r.version));
    const fired = new Set(history.events.flatMap((e) => e.summary.ruleIds));
    // The time rules (time of day, account age, day of week) must each have fired in the recording.
    for (const id of ['replay-night-large-transfer', 'replay-new-account-large', 'replay-weekend-cash'])
      expect(fired.has(id), id).toBe(true);
    expect(history.events.some((e) => e.summary.outcome === 'allow')).toBe(true);
    expect(history.events.some((e) => e.summary.outcome !== 'allow')).toBe(true);
  });

  it('re-deciding every recorded event gives the recorded decision hash', () => {
    const decisions = redecide(history, history.events);
    expect(decisions).toHaveLength(history.events.length);
    const mismatches = history.events.flatMap((e, i) => {
      const d = decisions[i];
      if (d === undefined || decisionHash(d) === e.decisionHash) return [];
      const now = { outcome: d.outcome, score: d.score, ruleIds: d.reasons.map((r) => r.ruleId) };
      return [`${e.input.id} (${e.ruleSetVersion}): recorded ${JSON.stringify(e.summary)}, now ${JSON.stringify(now)}`];
    });
    expect(mismatches, mismatches.slice(0, 10).join('\n')).toEqual([]);
  });
});
