/** Complaints on statutory clocks: the pure model. Money in integer minor units with its ISO 4217 code. */

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

export type EscalationTarget = 'mediation' | 'regulator';

export interface Proposal {
  outcome: Outcome;
  /** Compensation in minor units (0: none). */
  compensationMinor: number;
  currency: string;
  proposedBy: string;
  proposedAt: number;
  /** Root-cause tag fed back to rule and product owners (free code, not the consumer's words). */
  rootCause?: string | undefined;
}

export interface Links {
  productId?: string | undefined;
  eventIds: string[];
  loanIds: string[];
}

export interface Complaint {
  tenantId: string;
  id: string;
  /** The customer (party id); personal data is never here in clear. */
  customerId: string;
  channel: Channel;
  category: string;
  cause: string;
  links: Links;
  /** Which regulator's clock applies (a key of the tenant's clock policies). */
  regulator: string;
  timeZone: string;
  receivedAt: number;
  complexity: Complexity;
  state: ComplaintState;
  proposal?: Proposal | undefined;
  approvedBy?: string | undefined;
  decidedAt?: number | undefined;
  communicatedAt?: number | undefined;
  closedAt?: number | undefined;
  escalatedTo?: EscalationTarget | undefined;
  reopened: number;
  /** The latest root-cause tag given with a proposal (kept across an appeal), for rule and product owners. */
  rootCause?: string | undefined;
  version: number;
  /** SHA-256 of the sealed personal data and description: proves what was filed without revealing it. */
  contentHash: string;
}

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
