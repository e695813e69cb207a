/**
 * The auditor's check, the same whatever the source (the HTTP API, an export directory, the store):
 * the checkpoint's signature, consistency with the last checkpoint the auditor trusted, and inclusion
 * of every entry added since that trusted checkpoint (all entries without one; a random sample only
 * when asked for), recomputing each leaf hash from the entry's bytes. With a source of
 * truth (the decisions themselves) it also re-derives each decision entry and compares.
 */
import { openCheckpoint } from './core/checkpoint.ts';
import { verifyConsistency } from './core/consistency.ts';
import { decodeBase64, encodeBase64 } from './core/base64.ts';
import { parseEntry, type LedgerEntry } from './core/entries.ts';
import { bytesEqual, hashLeaf } from './core/hash.ts';
import { verifyInclusion } from './core/inclusion.ts';
import type { NoteVerifier } from './core/note.ts';
import { verifyCosignature, type CosignatureVerifier } from './core/cosignature.ts';

export interface EntryView {
  entryJson: string;
  leafHash: Uint8Array;
}

export interface LedgerSource {
  readonly name: string;
  /** The latest signed checkpoint note. */
  checkpoint(): Promise<string>;
  /** Every signed checkpoint the source keeps (export, store), oldest first. */
  checkpoints?(): Promise<string[]>;
  /** undefined when the entry is not visible to the caller (another tenant's). */
  entry(index: number): Promise<EntryView | undefined>;
  inclusion(index: number, size: number): Promise<Uint8Array[]>;
  consistency(from: number, to: number): Promise<Uint8Array[]>;
  /** The entry re-derived from its source record now; null when the record is gone, undefined when unknown. */
  rederive?(entry: LedgerEntry, index: number): Promise<string | null | undefined>;
}

export interface TrustedState {
  origin: string;
  size: number;
  rootHash: string;
  note: string;
}

export interface BadEntry {
  index: number;
  reason: string;
  tenantId?: string;
  eventId?: string;
}

export interface VerifyReport {
  ok: boolean;
  source: string;
  checkpoint?: { origin: string; size: number; rootHash: string };
  /** The entries [from, to) this run was about; `sampled` when only some of them were checked. */
  range?: { from: number; to: number; sampled: boolean };
  checked: number;
  skipped: number;
  problems: string[];
  warnings: string[];
  firstBad?: BadEntry;
  /** The checkpoint to trust next time (only when everything checked out). */
  newState?: TrustedState;
}

export interface VerifyOptions {
  verifiers: readonly NoteVerifier[];
  /** Witnesses (cosignature/v1 keys) each of which must have cosigned the checkpoint. */
  witnesses?: readonly CosignatureVerifier[];
  origin?: string;
  trusted?: TrustedState;
  /**
   * Default: every entry added since the trusted checkpoint (every entry without one). `full`: every
   * entry, the trusted prefix too. `sample`: only this many random entries of that range (plus the last).
   */
  full?: boolean;
  sample?: number;
  concurrency?: number;
  random?: () => number;
  progress?: (done: number, total: number) => void;
}

const MAX_BAD = 20;

export async function verifyLedger(source: LedgerSource, o: VerifyOptions): Promise<VerifyReport> {
  const report: VerifyReport = { ok: false, source: source.name, checked: 0, skipped: 0, problems: [], warnings: [] };
  const note = await source.checkpoint();
  const opened = openCheckpoint(note, o.verifiers, o.origin);
  if (!opened.ok) {
    report.problems.push(`checkpoint rejected: ${opened.reason}`);
    return report;
  }
  const cp = opened.checkpoint;
  const root = cp.rootHash;
  report.checkpoint = { origin: cp.origin, size: cp.size, rootHash: encodeBase64(root) };
  for (const w of o.witnesses ?? []) {
    const c = verifyCosignature(note, w);
    if (!c.ok) report.problems.push(`checkpoint not witnessed: ${c.reason}`);
  }

  if (o.trusted) await checkTrusted(source, o.trusted, cp.origin, cp.size, root, report);
  if (source.checkpoints) await checkHistory(source, o, cp.size, root, report);

  const from = o.full || !o.trusted || o.trusted.size > cp.size ? 0 : o.trusted.size;
  const indices = pickIndices(from, cp.size, o);
  report.range = { from, to: cp.size, sampled: !o.full && o.sample !== undefined && indices.length < cp.size - from };
  const bad: BadEntry[] = [];
  let done = 0;
  const checkOne = async (index: number): Promise<void> => {
    const b = await checkEntry(source, index, cp.size, root);
    if (b === 'skipped') report.skipped++;
    else {
      report.checked++;
      if (b && bad.length < MAX_BAD * 4) bad.push(b);
    }
    o.progress?.(++done, indices.length);
  };
  let next = 0;
  const workers = Array.from({ length: Math.max(1, o.concurrency ?? 8) }, async () => {
    while (next < indices.length) await checkOne(indices[next++] as number);
  });
  await Promise.all(workers);

  bad.sort((a, b) => a.index - b.index);
  const failed = new Set(bad.filter((b) => b.reason.startsWith('not in the signed tree')).map((b) => b.index));
  for (const b of bad) {
    // A leaf rewritten together with its stored hash breaks its sibling's proof too: say so.
    if (failed.has(b.index) && failed.has(b.index ^ 1)) {
      b.reason += ` (entries ${b.index & ~1} and ${b.index | 1} share a parent: one of the two was altered)`;
    }
  }
  report.firstBad = bad[0];
  for (const b of bad.slice(0, MAX_BAD)) {
    report.problems.push(
      `entry ${b.index}${b.eventId ? ` (event ${b.eventId}, tenant ${b.tenantId})` : ''}: ${b.reason}`,
    );
  }
  report.ok = report.problems.length === 0;
  if (report.ok) report.newState = { origin: cp.origin, size: cp.size, rootHash: encodeBase64(root), note };
  return report;
}

