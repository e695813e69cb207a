/**
 * The hub's own audit ledger: the platform's ledger module (RFC 6962 tree, C2SP signed checkpoints,
 * proofs) over the hub's database, fed only by the hub's actions (each written to the ledger outbox in
 * the action's transaction, see store/sql-audit.ts). Verification from the store also re-derives every
 * entry from its hub_audit row and checks that every row has its entry.
 */
import {
  encodeEntry,
  LedgerService,
  storeSource,
  verifyLedger,
  type LedgerEntry,
  type LedgerSource,
  type VerifyOptions,
  type VerifyReport,
} from '../ledger/index.ts';
import { auditEntry } from '../ledger/index.ts';
import type { Clock } from '../kernel/index.ts';
import { HUB_TENANT, hubAuditInput, type HubActionRow } from './core/audit-entry.ts';
import type { HubStore } from './store/port.ts';

/** The hub has no decisions: its ledger's decision source is empty. */
const noDecisions = { scanDecisions: async () => [], getDecision: async () => undefined };

export interface HubLedgerOptions {
  store: HubStore;
  clock: Clock;
  /** The checkpoint origin (also the signing key's name), e.g. `zhili-hub.local/audit`. */
  origin: string;
  /** The signing key is stored wrapped under a key derived from this secret. */
  keySecret: string;
  checkpointIntervalMs?: number;
  pollMs?: number;
  onError?: (e: unknown) => void;
}

/**
 * The hub's ledger service. Its checkpoint key is its own (not the witness's cosigning key): see
 * docs/supervision.md. It signs a checkpoint after every append, since every hub entry is an action.
 */
export function hubLedgerService(o: HubLedgerOptions): LedgerService {
  return new LedgerService({
    store: noDecisions,
    ledger: o.store.ledger,
    clock: o.clock,
    origin: o.origin,
    keySecret: o.keySecret,
    ...(o.checkpointIntervalMs === undefined ? {} : { checkpointIntervalMs: o.checkpointIntervalMs }),
    ...(o.pollMs === undefined ? {} : { pollMs: o.pollMs }),
    ...(o.onError ? { onError: o.onError } : {}),
  });
}

const entryText = (row: HubActionRow): string => encodeEntry(auditEntry(hubAuditInput(row)));

/**
 * A hub upgraded from a version without its own ledger: the actions recorded in hub_audit before then go
 * into the ledger first, in their order (once: only while the ledger and its outbox are both empty).
 * Returns how many were queued.
 */
export async function backfillHubLedger(store: HubStore, now: number): Promise<number> {
  if ((await store.ledger.state()).size > 0 || (await store.ledger.readOutbox(1)).length > 0) return 0;
  let n = 0;
  for (let after = 0; ;) {
    const rows = await store.auditRows(after, 1000);
    if (rows.length === 0) return n;
    await store.ledger.enqueue(rows.map((r) => ({ tenantId: HUB_TENANT, entry: entryText(r), createdAt: now })));
    n += rows.length;
    after = (rows[rows.length - 1] as { seq: number }).seq;
  }
}

/**
 * Re-derives a hub entry from the hub_audit rows of its instant: the entry itself when a row still
 * gives it; when rows of that action exist but none gives it, the first one's (a row was altered);
 * null when no row is left.
 */
function rederiveFrom(store: HubStore): (entry: LedgerEntry) => Promise<string | null | undefined> {
  return async (entry) => {
    if (entry.kind !== 'audit' || entry.tenantId !== HUB_TENANT) return undefined;
    const texts = (await store.auditAt(entry.at)).map((r) => ({ action: hubAuditInput(r).action, text: entryText(r) }));
    const want = encodeEntry(entry);
    if (texts.some((t) => t.text === want)) return want;
    return texts.find((t) => t.action === entry.action)?.text ?? null;
  };
}

/** The hub's ledger tables, each entry re-derived from its hub_audit row. */
export function hubLedgerSource(store: HubStore): LedgerSource {
  return { ...storeSource(store.ledger), name: `hub ${store.dialect} ledger tables`, rederive: rederiveFrom(store) };
}

/**
 * `verifyLedger` over the hub's tables, and the other way round: every hub_audit row must have its
 * entry in the ledger (a row added afterwards has none). Rows still in the outbox are only a warning.
 */
export async function verifyHubLedger(store: HubStore, o: VerifyOptions): Promise<VerifyReport> {
  const report = await verifyLedger(hubLedgerSource(store), o);
  const inLedger = new Set<string>();
  for (let from = 0; ;) {
    const rows = await store.ledger.readLeaves(from, 1000);
    for (const r of rows) inLedger.add(r.entry);
    if (rows.length < 1000) break;
    from += rows.length;
  }
  const queued = new Set((await store.ledger.readOutbox(100_000)).map((r) => r.entry));
  let missing = 0;
  let waiting = 0;
  for (let after = 0; ;) {
    const rows = await store.auditRows(after, 1000);
    for (const r of rows) {
      const text = entryText(r);
      if (inLedger.has(text)) continue;
      if (queued.has(text)) waiting++;
      else if (++missing <= 20) report.problems.push(`hub_audit row ${r.seq} (${r.action}) has no ledger entry`);
    }
    if (rows.length < 1000) break;
    after = (rows[rows.length - 1] as { seq: number }).seq;
  }
  if (missing > 20) report.problems.push(`… ${missing - 20} more hub_audit rows without a ledger entry`);
  if (waiting > 0) report.warnings.push(`${waiting} hub actions are still in the ledger outbox (not appended yet)`);
  report.ok = report.problems.length === 0;
  if (!report.ok) delete report.newState;
  return report;
}
