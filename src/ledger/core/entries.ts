/**
 * What goes into the ledger: ids and hashes only, never personal data, so that crypto-shredding a
 * person's records later leaves every proof valid. An entry's bytes are its canonical JSON (sorted
 * keys, no whitespace); the leaf hash is RFC 6962 hashLeaf of those UTF-8 bytes.
 */
import { canonicalJson, sha256Hex } from '../../kernel/index.ts';
import type { StoredDecision } from '../../store/index.ts';

export interface DecisionEntry {
  kind: 'decision';
  tenantId: string;
  eventId: string;
  /** The decision's global commit sequence number in the main store. */
  seq: number;
  /** SHA-256 of the event's canonical JSON, as the store keeps it. */
  bodyHash: string;
  ruleSetVersion: string;
  outcome: string;
  /** SHA-256 of the canonical JSON of decision.reasons. */
  reasonsHash: string;
  /** SHA-256 of the canonical JSON of the whole decision. */
  decisionHash: string;
  decidedAt: number;
}

/** An operator action (login, rule-set change, approval, user created, …): who did what to which id. */
export interface AuditEntry {
  kind: 'audit';
  tenantId: string;
  /** e.g. `auth.login`, `ruleset.activate`, `user.create` */
  action: string;
  /** Id of the acting user or key (never a name or an e-mail address). */
  actorId: string;
  /** Id of the object acted on, if any. */
  subjectId?: string;
  /** SHA-256 hex of the action's details (e.g. a rule set's canonical JSON), if any. */
  dataHash?: string;
  /** Epoch milliseconds. */
  at: number;
}

export type LedgerEntry = DecisionEntry | AuditEntry;
export type AuditInput = Omit<AuditEntry, 'kind'>;

/** The ledger entry of a committed decision. */
export function decisionEntry(d: StoredDecision): DecisionEntry {
  const decision = d.decision as { reasons?: unknown } | null;
  const reasons =
    decision !== null && typeof decision === 'object' && Array.isArray(decision.reasons) ? decision.reasons : [];
  return {
    kind: 'decision',
    tenantId: d.tenantId,
    eventId: d.eventId,
    seq: d.seq,
    bodyHash: d.bodyHash,
    ruleSetVersion: d.ruleSetVersion,
    outcome: d.outcome,
    reasonsHash: sha256Hex(canonicalJson(reasons)),
    decisionHash: sha256Hex(canonicalJson(d.decision)),
    decidedAt: d.decidedAt,
  };
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const ACTION = /^[a-z][a-z0-9_.:-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** Why an audit input cannot go into the ledger (it must hold ids and hashes only), or undefined. */
export function auditProblem(a: AuditInput): string | undefined {
  if (!ID.test(a.tenantId)) return 'tenantId must be an id';
  if (!ACTION.test(a.action)) return 'action must look like `ruleset.activate`';
  if (!ID.test(a.actorId)) return 'actorId must be an id, not a name';
  if (a.subjectId !== undefined && !ID.test(a.subjectId)) return 'subjectId must be an id';
  if (a.dataHash !== undefined && !HEX64.test(a.dataHash)) return 'dataHash must be SHA-256 hex';
  if (!Number.isSafeInteger(a.at) || a.at < 0) return 'at must be epoch milliseconds';
  return undefined;
}

/** The audit entry for an input (throws TypeError when auditProblem finds one). */
export function auditEntry(a: AuditInput): AuditEntry {
  const problem = auditProblem(a);
  if (problem !== undefined) throw new TypeError(`invalid audit entry: ${problem}`);
  return {
    kind: 'audit',
    tenantId: a.tenantId,
    action: a.action,
    actorId: a.actorId,
    ...(a.subjectId === undefined ? {} : { subjectId: a.subjectId }),
    ...(a.dataHash === undefined ? {} : { dataHash: a.dataHash }),
    at: a.at,
  };
}

/** The entry's bytes, as text: canonical JSON. */
export function encodeEntry(entry: LedgerEntry): string {
  return canonicalJson(entry);
}

/** Parses an entry's text; undefined when it is not a ledger entry. */
export function parseEntry(text: string): LedgerEntry | undefined {
  try {
    const v = JSON.parse(text) as { kind?: unknown; tenantId?: unknown };
    if (v === null || typeof v !== 'object' || typeof v.tenantId !== 'string') return undefined;
    return v.kind === 'decision' || v.kind === 'audit' ? (v as LedgerEntry) : undefined;
  } catch {
    return undefined;
  }
}
