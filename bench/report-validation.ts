/**
 * Time to check one report file (fast-xml-parser parse + libxml2 XSD validation through xmllint-wasm),
 * per golden file: `node --import tsx bench/report-validation.ts [runs]`. Prints JSON.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReportFile } from '../src/cases/index.ts';

const runs = Number(process.argv[2] ?? 20);
const dir = 'test/cases/golden';
const out: Record<string, { bytes: number; p50Ms: number; p95Ms: number }> = {};
for (const f of readdirSync(dir)
  .filter((x) => x.endsWith('.xml'))
  .sort()) {
  const xml = readFileSync(join(dir, f), 'utf8');
  await checkReportFile(xml); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const problems = await checkReportFile(xml);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (problems.length > 0) throw new Error(`${f}: ${problems[0]?.message}`);
  }
  ms.sort((a, b) => a - b);
  out[f] = {
    bytes: Buffer.byteLength(xml),
    p50Ms: Math.round((ms[Math.floor(runs / 2)] as number) * 10) / 10,
    p95Ms: Math.round((ms[Math.min(runs - 1, Math.floor(runs * 0.95))] as number) * 10) / 10,
  };
}
console.log(JSON.stringify({ runs, node: process.version, files: out }, null, 2));
