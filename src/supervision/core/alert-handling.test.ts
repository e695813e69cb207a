import { describe, expect, it } from 'vitest';
import { alertState, checkAlertAction, needsSecondSupervisor, type AlertFacts } from './alert-handling.ts';

const handling = (over: Partial<NonNullable<AlertFacts['handling']>> = {}): NonNullable<AlertFacts['handling']> => ({
  acknowledgedBy: 'sup_a',
  acknowledgedAt: 1,
  acknowledgeNote: 'n',
  resolutionProposedBy: null,
  resolutionProposedAt: null,
  resolutionNote: null,
  resolvedBy: null,
  resolvedAt: null,
  ...over,
});

describe('hub alert handling', () => {
  it('derives the state from what was recorded', () => {
    expect(alertState({ kind: 'stale', closedAt: null, handling: null })).toBe('open');
    expect(alertState({ kind: 'stale', closedAt: 5, handling: null })).toBe('closed');
    expect(alertState({ kind: 'stale', closedAt: 5, handling: handling() })).toBe('closed'); // the hub closed it
    expect(alertState({ kind: 'stale', closedAt: null, handling: handling() })).toBe('acknowledged');
    const proposed = handling({ resolutionProposedBy: 'sup_a', resolutionProposedAt: 2, resolutionNote: 'r' });
    expect(alertState({ kind: 'inconsistent', closedAt: null, handling: proposed })).toBe('resolving');
    expect(
      alertState({ kind: 'inconsistent', closedAt: 3, handling: { ...proposed, resolvedBy: 'sup_b', resolvedAt: 3 } }),
    ).toBe('resolved');
  });

  it('asks a second supervisor only for tampering evidence', () => {
    expect(needsSecondSupervisor('inconsistent')).toBe(true);
    expect(needsSecondSupervisor('unknown_key')).toBe(true);
    expect(needsSecondSupervisor('stale')).toBe(false);
    expect(needsSecondSupervisor('disclosure_mismatch')).toBe(false);
  });

  it('allows each step only from its state, and never the proposer confirming', () => {
    const open: AlertFacts = { kind: 'unknown_key', closedAt: null, handling: null };
    expect(checkAlertAction(open, 'acknowledge', 'sup_a')).toEqual({ ok: true, effect: 'acknowledge' });
    expect(checkAlertAction(open, 'resolve', 'sup_a')).toMatchObject({ ok: false, code: 'ZHILI_E_ALERT_STATE' });
    expect(checkAlertAction(open, 'confirm', 'sup_b')).toMatchObject({ ok: false, code: 'ZHILI_E_ALERT_STATE' });
    const acked = { ...open, handling: handling() };
    expect(checkAlertAction(acked, 'acknowledge', 'sup_b')).toMatchObject({ ok: false, code: 'ZHILI_E_ALERT_STATE' });
    expect(checkAlertAction(acked, 'resolve', 'sup_a')).toEqual({ ok: true, effect: 'propose' });
    expect(checkAlertAction({ ...acked, kind: 'stale' }, 'resolve', 'sup_a')).toEqual({ ok: true, effect: 'resolve' });
    const resolving = { ...open, handling: handling({ resolutionProposedBy: 'sup_a', resolutionProposedAt: 2 }) };
    const self = checkAlertAction(resolving, 'confirm', 'sup_a');
    expect(self).toMatchObject({ ok: false, code: 'ZHILI_E_FOUR_EYES' });
    expect(!self.ok && self.reasonZh).toMatch(/另一名监管人员/);
    expect(checkAlertAction(resolving, 'confirm', 'sup_b')).toEqual({ ok: true, effect: 'confirm' });
    expect(checkAlertAction(resolving, 'reject', 'sup_b')).toEqual({ ok: true, effect: 'reject' });
    expect(checkAlertAction(acked, 'reject', 'sup_b')).toMatchObject({ ok: false, code: 'ZHILI_E_ALERT_STATE' });
    const closed = { ...resolving, closedAt: 9 };
    for (const action of ['acknowledge', 'resolve', 'confirm', 'reject'] as const)
      expect(checkAlertAction(closed, action, 'sup_c')).toMatchObject({ ok: false, code: 'ZHILI_E_ALERT_STATE' });
  });
});