async function checkTrusted(
  source: LedgerSource,
  t: TrustedState,
  origin: string,
  size: number,
  root: Uint8Array,
  report: VerifyReport,
): Promise<void> {
  const oldRoot = decodeBase64(t.rootHash);
  if (t.origin !== origin) report.problems.push(`origin changed from ${t.origin} to ${origin}`);
  else if (!oldRoot) report.problems.push('the trusted state holds a malformed root hash');
  else if (size < t.size) report.problems.push(`the log shrank from ${t.size} to ${size} entries`);
  else if (t.size > 0) {
    const proof = size === t.size ? [] : await source.consistency(t.size, size);
    const v = verifyConsistency(t.size, size, proof, oldRoot, root);
    if (!v.ok) report.problems.push(`not an extension of the trusted checkpoint of size ${t.size}: ${v.reason}`);
  }
}

async function checkHistory(
  source: LedgerSource,
  o: VerifyOptions,
  size: number,
  root: Uint8Array,
  report: VerifyReport,
): Promise<void> {
  for (const n of (await source.checkpoints?.()) ?? []) {
    const c = openCheckpoint(n, o.verifiers, o.origin);
    if (!c.ok) {
      if (c.reason === 'note has no verifiable signatures')
        report.warnings.push(`a checkpoint is signed by an untrusted key`);
      else report.problems.push(`stored checkpoint rejected: ${c.reason}`);
      continue;
    }
    const old = c.checkpoint;
    if (old.size === 0 || old.size > size) continue;
    const proof = old.size === size ? [] : await source.consistency(old.size, size);
    const v = verifyConsistency(old.size, size, proof, old.rootHash, root);
    if (!v.ok) report.problems.push(`checkpoint of size ${old.size} is not consistent with the latest: ${v.reason}`);
  }
}

async function checkEntry(
  source: LedgerSource,
  index: number,
  size: number,
  root: Uint8Array,
): Promise<BadEntry | 'skipped' | undefined> {
  const view = await source.entry(index);
  if (!view) return 'skipped';
  const entry = parseEntry(view.entryJson);
  const who = entry
    ? { tenantId: entry.tenantId, ...(entry.kind === 'decision' ? { eventId: entry.eventId } : {}) }
    : {};
  const bad = (reason: string): BadEntry => ({ index, reason, ...who });
  const leaf = hashLeaf(view.entryJson);
  if (!bytesEqual(leaf, view.leafHash)) return bad('entry bytes do not match the stored leaf hash');
  const v = verifyInclusion(leaf, index, size, await source.inclusion(index, size), root);
  if (!v.ok) return bad(`not in the signed tree (${v.reason})`);
  if (!entry) return bad('not a ledger entry');
  if (source.rederive) {
    const fresh = await source.rederive(entry, index);
    if (fresh === null) return bad('its source record is missing');
    if (fresh !== undefined && fresh !== view.entryJson)
      return bad('the stored record no longer matches the ledger entry');
  }
  return undefined;
}

function pickIndices(from: number, size: number, o: VerifyOptions): number[] {
  const n = size - from;
  if (n <= 0) return [];
  if (o.full || o.sample === undefined || o.sample >= n) return Array.from({ length: n }, (_, i) => from + i);
  const random = o.random ?? Math.random;
  const want = Math.max(1, o.sample);
  const picked = new Set<number>([size - 1]);
  while (picked.size < want) {
    let i = from + Math.min(n - 1, Math.floor(random() * n));
    while (picked.has(i)) i = i + 1 < size ? i + 1 : from; // terminates: fewer than n are picked
    picked.add(i);
  }
  return [...picked].sort((a, b) => a - b);
}
