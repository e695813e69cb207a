/**
 * The complaint state machine. received → acknowledged → investigating → decision_proposed →
 * decision_approved → communicated → closed | escalated; reopen on appeal goes back to investigating and
 * needs a fresh proposal and approval. The only way into `decision_approved` is `approve`, and the only
 * way into `closed` is through it, so no complaint is closed without a decision.
 */
import { err, ok, type Result } from '../../kernel/index.ts';
import type { Action, ActionKind, Actor, Complaint, ComplaintState } from './types.ts';

/** Compensation above this (minor units, per currency) needs a second operator with the approver role. */
export interface FourEyesPolicy {
  thresholds: Record<string, number>;
}
/** CNY 1,000.00: a configurable default, not law. A currency without a threshold always needs four eyes. */
export const defaultFourEyes: FourEyesPolicy = { thresholds: { CNY: 100_000 } };

export type WorkflowError =
  | { kind: 'transition'; from: ComplaintState; action: ActionKind }
  | { kind: 'four_eyes' }
  | { kind: 'notice' }
  | { kind: 'invalid'; pointer: string; en: string; zh: string };

const from: Record<ActionKind, readonly ComplaintState[]> = {
  acknowledge: ['received'],
  investigate: ['received', 'acknowledged'],
  extend: ['received', 'acknowledged', 'investigating', 'decision_proposed'],
  propose: ['investigating'],
  approve: ['decision_proposed'],
  return: ['decision_proposed'],
  communicate: ['decision_approved'],
  close: ['communicated'],
  escalate: ['acknowledged', 'investigating', 'communicated', 'closed'],
  reopen: ['communicated', 'closed', 'escalated'],
};

/** The actions allowed in a state (for the console's buttons and the CLI's help). */
export function actionsIn(state: ComplaintState): ActionKind[] {
  return (Object.keys(from) as ActionKind[]).filter((k) => from[k].includes(state));
}

export function needsFourEyes(c: Pick<Complaint, 'proposal'>, policy: FourEyesPolicy): boolean {
  const p = c.proposal;
  if (!p || p.compensationMinor === 0) return false;
  const limit = policy.thresholds[p.currency];
  return limit === undefined || p.compensationMinor > limit;
}

const rank = { normal: 0, complex: 1, special: 2 } as const;

/** Applies one action; the result is the complaint's next version (or why not). */
export function applyAction(
  c: Complaint,
  action: Action,
  actor: Actor,
  now: number,
  fourEyes: FourEyesPolicy,
): Result<Complaint, WorkflowError> {
  if (!from[action.kind].includes(c.state)) return err({ kind: 'transition', from: c.state, action: action.kind });
  const next = { ...c, version: c.version + 1 };
  switch (action.kind) {
    case 'acknowledge':
      return ok({ ...next, state: 'acknowledged' });
    case 'investigate':
      return ok({ ...next, state: 'investigating' });
    case 'extend':
      if (rank[action.to] <= rank[c.complexity])
        return err({
          kind: 'invalid',
          pointer: '/to',
          en: 'An extension can only lengthen the period.',
          zh: '延期只能延长处理期限。',
        });
      if (action.to === 'special' && !action.consumerNotified) return err({ kind: 'notice' });
      return ok({ ...next, complexity: action.to });
    case 'propose': {
      if (!Number.isSafeInteger(action.compensationMinor) || action.compensationMinor < 0)
        return err({ kind: 'invalid', pointer: '/compensation', en: 'Bad compensation amount.', zh: '赔偿金额无效。' });
      if (action.outcome === 'rejected' && action.compensationMinor > 0)
        return err({
          kind: 'invalid',
          pointer: '/compensation',
          en: 'A rejected complaint carries no compensation.',
          zh: '不予支持的投诉不能有赔偿。',
        });
      const proposal = {
        outcome: action.outcome,
        compensationMinor: action.compensationMinor,
        currency: action.currency,
        proposedBy: actor.id,
        proposedAt: now,
        ...(action.rootCause ? { rootCause: action.rootCause } : {}),
      };
      return ok({ ...next, state: 'decision_proposed', proposal, rootCause: action.rootCause ?? c.rootCause });
    }
    case 'approve':
      if (needsFourEyes(c, fourEyes) && (!actor.approver || actor.id === c.proposal?.proposedBy))
        return err({ kind: 'four_eyes' });
      return ok({ ...next, state: 'decision_approved', approvedBy: actor.id, decidedAt: c.decidedAt ?? now });
    case 'return':
      return ok({ ...next, state: 'investigating', proposal: undefined });
    case 'communicate':
      return ok({ ...next, state: 'communicated', communicatedAt: now });
    case 'close':
      return ok({ ...next, state: 'closed', closedAt: now });
    case 'escalate':
      return ok({ ...next, state: 'escalated', escalatedTo: action.to });
    case 'reopen':
      // An appeal: the earlier decision stays on record (decidedAt, history) but a new one is needed.
      return ok({
        ...next,
        state: 'investigating',
        proposal: undefined,
        approvedBy: undefined,
        closedAt: undefined,
        escalatedTo: undefined,
        reopened: c.reopened + 1,
      });
  }
}
