import type {
  AlertRecord,
  AttachmentMeta,
  AttachmentRecord,
  CaseRecord,
  CaseStatus,
  HistoryEntry,
  MovementRecord,
  PackageRecord,
  Priority,
  ReportRecord,
  ReportStatus,
} from '../core/types.ts';

/** What one projector step writes, all in one transaction together with its progress marker. */
export interface Projection {
  /** The progress marker the projector read; a different stored value means another projector moved on. */
  expectedSeq: number;
  /** The last decision seq this projection covers. */
  seq: number;
  newCases: CaseRecord[];
  alerts: AlertRecord[];
  /** Raises priority/score/last alert time and adds to the alert count of existing cases. */
  caseBumps: { caseId: string; priority: Priority; score: number; lastAlertAt: number; alerts: number }[];
  movements: MovementRecord[];
  history: HistoryEntry[];
}

export class ProjectionConflictError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`case projection expected progress ${expected} but found ${actual}`);
    this.name = 'ProjectionConflictError';
  }
}

/** A workflow write lost a race with another: re-read and retry. */
export class StaleWriteError extends Error {
  constructor(readonly id: string) {
    super(`${id} was changed by someone else`);
    this.name = 'StaleWriteError';
  }
}

export interface CaseFilter {
  status?: CaseStatus[];
  assignee?: string;
  queue?: string;
  priority?: Priority;
  customerId?: string;
  tag?: string;
  /** Only cases whose SLA deadline is before this instant. */
  dueBefore?: number;
  limit: number;
  /** Cases with id < before (ids are time-sortable: newest first pagination). */
  before?: string;
}

export interface AlertFilter {
  caseId?: string;
  customerId?: string;
  type?: string;
  source?: 'decision' | 'obligation';
  /** Obligation alerts no report has taken up yet. */
  unreported?: boolean;
  limit: number;
  before?: string;
}

export interface MovementFilter {
  from?: number;
  to?: number;
  limit: number;
}

/**
 * The cases module's own tables (next to the main store's: the same SQLite file, or the same
 * PostgreSQL schema). Every adapter passes `case-store.contract.ts`.
 */
export interface CaseStore {
  readonly kind: 'sqlite' | 'postgres';
  /** History entries with a `ledgerAction` reach the audit outbox in the write's own transaction. */
  readonly auditsInTransaction?: boolean;
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** The last decision seq projected (0 before the first). */
  progress(): Promise<number>;
  /** All or nothing; throws ProjectionConflictError when the progress marker is not `expectedSeq`. */
  applyProjection(p: Projection): Promise<void>;

  /** The newest non-closed case of the customer whose last alert is at or after `since`. */
  findGroupingCase(tenantId: string, customerId: string, since: number): Promise<CaseRecord | undefined>;
  getCase(tenantId: string, id: string): Promise<CaseRecord | undefined>;
  listCases(tenantId: string, f: CaseFilter): Promise<CaseRecord[]>;
  /** Writes the workflow fields of `c` when the stored version is `c.version - 1`; appends history. */
  updateCase(c: CaseRecord, history: HistoryEntry[]): Promise<void>;

  getAlert(tenantId: string, id: string): Promise<AlertRecord | undefined>;
  listAlerts(tenantId: string, f: AlertFilter): Promise<AlertRecord[]>;

  history(tenantId: string, subjectId: string): Promise<HistoryEntry[]>;
  appendHistory(h: HistoryEntry[]): Promise<void>;

  /** Movements where the party is debtor or creditor, oldest first. */
  movementsOfParty(tenantId: string, partyId: string, f: MovementFilter): Promise<MovementRecord[]>;
  /** Movements touching any of the accounts, oldest first. */
  movementsOfAccounts(tenantId: string, accounts: readonly string[], f: MovementFilter): Promise<MovementRecord[]>;

  /**
   * Stores a new report and marks its alerts as taken up, atomically; throws StaleWriteError when
   * one of them already belongs to another report.
   */
  createReport(r: ReportRecord, history: HistoryEntry[]): Promise<void>;
  /** Compare-and-set on version, as updateCase. A report moving to `rejected` releases its alerts when asked. */
  updateReport(r: ReportRecord, history: HistoryEntry[], opts?: { releaseAlerts?: boolean }): Promise<void>;
  getReport(tenantId: string, id: string): Promise<ReportRecord | undefined>;
  listReports(
    tenantId: string,
    f: { status?: ReportStatus[]; format?: string; str?: boolean; dueBefore?: string; limit: number },
  ): Promise<ReportRecord[]>;

  /** Next value (1, 2, …) of a named counter of the tenant: file sequence numbers. */
  nextSequence(tenantId: string, name: string): Promise<number>;
  putPackage(p: PackageRecord): Promise<void>;
  getPackage(tenantId: string, name: string): Promise<PackageRecord | undefined>;

  /** Stores an attachment and its history entries in one transaction. */
  putAttachment(a: AttachmentRecord, history: HistoryEntry[]): Promise<void>;
  /** The case's attachments without their bytes, oldest first. */
  listAttachments(tenantId: string, caseId: string): Promise<AttachmentMeta[]>;
  getAttachment(tenantId: string, caseId: string, id: string): Promise<AttachmentRecord | undefined>;
}
