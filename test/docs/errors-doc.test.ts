import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/kernel/index.ts';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** Code, docs and catalogue stay in step, as Fastify's errors test keeps its own. */
describe('error catalogue', () => {
  const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8');
  const rows = new Map(
    [...doc.matchAll(/^\| `(ZHILI_E_[A-Z0-9_]+)` \| (\d{3}) \| (.+?) \| (.+?) \|$/gm)].map((m) => [
      m[1]!,
      { status: Number(m[2]), en: m[3]!, zh: m[4]! },
    ]),
  );

  it('documents every code with its status and both messages, and nothing else (npm run docs:errors)', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(catalogue).sort());
    for (const [code, entry] of Object.entries(catalogue)) {
      expect(rows.get(code), code).toEqual({ status: entry.status, en: entry.en, zh: entry.zh });
    }
  });

  it('has a Chinese and an English message for every code, and 4xx/5xx statuses only', () => {
    for (const [code, e] of Object.entries(catalogue)) {
      expect(e.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(e.en, code).toMatch(/^[A-Z]/);
      expect(e.status, code).toBeGreaterThanOrEqual(400);
    }
  });

  it('uses only catalogued codes in the source', () => {
    const used = new Set<string>();
    for (const f of sourceFiles(join(root, 'src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/ZHILI_E_[A-Z0-9_]+/g)) used.add(m[0]);
    }
    expect([...used].filter((c) => !(c in catalogue))).toEqual([]);
  });
});
