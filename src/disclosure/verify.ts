/**
 * Verifying a published disclosure: recompute its document's hash, find the `disclosure.publish` entry
 * that must carry exactly that hash in the audit ledger, and check the entry's inclusion proof against
 * a checkpoint signed by one of the ledger's keys. A stored row edited after publication fails here.
 */
import {
  auditEntry,
  encodeBase64,
  encodeEntry,
  hashLeaf,
  openCheckpoint,
  parseVerifierKey,
  verifyInclusion,
  type LeafRow,
  type NoteVerifier,
  type StoredCheckpoint,
} from '../ledger/index.ts';
import { hashOf } from './core/document.ts';
import type { Disclosure } from './core/workflow.ts';

/** What verification needs of the ledger (LedgerService has it). */
export interface DisclosureLedger {
  size(): Promise<number>;
  entry(index: number): Promise<LeafRow | undefined>;
  inclusion(index: number, size?: number): Promise<{ index: number; size: number; proof: Uint8Array[] }>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  publishCheckpoint(): Promise<StoredCheckpoint>;
  verifierKeys(): Promise<{ verifierKey: string }[]>;
}

export interface Verification {
  ok: boolean;
  id: string;
  period: string;
  version: number;
  storedHash: string;
  computedHash: string;
  ledger?: {
    index: number;
    entry: string;
    leafHash: string;
    treeSize: number;
    proof: string[];
    checkpoint: string;
    inclusion: boolean;
    signature: boolean;
  };
  problems: { en: string; zh: string }[];
}

/** The ledger entry publishing `d` with `hash`, as the service wrote it. */
export const publishEntryText = (d: Disclosure, hash: string): string =>
  encodeEntry(
    auditEntry({
      tenantId: d.tenantId,
      action: 'disclosure.publish',
      actorId: d.publishedBy ?? '',
      subjectId: d.id,
      dataHash: hash,
      at: d.publishedAt ?? 0,
    }),
  );

/** Scans from the newest entry back (publication entries are recent when first looked for). */
export async function findEntry(
  ledger: Pick<DisclosureLedger, 'size' | 'entry'>,
  text: string,
  hint?: number,
  limit = 200_000,
): Promise<LeafRow | undefined> {
  if (hint !== undefined) {
    const row = await ledger.entry(hint);
    return row?.entry === text ? row : undefined;
  }
  const size = await ledger.size();
  for (let i = size - 1; i >= Math.max(0, size - limit); i--) {
    const row = await ledger.entry(i);
    if (row?.entry === text) return row;
  }
  return undefined;
}

export async function verifyDisclosure(
  ledger: DisclosureLedger,
  d: Disclosure,
  ledgerIndex: number | undefined,
): Promise<Verification> {
  const computed = hashOf(d.doc);
  const problems: Verification['problems'] = [];
  const base = { id: d.id, period: d.period, version: d.version, storedHash: d.hash, computedHash: computed };
  if (d.state !== 'published') problems.push({ en: 'The version is not published.', zh: '该版本尚未发布。' });
  if (computed !== d.hash)
    problems.push({
      en: 'The stored document does not match its recorded hash: it was changed after publication.',
      zh: '存储的披露内容与其记录的哈希不一致：发布后被改动。',
    });
  const row = await findEntry(ledger, publishEntryText(d, computed), ledgerIndex);
  if (!row) {
    problems.push({
      en: 'No ledger entry publishes this document with this hash.',
      zh: '审计账本中没有以该哈希发布此披露的记录。',
    });
    return { ok: false, ...base, problems };
  }
  let cp = await ledger.latestCheckpoint();
  if (!cp || cp.size <= row.index) cp = await ledger.publishCheckpoint();
  const { proof } = await ledger.inclusion(row.index, cp.size);
  const verifiers = (await ledger.verifierKeys()).flatMap((k): NoteVerifier[] => {
    const v = parseVerifierKey(k.verifierKey);
    return v.ok ? [v.verifier] : [];
  });
  const opened = openCheckpoint(cp.note, verifiers);
  const leaf = hashLeaf(row.entry);
  const inclusion =
    opened.ok && verifyInclusion(leaf, row.index, opened.checkpoint.size, proof, opened.checkpoint.rootHash).ok;
  if (!opened.ok)
    problems.push({ en: `The checkpoint does not verify: ${opened.reason}.`, zh: '检查点签名验证失败。' });
  else if (!inclusion) problems.push({ en: 'The inclusion proof does not verify.', zh: '包含性证明验证失败。' });
  return {
    ok: problems.length === 0,
    ...base,
    ledger: {
      index: row.index,
      entry: row.entry,
      leafHash: encodeBase64(leaf),
      treeSize: cp.size,
      proof: proof.map(encodeBase64),
      checkpoint: cp.note,
      inclusion,
      signature: opened.ok,
    },
    problems,
  };
}
