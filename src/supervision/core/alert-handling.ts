/**
 * How a supervisor handles a hub alert, as a pure state machine: open → acknowledged (who, when, why)
 * → resolved (with a resolution note). An alert that says a platform's ledger history was rewritten,
 * or that its checkpoint was signed by a key the hub does not know, is evidence of tampering: its
 * resolution is proposed by one supervisor and takes effect only when a different one confirms it
 * (four eyes, as for licence status changes). The hub itself may close an alert whose cause went away
 * (a stale ledger advancing): that is `closed`, not `resolved`.
 */
import type { AlertKind } from './witness.ts';

export type HubAlertKind = AlertKind | 'stale' | 'disclosure_mismatch';
export const alertStates = ['open', 'acknowledged', 'resolving', 'resolved', 'closed'] as const;
export type AlertState = (typeof alertStates)[number];

/** A supervisor's handling of one alert (absent until someone acknowledges it). */
export interface AlertHandling {
  acknowledgedBy: string;
  acknowledgedAt: number;
  acknowledgeNote: string;
  resolutionProposedBy: string | null;
  resolutionProposedAt: number | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
}

export interface AlertFacts {
  kind: HubAlertKind;
  closedAt: number | null;
  handling: AlertHandling | null;
}

/** Kinds whose resolution needs a second supervisor: they say the platform's ledger was tampered with. */
export const needsSecondSupervisor = (kind: HubAlertKind): boolean => kind === 'inconsistent' || kind === 'unknown_key';

export function alertState(a: AlertFacts): AlertState {
  if (a.closedAt !== null) return a.handling?.resolvedAt != null ? 'resolved' : 'closed';
  if (!a.handling) return 'open';
  return a.handling.resolutionProposedBy !== null ? 'resolving' : 'acknowledged';
}

export type AlertAction = 'acknowledge' | 'resolve' | 'confirm' | 'reject';
export type AlertVerdict =
  | { ok: true; effect: 'acknowledge' | 'resolve' | 'propose' | 'confirm' | 'reject' }
  | { ok: false; code: 'ZHILI_E_ALERT_STATE' | 'ZHILI_E_FOUR_EYES'; reason: string; reasonZh: string };

const wrongState = (state: AlertState, action: AlertAction): AlertVerdict => {
  const needs = { acknowledge: 'open', resolve: 'acknowledged', confirm: 'resolving', reject: 'resolving' }[action];
  return {
    ok: false,
    code: 'ZHILI_E_ALERT_STATE',
    reason: `The alert is ${state}; to ${action} it, it must be ${needs}.`,
    reasonZh: `该告警当前为「${stateZh[state]}」，须为「${stateZh[needs as AlertState]}」才能${actionZh[action]}。`,
  };
};

export const stateZh: Readonly<Record<AlertState, string>> = {
  open: '未处理',
  acknowledged: '已确认接手',
  resolving: '待复核解除',
  resolved: '已解除',
  closed: '已自动关闭',
};
const actionZh: Readonly<Record<AlertAction, string>> = {
  acknowledge: '确认接手',
  resolve: '解除',
  confirm: '复核解除',
  reject: '退回解除',
};

/** What `by` doing `action` on the alert means, or why it may not. */
export function checkAlertAction(a: AlertFacts, action: AlertAction, by: string): AlertVerdict {
  const state = alertState(a);
  switch (action) {
    case 'acknowledge':
      return state === 'open' ? { ok: true, effect: 'acknowledge' } : wrongState(state, action);
    case 'resolve':
      if (state !== 'acknowledged') return wrongState(state, action);
      return { ok: true, effect: needsSecondSupervisor(a.kind) ? 'propose' : 'resolve' };
    case 'confirm':
      if (state !== 'resolving') return wrongState(state, action);
      if (a.handling?.resolutionProposedBy === by)
        return {
          ok: false,
          code: 'ZHILI_E_FOUR_EYES',
          reason: 'The supervisor who proposed resolving this alert cannot confirm it: a second supervisor must.',
          reasonZh: '提出解除该告警的监管人员不能自行复核，须由另一名监管人员复核。',
        };
      return { ok: true, effect: 'confirm' };
    case 'reject':
      // A second supervisor who disagrees sends the proposal back (the proposer may withdraw it too):
      // the alert is acknowledged again, open, with the refusal and its note in the hub's ledger.
      return state === 'resolving' ? { ok: true, effect: 'reject' } : wrongState(state, action);
  }
}
