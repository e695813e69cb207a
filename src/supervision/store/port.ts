import type { AlertKind } from '../core/witness.ts';
import type { PlatformStatus } from '../core/status.ts';
import type { ExitPlan } from '../core/exit-plan.ts';
import type { ThrottleState } from '../core/login-throttle.ts';
import type { HubDisclosure } from '../filings/schemas.ts';
import type { LedgerStore } from '../../ledger/index.ts';
import type { AlertHandling } from '../core/alert-handling.ts';

/** Kinds of filings kept as the latest copy per item (disclosures have a table of their own). */
export type FilingKind = 'report' | 'complaint_stats' | 'incident' | 'indicators';

export interface StoredFiling {
  key: string;
  /** The item's JSON as received (read back with the kind's schema). */
  body: string;
  receivedAt: number;
}

export interface ReportFileRecord {
  platformId: string;
  tenantId: string;
  reportId: string;
  requestedBy: string;
  requestedAt: number;
  fileName: string | null;
  sha256: string | null;
  /** base64 */
  content: string | null;
  receivedAt: number | null;
}

export interface SupervisorRecord {
  id: string;
  username: string;
  passwordHash: string;
  /** May add supervisors and register platforms' keys. */
  admin: boolean;
  createdAt: number;
  disabled: boolean;
}

export interface HubSession {
  tokenHash: string;
  supervisorId: string;
  expiresAt: number;
}

export interface PlatformRecord {
  id: string;
  name: string;
  licenceType: string;
  businessScope: string[];
  status: PlatformStatus;
  /** The platform ledger's checkpoint origin line: how the witness finds the log. */
  origin: string;
  /** Verifier keys of the platform's ledger (signed-note Ed25519 vkeys). */
  ledgerKeys: string[];
  /** Verifier key the platform signs its requests to the hub with. */
  requestKey: string;
  registeredAt: number;
  registeredBy: string;
}

export type Decision = 'pending' | 'approved' | 'rejected';

export interface StatusChange {
  id: string;
  platformId: string;
  from: PlatformStatus;
  to: PlatformStatus;
  reason: string;
  proposedBy: string;
  proposedAt: number;
  decision: Decision;
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface WitnessedCheckpoint {
  platformId: string;
  size: number;
  rootHash: string;
  note: string;
  /** The cosignature line the hub returned. */
  cosignature: string;
  at: number;
}

export interface HubAlert {
  id: string;
  platformId: string;
  kind: AlertKind | 'stale' | 'disclosure_mismatch';
  message: string;
  messageZh: string;
  /** The last checkpoint the hub accepted and the one that raised the alert (signed notes). */
  acceptedCheckpoint: string | null;
  submittedCheckpoint: string | null;
  raisedAt: number;
  closedAt: number | null;
}

/** An alert with its handling by supervisors (null until acknowledged; see core/alert-handling.ts). */
export type HandledAlert = HubAlert & { handling: AlertHandling | null };

/** A supervisor's step on an alert: who, when, and the note saying why. */
export interface AlertStep {
  by: string;
  at: number;
  note: string;
}

/**
 * One hub action (a supervisor's, or the hub's own: alert raised, checkpoint accepted), written in the
 * same transaction as the change it records, together with its entry in the hub's ledger outbox.
 */
export interface HubAuditEntry {
  actorId: string;
  action: string;
  subjectId: string;
  detail: string;
  at: number;
}

/** The hub's records. Every write that a supervisor makes carries its audit entry. */
export interface HubStore {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  addSupervisor(s: SupervisorRecord, audit: HubAuditEntry): Promise<void>;
  supervisorByName(username: string): Promise<SupervisorRecord | undefined>;
  supervisor(id: string): Promise<SupervisorRecord | undefined>;
  putSession(s: HubSession): Promise<void>;
  session(tokenHash: string): Promise<HubSession | undefined>;
  dropSession(tokenHash: string): Promise<void>;

  /** Throws a unique violation when the id or origin is taken. */
  addPlatform(p: PlatformRecord, audit: HubAuditEntry): Promise<void>;
  platform(id: string): Promise<PlatformRecord | undefined>;
  platformByOrigin(origin: string): Promise<PlatformRecord | undefined>;
  platforms(): Promise<PlatformRecord[]>;
  setLedgerKeys(id: string, keys: string[], audit: HubAuditEntry): Promise<boolean>;

  proposeChange(c: StatusChange, audit: HubAuditEntry): Promise<void>;
  change(id: string): Promise<StatusChange | undefined>;
  changes(platformId: string): Promise<StatusChange[]>;
  /**
   * Applies a pending change decided by someone other than its proposer, atomically with the
   * platform's status (which must still be `from`). False when any of that no longer holds.
   */
  decideChange(
    id: string,
    decision: 'approved' | 'rejected',
    by: string,
    at: number,
    audit: HubAuditEntry,
  ): Promise<boolean>;

