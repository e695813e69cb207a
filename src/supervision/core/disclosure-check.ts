/**
 * The hub's check of a disclosure a platform sent: the canonical document must hash to the recorded
 * hash, and the ledger entry publishing it with that hash (rebuilt here, never taken from the platform)
 * must be included in a tree whose root the hub itself cosigned. Pure: the caller looks up the cosigned
 * root for the proof's tree size and the verdict on an earlier copy.
 */
import { Value } from '@sinclair/typebox/value';
import { canonicalOf, DisclosureDocumentSchema } from '../../disclosure/index.ts';
import { sha256Hex } from '../../kernel/index.ts';
import { auditEntry, decodeBase64, encodeEntry, hashLeaf, verifyInclusion } from '../../ledger/index.ts';

export interface DisclosureCopy {
  tenantId: string;
  id: string;
  period: string;
  version: number;
  publishedBy: string;
  publishedAt: number;
  /** The document's canonical JSON, as published. */
  canonical: string;
  /** The hash the platform recorded at publication (hex SHA-256). */
  hash: string;
  /** Where the publication entry is in the platform's ledger; null: the platform found none. */
  ledgerIndex: number | null;
  /** Inclusion proof of that entry in the tree of `treeSize` (base64 hashes); null: not covered yet. */
  proof: { treeSize: number; hashes: string[] } | null;
}

export type DisclosureState = 'verified' | 'pending' | 'mismatch';

export interface DisclosureVerdict {
  state: DisclosureState;
  computedHash: string;
  treeSize: number | null;
  reasons: { en: string; zh: string }[];
}

export function checkDisclosure(
  c: DisclosureCopy,
  /** The root (base64) of the checkpoint of `c.proof.treeSize` the hub cosigned for this platform. */
  cosignedRoot: string | undefined,
  /** The earlier copy of the same version the hub holds, if any. */
  earlier: { computedHash: string; state: DisclosureState } | undefined,
): DisclosureVerdict {
  const computedHash = sha256Hex(c.canonical);
  const reasons: DisclosureVerdict['reasons'] = [];
  const mismatch = (): DisclosureVerdict => ({
    state: 'mismatch',
    computedHash,
    treeSize: c.proof?.treeSize ?? null,
    reasons,
  });
  const pending = (en: string, zh: string): DisclosureVerdict => ({
    state: 'pending',
    computedHash,
    treeSize: c.proof?.treeSize ?? null,
    reasons: [{ en, zh }],
  });
  let doc: unknown;
  try {
    doc = JSON.parse(c.canonical);
  } catch {
    doc = undefined;
  }
  const docOk =
    Value.Check(DisclosureDocumentSchema, doc) &&
    canonicalOf(doc) === c.canonical &&
    doc.tenantId === c.tenantId &&
    doc.period === c.period &&
    doc.version === c.version;
  if (!docOk)
    reasons.push({
      en: 'The copy is not the canonical disclosure document of this tenant, period and version.',
      zh: '副本不是该租户、期间和版本的规范披露文档。',
    });
  if (computedHash !== c.hash)
    reasons.push({
      en: 'The document does not match the hash recorded at publication: it was changed afterwards.',
      zh: '披露内容与发布时记录的哈希不一致：发布后被改动。',
    });
  if (earlier?.state === 'verified' && earlier.computedHash !== computedHash)
    reasons.push({
      en: 'The document differs from the copy the hub verified earlier.',
      zh: '披露内容与枢纽此前已核验的副本不同。',
    });
  if (c.ledgerIndex === null || c.proof === null) {
    if (reasons.length) return mismatch();
    return c.ledgerIndex === null
      ? pending(
          'The platform has not located the publication entry in its ledger yet.',
          '平台尚未在账本中找到发布记录。',
        )
      : pending(
          'No checkpoint covering the publication entry has been cosigned yet.',
          '覆盖该发布记录的检查点尚未联署。',
        );
  }
  if (cosignedRoot === undefined) {
    if (reasons.length) return mismatch();
    return pending(
      `The hub has not cosigned a checkpoint of size ${c.proof.treeSize}.`,
      `枢纽尚未联署大小为 ${c.proof.treeSize} 的检查点。`,
    );
  }
  const proof = c.proof.hashes.map((h) => decodeBase64(h));
  const root = decodeBase64(cosignedRoot);
  let included = false;
  if (root && proof.every((h): h is Uint8Array => h !== undefined) && c.ledgerIndex < c.proof.treeSize) {
    let entry: string | undefined;
    try {
      entry = encodeEntry(
        auditEntry({
          tenantId: c.tenantId,
          action: 'disclosure.publish',
          actorId: c.publishedBy,
          subjectId: c.id,
          dataHash: c.hash,
          at: c.publishedAt,
        }),
      );
    } catch {
      entry = undefined;
    }
    included = entry !== undefined && verifyInclusion(hashLeaf(entry), c.ledgerIndex, c.proof.treeSize, proof, root).ok;
  }
  if (!included)
    reasons.push({
      en: `The publication entry with this hash is not included in the checkpoint of size ${c.proof.treeSize} the hub cosigned.`,
      zh: `以该哈希发布的记录未包含在枢纽联署的大小为 ${c.proof.treeSize} 的检查点中。`,
    });
  return reasons.length ? mismatch() : { state: 'verified', computedHash, treeSize: c.proof.treeSize, reasons: [] };
}
