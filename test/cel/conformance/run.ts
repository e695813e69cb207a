import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { judge } from './engine.ts';
import type { Engine } from './engine.ts';
import { readSimpleTestFile } from './model.ts';

export const SPEC_DIR = new URL('../../../../shared/testdata/cel-spec/', import.meta.url).pathname;

export interface FileResult {
  readonly file: string;
  readonly total: number;
  readonly pass: number;
  readonly fail: number;
  readonly skipped: number;
  readonly skipReasons: Record<string, number>;
  readonly failures: { name: string; expr: string; why: string }[];
}

export const specFiles = (): string[] =>
  existsSync(SPEC_DIR)
    ? readdirSync(SPEC_DIR)
        .filter((f) => f.endsWith('.textproto'))
        .sort()
    : [];

/** Runs every test of every conformance file on one engine; a skip is a test the engine was not asked to run. */
export function runConformance(engine: Engine, files = specFiles()): FileResult[] {
  return files.map((file) => {
    const tests = readSimpleTestFile(readFileSync(`${SPEC_DIR}${file}`, 'utf8'));
    let pass = 0;
    let skipped = 0;
    const skipReasons: Record<string, number> = {};
    const failures: FileResult['failures'] = [];
    for (const t of tests) {
      const o = engine.run(t);
      if (o.kind === 'skip') {
        skipped++;
        skipReasons[o.reason] = (skipReasons[o.reason] ?? 0) + 1;
        continue;
      }
      const j = judge(t, o);
      if (j.pass) pass++;
      else failures.push({ name: `${t.section}/${t.name}`, expr: t.expr, why: j.why });
    }
    return { file, total: tests.length, pass, fail: failures.length, skipped, skipReasons, failures };
  });
}

export const rate = (r: { pass: number; fail: number }): string =>
  r.pass + r.fail === 0 ? '—' : `${((100 * r.pass) / (r.pass + r.fail)).toFixed(1)} %`;