  witnessState(platformId: string): Promise<WitnessedCheckpoint | undefined>;
  /** Stores `cp` as the latest if the latest is still of `oldSize` (0: none); false otherwise. */
  acceptCheckpoint(cp: WitnessedCheckpoint, oldSize: number): Promise<boolean>;
  checkpoints(platformId: string, limit: number): Promise<WitnessedCheckpoint[]>;
  /** A checkpoint of this tree size the hub cosigned for the platform (the latest such). */
  checkpointAt(platformId: string, size: number): Promise<WitnessedCheckpoint | undefined>;
  /** When each platform last advanced (a larger tree accepted). */
  lastAdvanced(): Promise<Map<string, number>>;

  raiseAlert(a: HubAlert): Promise<void>;
  openAlert(platformId: string, kind: HubAlert['kind']): Promise<HubAlert | undefined>;
  /** The hub closing alerts whose cause went away (a stale ledger advanced); not a supervisor's resolution. */
  closeAlerts(platformId: string, kind: HubAlert['kind'], at: number): Promise<number>;
  alerts(filter: { platformId?: string; open?: boolean; limit: number }): Promise<HandledAlert[]>;
  alert(id: string): Promise<HandledAlert | undefined>;
  /** Each of these is false (and writes nothing) when the alert is not in the state the step needs. */
  acknowledgeAlert(id: string, step: AlertStep, audit: HubAuditEntry): Promise<boolean>;
  /** One supervisor resolves (not for rewritten-history or unknown-key alerts: those need two). */
  resolveAlert(id: string, step: AlertStep, audit: HubAuditEntry): Promise<boolean>;
  proposeResolution(id: string, step: AlertStep, audit: HubAuditEntry): Promise<boolean>;
  /** A supervisor other than the proposer confirms the proposed resolution; the alert closes. */
  confirmResolution(id: string, step: Omit<AlertStep, 'note'>, audit: HubAuditEntry): Promise<boolean>;
  /** Sends a proposed resolution back (the note is in the audit entry); the alert is acknowledged again. */
  rejectResolution(id: string, audit: HubAuditEntry): Promise<boolean>;

  /** Records a request nonce; false when it was seen before (a replay). Forgets expired ones. */
  useNonce(keyId: string, nonce: string, expiresAt: number, now: number): Promise<boolean>;
  auditLog(limit: number): Promise<(HubAuditEntry & { seq: number })[]>;
  /** An audit entry on its own (sign-ins, their failures and locks), with its ledger entry. */
  audit(entry: HubAuditEntry): Promise<void>;
  /** Audit rows of one instant (to re-derive the ledger entries of that instant). */
  auditAt(at: number): Promise<(HubAuditEntry & { seq: number })[]>;
  /** Audit rows in order, seq > afterSeq. */
  auditRows(afterSeq: number, limit: number): Promise<(HubAuditEntry & { seq: number })[]>;
  /**
   * The hub's own Merkle ledger, in the same database: every audit row above is also written, in its
   * transaction, to this ledger's outbox (see ./sql-audit.ts).
   */
  readonly ledger: LedgerStore;

  /** Keeps the latest copy of each item (by kind and key), in one transaction. */
  putFilings(platformId: string, items: { kind: FilingKind; key: string; body: string }[], at: number): Promise<void>;
  filings(platformId: string, kind: FilingKind, limit: number): Promise<StoredFiling[]>;
  /** When the platform last sent anything. */
  lastFilingAt(platformId: string): Promise<number | undefined>;
  disclosure(platformId: string, tenantId: string, id: string): Promise<HubDisclosure | undefined>;
  putDisclosure(d: HubDisclosure): Promise<void>;
  disclosures(platformId: string, limit: number): Promise<HubDisclosure[]>;
  /** Asks for a report's file (once; false when already asked), with its audit entry. */
  requestFile(
    r: { platformId: string; tenantId: string; reportId: string; requestedBy: string; requestedAt: number },
    audit: HubAuditEntry,
  ): Promise<boolean>;
  /** Files asked for and not received yet. */
  fileRequests(platformId: string): Promise<{ tenantId: string; reportId: string }[]>;
  /** Keeps a requested file; false when it was not asked for. */
  putFile(
    platformId: string,
    tenantId: string,
    reportId: string,
    f: { fileName: string; sha256: string; content: string },
    at: number,
  ): Promise<boolean>;
  reportFile(platformId: string, tenantId: string, reportId: string): Promise<ReportFileRecord | undefined>;
  exitPlan(platformId: string): Promise<ExitPlan | undefined>;
  putExitPlan(plan: ExitPlan): Promise<void>;

  /** Counts a failed sign-in for `key` (forgetting failures before `forgetBefore`) and sets its lock; the new state. */
  loginFailure(
    key: string,
    now: number,
    forgetBefore: number,
    lockMs: (failures: number) => number,
  ): Promise<ThrottleState>;
  loginState(key: string): Promise<ThrottleState | undefined>;
  clearLogin(key: string): Promise<void>;
}
