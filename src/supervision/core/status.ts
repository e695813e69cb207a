/**
 * A platform's licence status at the supervisor (market access and orderly exit) as a pure state
 * machine. Every change is proposed by one supervisor and applied only when a different one approves.
 */
export const platformStatuses = ['applying', 'licensed', 'restricted', 'suspended', 'winding_down', 'exited'] as const;
export type PlatformStatus = (typeof platformStatuses)[number];

/** Allowed next statuses. An application refused goes straight to exited; exit is final. */
const next: Readonly<Record<PlatformStatus, readonly PlatformStatus[]>> = {
  applying: ['licensed', 'exited'],
  licensed: ['restricted', 'suspended', 'winding_down'],
  restricted: ['licensed', 'suspended', 'winding_down'],
  suspended: ['licensed', 'restricted', 'winding_down'],
  winding_down: ['exited'],
  exited: [],
};

export const allowedNext = (from: PlatformStatus): readonly PlatformStatus[] => next[from];

export type StatusVerdict = { ok: true } | { ok: false; reason: string; reasonZh: string };

export function checkTransition(from: PlatformStatus, to: PlatformStatus): StatusVerdict {
  if (next[from].includes(to)) return { ok: true };
  const allowed = next[from].join(', ') || 'none';
  return {
    ok: false,
    reason: `A platform cannot go from ${from} to ${to} (allowed: ${allowed}).`,
    reasonZh: `平台状态不能从 ${from} 变更为 ${to}（允许：${allowed}）。`,
  };
}

export interface PendingChange {
  from: PlatformStatus;
  to: PlatformStatus;
  proposedBy: string;
  decision: 'pending' | 'approved' | 'rejected';
}

/**
 * Whether `approverId` may decide `change` while the platform is in `current`: the change must still
 * be pending, the platform still where the proposal found it, and the approver someone else.
 */
export function checkDecision(change: PendingChange, approverId: string, current: PlatformStatus): StatusVerdict {
  if (change.decision !== 'pending')
    return { ok: false, reason: `The change was already ${change.decision}.`, reasonZh: '该变更已处理。' };
  if (change.proposedBy === approverId)
    return {
      ok: false,
      reason: 'The supervisor who proposed a status change cannot approve it: a second supervisor must.',
      reasonZh: '提出状态变更的监管人员不能自行审批，须由另一名监管人员审批。',
    };
  if (current !== change.from)
    return {
      ok: false,
      reason: `The platform is now ${current}, not ${change.from} as when the change was proposed.`,
      reasonZh: `平台当前状态为 ${current}，已不是提出变更时的 ${change.from}。`,
    };
  return { ok: true };
}
