/**
 * Conformance on the transparency-dev/merkle golden vectors kept in ../shared/testdata (not part of
 * this repository). Every vector must give the expected verdict, rejections included.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyInclusion } from './inclusion.ts';
import { verifyConsistency } from './consistency.ts';
import { verifySubtreeConsistency, verifySubtreeInclusion } from './subtree.ts';
import type { Verdict } from './hash.ts';

// Resolved from the project root; LEDGER_VECTORS_DIR overrides it (e.g. to check the skip path).
const ROOT = path.resolve(process.cwd(), process.env.LEDGER_VECTORS_DIR ?? '../shared/testdata/ledger/rfc6962-vectors');
const present = existsSync(ROOT);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
}

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const proofOf = (p: string[] | null): Uint8Array[] => (p ?? []).map(b64);

interface Vector {
  desc: string;
  wantErr: boolean;
  proof: string[] | null;
  [key: string]: unknown;
}

const runners: Record<string, (v: Vector) => Verdict> = {
  inclusion: (v) =>
    verifyInclusion(
      b64(v.leafHash as string),
      v.leafIdx as number,
      v.treeSize as number,
      proofOf(v.proof),
      b64(v.root as string),
    ),
  consistency: (v) =>
    verifyConsistency(
      v.size1 as number,
      v.size2 as number,
      proofOf(v.proof),
      b64(v.root1 as string),
      b64(v.root2 as string),
    ),
  subtreeinclusion: (v) =>
    verifySubtreeInclusion(
      b64(v.leafHash as string),
      v.leafIdx as number,
      v.start as number,
      v.end as number,
      proofOf(v.proof),
      b64(v.root as string),
    ),
  subtreeconsistency: (v) =>
    verifySubtreeConsistency(
      v.start as number,
      v.end as number,
      v.size as number,
      proofOf(v.proof),
      b64(v.root1 as string),
      b64(v.root2 as string),
    ),
};

if (!present) {
  describe.skip(`RFC 6962 golden vectors: SKIPPED, folder ${ROOT} not found (it lives outside the repo)`, () => {
    it('needs ../shared/testdata/ledger/rfc6962-vectors', () => undefined);
  });
} else {
  describe('RFC 6962 golden vectors (transparency-dev/merkle testdata)', () => {
    for (const [folder, run] of Object.entries(runners)) {
      const dir = path.join(ROOT, folder);
      const files = existsSync(dir) ? jsonFiles(dir) : [];
      it(`${folder}: every vector gives the expected verdict (${files.length} files)`, () => {
        expect(files.length).toBeGreaterThan(0);
        const wrong: string[] = [];
        let rejections = 0;
        for (const file of files) {
          const v = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Vector;
          const verdict = run(v);
          if (verdict.ok === v.wantErr) {
            wrong.push(`${file} (${v.desc}): want ${v.wantErr ? 'reject' : 'accept'}, got ${JSON.stringify(verdict)}`);
          }
          if (!verdict.ok) rejections++;
        }
        expect(wrong).toEqual([]);
        expect(rejections).toBeGreaterThan(0);
      });
    }
  });
}
