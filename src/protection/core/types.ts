/** Complaints on statutory clocks: the pure model. Money in integer minor units with its ISO 4217 code. */
import { Type, type Static } from '@sinclair/typebox';

export const complaintStates = [
  'received',
  'acknowledged',
  'investigating',
  'decision_proposed',
  'decision_approved',
  'communicated',
  'closed',
  'escalated',
] as const;
export type ComplaintState = (typeof complaintStates)[number];

export const channels = ['api', 'console', 'portal', 'phone', 'branch'] as const;
export type Channel = (typeof channels)[number];

export const outcomes = ['upheld', 'partially_upheld', 'rejected'] as const;
export type Outcome = (typeof outcomes)[number];

/** normal: the base period; complex / special: the extended periods (special needs notice to the consumer). */
export const complexities = ['normal', 'complex', 'special'] as const;
export type Complexity = (typeof complexities)[number];

export const escalationTargets = ['mediation', 'regulator'] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

const lits = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Ms = Type.Integer({ description: 'Epoch milliseconds' });

export const ProposalSchema = Type.Object({
  outcome: lits(outcomes),
  /** Compensation in minor units (0: none). */
  compensationMinor: Type.Integer(),
  currency: Type.String(),
  proposedBy: Type.String(),
  proposedAt: Ms,
  /** Root-cause tag fed back to rule and product owners (free code, not the consumer's words). */
  rootCause: Type.Optional(Type.String()),
});
export type Proposal = Static<typeof ProposalSchema>;

export const LinksSchema = Type.Object({
  productId: Type.Optional(Type.String()),
  eventIds: Type.Array(Type.String()),
  loanIds: Type.Array(Type.String()),
});
export type Links = Static<typeof LinksSchema>;

/** A complaint as stored (the `doc` column): read back only through this schema. */
export const ComplaintSchema = Type.Object(
  {
    tenantId: Type.String(),
    id: Type.String(),
    /** The customer (party id); personal data is never here in clear. */
    customerId: Type.String(),
    channel: lits(channels),
    category: Type.String(),
    cause: Type.String(),
    links: LinksSchema,
    /** Which regulator's clock applies (a key of the tenant's clock policies). */
    regulator: Type.String(),
    timeZone: Type.String(),
    receivedAt: Ms,
    complexity: lits(complexities),
    state: lits(complaintStates),
    proposal: Type.Optional(ProposalSchema),
    approvedBy: Type.Optional(Type.String()),
    decidedAt: Type.Optional(Ms),
    communicatedAt: Type.Optional(Ms),
    closedAt: Type.Optional(Ms),
    escalatedTo: Type.Optional(lits(escalationTargets)),
    reopened: Type.Integer({ minimum: 0 }),
    /** The latest root-cause tag given with a proposal (kept across an appeal), for rule and product owners. */
    rootCause: Type.Optional(Type.String()),
    version: Type.Integer({ minimum: 1 }),
    /** SHA-256 of the sealed personal data and description: proves what was filed without revealing it. */
    contentHash: Type.String(),
  },
  { $id: 'Complaint' },
);
export type Complaint = Static<typeof ComplaintSchema>;

/** What an operator does to a complaint. */
export type Action =
  | { kind: 'acknowledge' }
  | { kind: 'investigate' }
  | { kind: 'extend'; to: Exclude<Complexity, 'normal'>; consumerNotified: boolean }
  | {
      kind: 'propose';
      outcome: Outcome;
      compensationMinor: number;
      currency: string;
      rootCause?: string | undefined;
    }
  | { kind: 'approve' }
  | { kind: 'return'; reason: string }
  | { kind: 'communicate' }
  | { kind: 'close' }
  | { kind: 'escalate'; to: EscalationTarget }
  | { kind: 'reopen' };
export type ActionKind = Action['kind'];
/** Every action a history entry can record: filing and each operator action. */
export const historyActions = [
  'file',
  'acknowledge',
  'investigate',
  'extend',
  'propose',
  'approve',
  'return',
  'communicate',
  'close',
  'escalate',
  'reopen',
] as const satisfies readonly (ActionKind | 'file')[];

export interface Actor {
  id: string;
  /** The actor holds the approver role (four eyes above the threshold). */
  approver: boolean;
}

/** One step of a complaint's history: ids, states and a hash; never the consumer's words. */
export interface HistoryEntry {
  tenantId: string;
  complaintId: string;
  seq: number;
  action: ActionKind | 'file';
  actorId: string;
  from: ComplaintState | null;
  to: ComplaintState;
  at: number;
  /** SHA-256 of the canonical action payload. */
  dataHash: string;
}
