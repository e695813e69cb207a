import { err, ok, type Result } from '../../kernel/index.ts';
import { closedStatuses, resolutionStatus, type CaseRecord, type CaseStatus, type Resolution } from './types.ts';

/** Who acts: an operator's user id and roles. */
export interface Actor {
  id: string;
  roles: readonly string[];
}

export type CaseAction =
  | { type: 'assign'; assignee: string }
  | { type: 'start' }
  | { type: 'escalate'; reason: string }
  | { type: 'resume' }
  | { type: 'request_close'; resolution: Resolution; reason: string }
  | { type: 'approve'; note?: string }
  | { type: 'reject'; reason: string }
  | { type: 'reopen'; reason: string }
  | { type: 'comment'; text: string }
  | { type: 'tag'; add?: string[]; remove?: string[] }
  | { type: 'set_due'; dueAt: number }
  | { type: 'set_queue'; queue: string };

export type WorkflowErrorKind = 'illegal_transition' | 'four_eyes' | 'pending_approval';

export interface WorkflowError {
  kind: WorkflowErrorKind;
  message: string;
  messageZh: string;
}

export interface Applied {
  case: CaseRecord;
  /** What the history records (who and when are added by the caller). */
  action: string;
  detail: Record<string, unknown>;
}

const active: readonly CaseStatus[] = ['open', 'assigned', 'investigating', 'escalated'];

const illegal = (c: CaseRecord, a: CaseAction): { ok: false; error: WorkflowError } =>
  err({
    kind: 'illegal_transition',
    message: `A case in status ${c.status} cannot take the action ${a.type}.`,
    messageZh: `状态为 ${c.status} 的案件不能执行操作 ${a.type}。`,
  });

/**
 * The case workflow as a pure function: open → assigned → investigating → (escalated) → closed as a false
 * positive / closed with no report / reported, and reopen. A case only closes through `approve` by an
 * operator with the approver role who is not the one who asked for the closure (four eyes).
 */
export function applyAction(c: CaseRecord, a: CaseAction, actor: Actor, now: number): Result<Applied, WorkflowError> {
  const closed = closedStatuses.has(c.status);
  const next = (patch: Partial<CaseRecord>, detail: Record<string, unknown> = {}): { ok: true; value: Applied } => {
    const updated: CaseRecord = { ...c, ...patch, version: c.version + 1, updatedAt: now };
    const moved = updated.status !== c.status ? { from: c.status, to: updated.status } : {};
    return ok({ case: updated, action: a.type, detail: { ...moved, ...detail } });
  };
  const blockedByPending = (): { ok: false; error: WorkflowError } | undefined =>
    c.pending
      ? err({
          kind: 'pending_approval',
          message: 'The case is waiting for a closure approval; approve or reject it first.',
          messageZh: '案件正在等待结案审批，请先批准或驳回。',
        })
      : undefined;

  switch (a.type) {
    case 'comment':
      return next({}, { text: a.text });
    case 'assign':
      if (closed) return illegal(c, a);
      return next(
        { assignee: a.assignee, status: c.status === 'open' ? 'assigned' : c.status },
        { assignee: a.assignee },
      );
    case 'tag': {
      if (closed) return illegal(c, a);
      const tags = [...new Set([...c.tags.filter((t) => !(a.remove ?? []).includes(t)), ...(a.add ?? [])])];
      return next({ tags }, { add: a.add ?? [], remove: a.remove ?? [] });
    }
    case 'set_due':
      if (closed) return illegal(c, a);
      return next({ dueAt: a.dueAt }, { dueAt: a.dueAt });
    case 'set_queue':
      if (closed) return illegal(c, a);
      return next({ queue: a.queue }, { queue: a.queue });
    case 'start':
      if (c.status !== 'assigned') return illegal(c, a);
      return blockedByPending() ?? next({ status: 'investigating' });
    case 'escalate':
      if (c.status !== 'investigating') return illegal(c, a);
      return blockedByPending() ?? next({ status: 'escalated' }, { reason: a.reason });
    case 'resume':
      if (c.status !== 'escalated') return illegal(c, a);
      return blockedByPending() ?? next({ status: 'investigating' });
    case 'request_close':
      if (c.status !== 'investigating' && c.status !== 'escalated') return illegal(c, a);
      return (
        blockedByPending() ??
        next(
          { pending: { resolution: a.resolution, requestedBy: actor.id, requestedAt: now, reason: a.reason } },
          { resolution: a.resolution, reason: a.reason },
        )
      );
    case 'approve':
    case 'reject': {
      if (!c.pending) return illegal(c, a);
      if (!actor.roles.includes('approver') || actor.id === c.pending.requestedBy) {
        return err({
          kind: 'four_eyes',
          message:
            'A closure is approved or rejected by a second operator with the approver role, not by its requester.',
          messageZh: '结案须由申请人以外、具有审批角色的第二名操作员批准或驳回。',
        });
      }
      const detail = { resolution: c.pending.resolution, requestedBy: c.pending.requestedBy };
      if (a.type === 'reject') return next({ pending: null }, { ...detail, reason: a.reason });
      return next(
        {
          status: resolutionStatus[c.pending.resolution],
          resolution: c.pending.resolution,
          pending: null,
          closedAt: now,
        },
        { ...detail, ...(a.note ? { note: a.note } : {}) },
      );
    }
    case 'reopen':
      if (!closed) return illegal(c, a);
      return next(
        { status: c.assignee ? 'investigating' : 'open', resolution: null, closedAt: null },
        { reason: a.reason, previousResolution: c.resolution },
      );
  }
}

export const isActive = (s: CaseStatus): boolean => active.includes(s);
