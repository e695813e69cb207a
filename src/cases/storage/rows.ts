import { Type } from '@sinclair/typebox';
import type {
  AlertRecord,
  CaseRecord,
  HistoryEntry,
  MovementRecord,
  PackageRecord,
  ReportRecord,
} from '../core/types.ts';
import {
  alertSources,
  caseStatuses,
  messageTypes,
  priorities,
  reportFormats,
  reportStatuses,
  resolutions,
} from '../core/types.ts';
import { rowOf, type Row } from '../../store/index.ts';

// Stored JSON columns, checked on the way out so a corrupted row fails naming its column.
const StringList = Type.Array(Type.String(), { $id: 'string[]' });
const Detail = Type.Record(Type.String(), Type.Unknown(), { $id: 'object' });
const Pending = Type.Object(
  {
    resolution: Type.Union(resolutions.map((r) => Type.Literal(r))),
    requestedBy: Type.String(),
    requestedAt: Type.Number(),
    reason: Type.String(),
  },
  { $id: 'PendingApproval' },
);

export const priorityRank = (p: CaseRecord['priority']): number => priorities.indexOf(p);

export const caseFromRow = (row: Row): CaseRecord => {
  const r = rowOf(row, 'case_cases');
  return {
    id: r.str('id'),
    tenantId: r.str('tenant_id'),
    customerId: r.str('customer_id'),
    status: r.oneOf('status', caseStatuses),
    priority: r.oneOf('priority', priorities),
    score: r.int('score'),
    queue: r.str('queue'),
    assignee: r.optStr('assignee'),
    tags: r.json('tags', StringList),
    dueAt: r.int('due_at'),
    openedAt: r.int('opened_at'),
    lastAlertAt: r.int('last_alert_at'),
    alertCount: r.int('alert_count'),
    pending: r.optJson('pending', Pending),
    resolution: r.optOneOf('resolution', resolutions),
    closedAt: r.optInt('closed_at'),
    version: r.int('version'),
    updatedAt: r.int('updated_at'),
  };
};

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

export const alertFromRow = (row: Row): AlertRecord => {
  const r = rowOf(row, 'case_alerts');
  return {
    id: r.str('id'),
    tenantId: r.str('tenant_id'),
    caseId: r.str('case_id'),
    eventId: r.str('event_id'),
    decisionSeq: r.int('decision_seq'),
    customerId: r.str('customer_id'),
    source: r.oneOf('source', alertSources),
    type: r.str('type'),
    code: r.str('code'),
    ruleIds: r.json('rule_ids', StringList),
    score: r.int('score'),
    priority: r.oneOf('priority', priorities),
    dueBy: r.optStr('due_by'),
    occurredAt: r.int('occurred_at'),
    createdAt: r.int('created_at'),
    reportId: r.optStr('report_id'),
  };
};
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

export const historyFromRow = (row: Row): HistoryEntry => {
  const r = rowOf(row, 'case_history');
  return {
    id: r.str('id'),
    tenantId: r.str('tenant_id'),
    subjectId: r.str('subject_id'),
    at: r.int('at'),
    actor: r.str('actor'),
    action: r.str('action'),
    detail: r.json('detail', Detail),
  };
};
export const historyParams = (h: HistoryEntry): unknown[] => [
  h.id,
  h.tenantId,
  h.subjectId,
  h.at,
  h.actor,
  h.action,
  JSON.stringify(h.detail),
];

export const movementFromRow = (row: Row): MovementRecord => {
  const r = rowOf(row, 'case_movements');
  return {
    tenantId: r.str('tenant_id'),
    eventId: r.str('event_id'),
    seq: r.int('seq'),
    type: r.str('type'),
    occurredAt: r.int('occurred_at'),
    outcome: r.str('outcome'),
    debtorParty: r.optStr('debtor_party'),
    debtorAccount: r.optStr('debtor_account'),
    creditorParty: r.optStr('creditor_party'),
    creditorAccount: r.optStr('creditor_account'),
    amountMinor: r.optInt('amount_minor'),
    currency: r.optStr('currency'),
  };
};
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
export const reportFromRow = (row: Row): ReportRecord => {
  const r = rowOf(row, 'case_reports');
  return {
    id: r.str('id'),
    tenantId: r.str('tenant_id'),
    format: r.oneOf('format', reportFormats),
    messageType: r.oneOf('message_type', messageTypes),
    status: r.oneOf('status', reportStatuses),
    str: r.bool('str'),
    caseId: r.optStr('case_id'),
    alertIds: r.json('alert_ids', StringList),
    correctsId: r.optStr('corrects_id'),
    payload: r.json('payload', Detail),
    dueBy: r.str('due_by'),
    createdBy: r.str('created_by'),
    createdAt: r.int('created_at'),
    approvedBy: r.optStr('approved_by'),
    approvedAt: r.optInt('approved_at'),
    submittedAt: r.optInt('submitted_at'),
    fileName: r.optStr('file_name'),
    packageName: r.optStr('package_name'),
    sha256: r.optStr('sha256'),
    ackAt: r.optInt('ack_at'),
    ackNote: r.optStr('ack_note'),
    version: r.int('version'),
  };
};

export const packageFromRow = (row: Row): PackageRecord => {
  const r = rowOf(row, 'case_packages');
  return {
    name: r.str('name'),
    tenantId: r.str('tenant_id'),
    reportIds: r.json('report_ids', StringList),
    sha256: r.str('sha256'),
    // A copy, so the record never aliases the driver's Buffer.
    bytes: new Uint8Array(r.bytes('bytes')),
    createdAt: r.int('created_at'),
  };
};

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
