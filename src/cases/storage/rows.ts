import type {
  AlertRecord,
  CaseRecord,
  HistoryEntry,
  MovementRecord,
  PackageRecord,
  ReportRecord,
} from '../core/types.ts';
import { priorities } from '../core/types.ts';
import type { Row } from '../../store/index.ts';

// PostgreSQL BIGINT arrives as a string; our values (epoch ms, seq, minor units) fit a double exactly.
const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));
const json = <T>(v: unknown): T => JSON.parse(v as string) as T;

export const priorityRank = (p: CaseRecord['priority']): number => priorities.indexOf(p);

export const caseFromRow = (r: Row): CaseRecord => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  customerId: r.customer_id as string,
  status: r.status as CaseRecord['status'],
  priority: r.priority as CaseRecord['priority'],
  score: num(r.score),
  queue: r.queue as string,
  assignee: optStr(r.assignee),
  tags: json<string[]>(r.tags),
  dueAt: num(r.due_at),
  openedAt: num(r.opened_at),
  lastAlertAt: num(r.last_alert_at),
  alertCount: num(r.alert_count),
  pending: r.pending === null ? null : json<CaseRecord['pending']>(r.pending),
  resolution: optStr(r.resolution) as CaseRecord['resolution'],
  closedAt: optNum(r.closed_at),
  version: num(r.version),
  updatedAt: num(r.updated_at),
});

export const caseParams = (c: CaseRecord): unknown[] => [
  c.id,
  c.tenantId,
  c.customerId,
  c.status,
  c.priority,
  priorityRank(c.priority),
  c.score,
  c.queue,
  c.assignee,
  JSON.stringify(c.tags),
  c.dueAt,
  c.openedAt,
  c.lastAlertAt,
  c.alertCount,
  c.pending === null ? null : JSON.stringify(c.pending),
  c.resolution,
  c.closedAt,
  c.version,
  c.updatedAt,
];
export const caseColumns =
  'id, tenant_id, customer_id, status, priority, priority_rank, score, queue, assignee, tags, due_at, opened_at, last_alert_at, alert_count, pending, resolution, closed_at, version, updated_at';

export const alertFromRow = (r: Row): AlertRecord => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  caseId: r.case_id as string,
  eventId: r.event_id as string,
  decisionSeq: num(r.decision_seq),
  customerId: r.customer_id as string,
  source: r.source as AlertRecord['source'],
  type: r.type as string,
  code: r.code as string,
  ruleIds: json<string[]>(r.rule_ids),
  score: num(r.score),
  priority: r.priority as AlertRecord['priority'],
  dueBy: optStr(r.due_by),
  occurredAt: num(r.occurred_at),
  createdAt: num(r.created_at),
  reportId: optStr(r.report_id),
});
export const alertColumns =
  'id, tenant_id, case_id, event_id, decision_seq, customer_id, source, type, code, rule_ids, score, priority, due_by, occurred_at, created_at, report_id';
export const alertParams = (a: AlertRecord): unknown[] => [
  a.id,
  a.tenantId,
  a.caseId,
  a.eventId,
  a.decisionSeq,
  a.customerId,
  a.source,
  a.type,
  a.code,
  JSON.stringify(a.ruleIds),
  a.score,
  a.priority,
  a.dueBy,
  a.occurredAt,
  a.createdAt,
  a.reportId,
];

export const historyFromRow = (r: Row): HistoryEntry => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  subjectId: r.subject_id as string,
  at: num(r.at),
  actor: r.actor as string,
  action: r.action as string,
  detail: json<Record<string, unknown>>(r.detail),
});
export const historyParams = (h: HistoryEntry): unknown[] => [
  h.id,
  h.tenantId,
  h.subjectId,
  h.at,
  h.actor,
  h.action,
  JSON.stringify(h.detail),
];

export const movementFromRow = (r: Row): MovementRecord => ({
  tenantId: r.tenant_id as string,
  eventId: r.event_id as string,
  seq: num(r.seq),
  type: r.type as string,
  occurredAt: num(r.occurred_at),
  outcome: r.outcome as string,
  debtorParty: optStr(r.debtor_party),
  debtorAccount: optStr(r.debtor_account),
  creditorParty: optStr(r.creditor_party),
  creditorAccount: optStr(r.creditor_account),
  amountMinor: optNum(r.amount_minor),
  currency: optStr(r.currency),
});
export const movementParams = (m: MovementRecord): unknown[] => [
  m.tenantId,
  m.eventId,
  m.seq,
  m.type,
  m.occurredAt,
  m.outcome,
  m.debtorParty,
  m.debtorAccount,
  m.creditorParty,
  m.creditorAccount,
  m.amountMinor,
  m.currency,
];

export const reportColumns =
  'id, tenant_id, format, message_type, status, str, case_id, alert_ids, corrects_id, payload, due_by, created_by, created_at, approved_by, approved_at, submitted_at, file_name, package_name, sha256, ack_at, ack_note, version';
export const reportParams = (r: ReportRecord): unknown[] => [
  r.id,
  r.tenantId,
  r.format,
  r.messageType,
  r.status,
  r.str ? 1 : 0,
  r.caseId,
  JSON.stringify(r.alertIds),
  r.correctsId,
  JSON.stringify(r.payload),
  r.dueBy,
  r.createdBy,
  r.createdAt,
  r.approvedBy,
  r.approvedAt,
  r.submittedAt,
  r.fileName,
  r.packageName,
  r.sha256,
  r.ackAt,
  r.ackNote,
  r.version,
];
export const reportFromRow = (r: Row): ReportRecord => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  format: r.format as ReportRecord['format'],
  messageType: r.message_type as ReportRecord['messageType'],
  status: r.status as ReportRecord['status'],
  str: num(r.str) === 1,
  caseId: optStr(r.case_id),
  alertIds: json<string[]>(r.alert_ids),
  correctsId: optStr(r.corrects_id),
  payload: json<Record<string, unknown>>(r.payload),
  dueBy: r.due_by as string,
  createdBy: r.created_by as string,
  createdAt: num(r.created_at),
  approvedBy: optStr(r.approved_by),
  approvedAt: optNum(r.approved_at),
  submittedAt: optNum(r.submitted_at),
  fileName: optStr(r.file_name),
  packageName: optStr(r.package_name),
  sha256: optStr(r.sha256),
  ackAt: optNum(r.ack_at),
  ackNote: optStr(r.ack_note),
  version: num(r.version),
});

export const packageFromRow = (r: Row): PackageRecord => ({
  name: r.name as string,
  tenantId: r.tenant_id as string,
  reportIds: json<string[]>(r.report_ids),
  sha256: r.sha256 as string,
  bytes: new Uint8Array(r.bytes as Buffer),
  createdAt: num(r.created_at),
});

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
