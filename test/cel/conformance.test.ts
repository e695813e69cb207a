import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { celJs } from './conformance/engine-celjs.ts';
import { ours } from './conformance/engine-ours.ts';
import { conformanceMarkdown } from './conformance/report.ts';
import { SPEC_DIR, rate, runConformance, specFiles } from './conformance/run.ts';

// Passing tests per file on our compiler: the floor only rises. A drop means a regression in CEL semantics.
const FLOOR: Record<string, number> = {
  'basic.textproto': 41,
  'comparisons.textproto': 329,
  'conversions.textproto': 109,
  'dynamic.textproto': 0,
  'fields.textproto': 50,
  'fp_math.textproto': 30,
  'integer_math.textproto': 64,
  'lists.textproto': 39,
  'logic.textproto': 25,
  'macros.textproto': 44,
  'macros2.textproto': 0,
  'math_ext.textproto': 0,
  'namespace.textproto': 2,
  'optionals.textproto': 0,
  'parse.textproto': 159,
  'plumbing.textproto': 5,
  'string.textproto': 51,
  'string_ext.textproto': 47,
  'timestamps.textproto': 76,
  'type_deduction.textproto': 12,
};

const files = specFiles();
if (files.length === 0)
  console.warn(`skipped CEL conformance: ${SPEC_DIR} is absent (../shared/testdata is not in a fresh clone)`);

describe.skipIf(files.length === 0)('CEL specification conformance (simple test files)', () => {
  const results = runConformance(ours);

  it('reads every test of every file', () => {
    expect(files).toEqual(Object.keys(FLOOR).sort());
    for (const r of results) expect(r.pass + r.fail + r.skipped, r.file).toBe(r.total);
    expect(results.reduce((n, r) => n + r.total, 0)).toBeGreaterThan(1900);
  });

  it.each(Object.entries(FLOOR))('%s: our compiler passes at least %i tests', (file, floor) => {
    const r = results.find((x) => x.file === file);
    expect(r, file).toBeDefined();
    if (r !== undefined && r.pass < floor) {
      const shown = r.failures.slice(0, 10).map((f) => `${f.name}: ${f.expr} → ${f.why}`);
      expect.fail(`${file}: ${r.pass} pass (${rate(r)}), floor ${floor}\n${shown.join('\n')}`);
    }
  });

  it.runIf(process.env.ZHILI_WRITE_CEL_REPORT === '1')('writes docs/cel-conformance.md', () => {
    const md = conformanceMarkdown({ zhili: results, '@marcbachmann/cel-js': runConformance(celJs) });
    writeFileSync(new URL('../../docs/cel-conformance.md', import.meta.url), md);
  });
});
