import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('docs/architecture.md', () => {
  it('lists every module folder under src/, and no folder that is gone', () => {
    const folders = readdirSync(join(root, 'src')).filter((f) => statSync(join(root, 'src', f)).isDirectory());
    const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    const listed = [...doc.matchAll(/^\| `([a-z-]+)\/` \|/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...folders].sort());
  });

  it('names in the lint module list every module folder', () => {
    const folders = readdirSync(join(root, 'src')).filter((f) => statSync(join(root, 'src', f)).isDirectory());
    const lint = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
    const list = /const modules =\s*'([^']+)'/.exec(lint)?.[1]?.split('|') ?? [];
    for (const f of folders) expect(list).toContain(f);
  });
});
