import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lprOn } from '../../src/credit/index.ts';
import { lprTableOf } from '../../src/runtime/lpr-table.ts';

describe('ZHILI_LPR_FILE', () => {
  it('adds the file’s rate changes to the shipped table, and refuses to start on a bad or missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-lpr-'));
    const good = join(dir, 'lpr.csv');
    writeFileSync(good, 'date,percent\n2026-03-20,2.90\n');
    expect(lprOn('2026-11-30', lprTableOf(good))).toBe(0.029);
    expect(lprTableOf(undefined)).toBeUndefined();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '2026-03-20,2.90\n20260420,2.8\n');
    expect(() => lprTableOf(bad)).toThrow(/ZHILI_LPR_FILE.*line 2/);
    expect(() => lprTableOf(join(dir, 'missing.csv'))).toThrow(/ZHILI_LPR_FILE.*cannot read/);
  });
});
