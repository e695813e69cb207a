import { formatMoney } from '../kernel/index.ts';
import type { ClockView } from './core/clocks.ts';
import type { Complaint, ComplaintState, HistoryEntry } from './core/types.ts';
import { actionsIn } from './core/workflow.ts';
import type { ReserveMovement } from './core/reserve.ts';
import type { ComplaintPersonal } from './personal.ts';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export interface ComplaintView {
  id: string;
  customerId: string;
  channel: string;
  category: string;
  cause: string;
  productId?: string | undefined;
  eventIds: string[];
  loanIds: string[];
  regulator: string;
  receivedAt: string;
  complexity: string;
  state: ComplaintState;
  proposal?:
    | {
        outcome: string;
        compensation: { value: string; currency: string };
        proposedBy: string;
        proposedAt: string;
        rootCause?: string | undefined;
      }
    | undefined;
  approvedBy?: string | undefined;
  decidedAt?: string | undefined;
  communicatedAt?: string | undefined;
  closedAt?: string | undefined;
  escalatedTo?: string | undefined;
  reopened: number;
  rootCause?: string | undefined;
  version: number;
  contentHash: string;
  clock: ClockView;
  /** What can be done next, in this state. */
  actions: string[];
  /** Only when revealed (audited); `erased` when the key is destroyed. */
  personal?: ComplaintPersonal | undefined;
  personalErased?: boolean | undefined;
}

export function complaintView(c: Complaint, clock: ClockView): ComplaintView {
  const p = c.proposal;
  return {
    id: c.id,
    customerId: c.customerId,
    channel: c.channel,
    category: c.category,
    cause: c.cause,
    ...(c.links.productId ? { productId: c.links.productId } : {}),
    eventIds: c.links.eventIds,
    loanIds: c.links.loanIds,
    regulator: c.regulator,
    receivedAt: new Date(c.receivedAt).toISOString(),
    complexity: c.complexity,
    state: c.state,
    ...(p
      ? {
          proposal: {
            outcome: p.outcome,
            compensation: {
              value: formatMoney({ minor: p.compensationMinor, currency: p.currency }),
              currency: p.currency,
            },
            proposedBy: p.proposedBy,
            proposedAt: new Date(p.proposedAt).toISOString(),
            ...(p.rootCause ? { rootCause: p.rootCause } : {}),
          },
        }
      : {}),
    ...(c.approvedBy ? { approvedBy: c.approvedBy } : {}),
    ...(c.decidedAt !== undefined ? { decidedAt: iso(c.decidedAt) } : {}),
    ...(c.communicatedAt !== undefined ? { communicatedAt: iso(c.communicatedAt) } : {}),
    ...(c.closedAt !== undefined ? { closedAt: iso(c.closedAt) } : {}),
    ...(c.escalatedTo ? { escalatedTo: c.escalatedTo } : {}),
    reopened: c.reopened,
    ...(c.rootCause ? { rootCause: c.rootCause } : {}),
    version: c.version,
    contentHash: c.contentHash,
    clock,
    actions: actionsIn(c.state),
  };
}

export interface HistoryView {
  seq: number;
  action: string;
  actorId: string;
  from: string | null;
  to: string;
  at: string;
  dataHash: string;
}

export const historyView = (h: HistoryEntry): HistoryView => ({
  seq: h.seq,
  action: h.action,
  actorId: h.actorId,
  from: h.from,
  to: h.to,
  at: new Date(h.at).toISOString(),
  dataHash: h.dataHash,
});

export interface MovementView {
  id: string;
  kind: string;
  amount: { value: string; currency: string };
  complaintId?: string | undefined;
  actorId: string;
  at: string;
}

export const movementView = (m: ReserveMovement): MovementView => ({
  id: m.id,
  kind: m.kind,
  amount: { value: formatMoney({ minor: m.amountMinor, currency: m.currency }), currency: m.currency },
  ...(m.complaintId ? { complaintId: m.complaintId } : {}),
  actorId: m.actorId,
  at: new Date(m.at).toISOString(),
});
