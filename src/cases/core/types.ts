/** What the cases module keeps. Times are epoch milliseconds (UTC); dates are YYYY-MM-DD (tenant's calendar). */

/** Lists a union's members for checks at the storage edge; leaving one out is a type error. */
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(
    ...values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)
  ): readonly T[] =>
    values;

export type Priority = 'low' | 'medium' | 'high' | 'critical';
export const priorities: readonly Priority[] = ['low', 'medium', 'high', 'critical'];

export type CaseStatus =
  'open' | 'assigned' | 'investigating' | 'escalated' | 'closed_false_positive' | 'closed_no_report' | 'reported';
export const caseStatuses: readonly CaseStatus[] = [
  'open',
  'assigned',
  'investigating',
  'escalated',
  'closed_false_positive',
  'closed_no_report',
  'reported',
];
export const closedStatuses: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  'closed_false_positive',
  'closed_no_report',
  'reported',
]);

/** How a case may end; each needs a second operator with the approver role. */
export type Resolution = 'false_positive' | 'no_report' | 'reported';
export const resolutionStatus: Record<Resolution, CaseStatus> = {
  false_positive: 'closed_false_positive',
  no_report: 'closed_no_report',
  reported: 'reported',
};
export const resolutions = allOf<Resolution>()('false_positive', 'no_report', 'reported');

/** `decision` for a review/block outcome, `obligation` for a report obligation. */
export type AlertSource = 'decision' | 'obligation';
export const alertSources = allOf<AlertSource>()('decision', 'obligation');

export interface AlertRecord {
  id: string;
  tenantId: string;
  caseId: string;
  eventId: string;
  /** The main store's commit sequence of the decision that raised it. */
  decisionSeq: number;
  customerId: string;
  source: AlertSource;
  /** Typology (or rule id when the rule has none) for decisions; obligation kind for obligations. */
  type: string;
  /** Obligation code (e.g. PBOC large-value feature code `0501`), or the decision outcome. */
  code: string;
  ruleIds: string[];
  score: number;
  priority: Priority;
  /** Obligation deadline (YYYY-MM-DD) when there is one. */
  dueBy: string | null;
  occurredAt: number;
  createdAt: number;
  /** The report that took this obligation up, once one did. */
  reportId: string | null;
}

export interface PendingApproval {
  resolution: Resolution;
  requestedBy: string;
  requestedAt: number;
  reason: string;
}

export interface CaseRecord {
  id: string;
  tenantId: string;
  customerId: string;
  status: CaseStatus;
  priority: Priority;
  /** Highest alert score. */
  score: number;
  queue: string;
  assignee: string | null;
  tags: string[];
  /** SLA deadline. */
  dueAt: number;
  openedAt: number;
  lastAlertAt: number;
  alertCount: number;
  pending: PendingApproval | null;
  resolution: Resolution | null;
  closedAt: number | null;
  /** Bumped by every workflow write; the projector's alert bumps do not touch it. */
  version: number;
  updatedAt: number;
}

export interface HistoryEntry {
  id: string;
  tenantId: string;
  /** A case id or a report id. */
  subjectId: string;
  at: number;
  /** User id, or `system` for the projector. */
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  /**
   * The audit-ledger action this entry is also recorded as (`case.close`, `str.report.approve`…): written
   * to the ledger's outbox in the same transaction by a store that can (CaseStore.auditsInTransaction).
   */
  ledgerAction?: string;
}

/** One money movement, indexed from every committed decision for timelines and the counterparty graph. */
export interface MovementRecord {
  tenantId: string;
  eventId: string;
  seq: number;
  type: string;
  occurredAt: number;
  outcome: string;
  debtorParty: string | null;
  debtorAccount: string | null;
  creditorParty: string | null;
  creditorAccount: string | null;
  amountMinor: number | null;
  currency: string | null;
}

export type ReportStatus = 'draft' | 'approved' | 'submitted' | 'acknowledged' | 'rejected';
export type ReportFormat = 'pboc_hvtr' | 'pboc_bstr' | 'goaml' | 'fincen_sar' | 'fincen_ctr';
/** PBOC message type: N normal, C correction, D deletion. */
export type MessageType = 'N' | 'C' | 'D';
export const reportStatuses = allOf<ReportStatus>()('draft', 'approved', 'submitted', 'acknowledged', 'rejected');
export const reportFormats = allOf<ReportFormat>()('pboc_hvtr', 'pboc_bstr', 'goaml', 'fincen_sar', 'fincen_ctr');
export const messageTypes = allOf<MessageType>()('N', 'C', 'D');

export interface ReportRecord {
  id: string;
  tenantId: string;
  format: ReportFormat;
  messageType: MessageType;
  status: ReportStatus;
  /** Suspicious reports (and anything derived from one) are hidden from non-AML roles. */
  str: boolean;
  caseId: string | null;
  alertIds: string[];
  /** The report being corrected or deleted. */
  correctsId: string | null;
  /** Format-specific content (built at draft time, frozen at approval). */
  payload: Record<string, unknown>;
  dueBy: string;
  createdBy: string;
  createdAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
  submittedAt: number | null;
  fileName: string | null;
  packageName: string | null;
  sha256: string | null;
  ackAt: number | null;
  ackNote: string | null;
  version: number;
}

export interface PackageRecord {
  name: string;
  tenantId: string;
  reportIds: string[];
  sha256: string;
  bytes: Uint8Array;
  createdAt: number;
}

/** A file attached to a case: its bytes are kept with their SHA-256. */
export interface AttachmentMeta {
  id: string;
  tenantId: string;
  caseId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: number;
}

export interface AttachmentRecord extends AttachmentMeta {
  bytes: Uint8Array;
}

/** The counterparty graph around an account (built by graph.ts; the console reads the same type). */
export interface GraphNode {
  account: string;
  party: string | null;
  /** Hops from the centre account. */
  hop: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  count: number;
  /** Totals per currency, decimal strings. */
  amounts: Record<string, string>;
  firstAt: number;
  lastAt: number;
  eventIds: string[];
}

export interface CounterpartyGraph {
  centre: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when a limit cut the graph short. */
  truncated: boolean;
}

/** One item of a customer's timeline (GET /v1/customers/{id}/timeline). */
export type TimelineItem =
  | {
      kind: 'event';
      at: number;
      eventId: string;
      type: string;
      direction: 'in' | 'out' | 'other';
      amount: string | null;
      currency: string | null;
      counterparty: string | null;
      outcome: string;
      score: number | null;
      ruleIds: string[];
      obligations: { kind: string; code: string; dueBy: string }[];
    }
  | { kind: 'alert'; at: number; alertId: string; caseId: string; source: string; type: string; code: string };
