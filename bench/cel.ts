/**
 * CEL engines compared: our compiler (src/monitoring/core/cel) and @marcbachmann/cel-js, on
 *   - conformance: the CEL specification's simple test files (../shared/testdata/cel-spec), pass / run;
 *   - speed: every rule of our packs (src/monitoring/packs, bench/packs) evaluated on the same generated,
 *     normalized events with their feature values; ns per rule evaluation, both engines on the same inputs;
 *   - agreement: how many (rule, event) results differ between the two.
 * cel-js takes ints as bigint, so its inputs are converted from our JS numbers by declared type; the
 * conversion is timed separately. Prints JSON. `node --import tsx bench/cel.ts [seconds-per-measure]`
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Environment } from '@marcbachmann/cel-js';
import { chinaCalendar, makeFxTable, toMinor } from '../src/kernel/index.ts';
import { T, compile } from '../src/monitoring/core/cel/index.ts';
import type { CelType } from '../src/monitoring/core/cel/index.ts';
import { ruleEnv } from '../src/monitoring/core/rules/cel-env.ts';
import type { RuleInput } from '../src/monitoring/core/rules/compiled.ts';
import { noScreening } from '../src/monitoring/core/screening-input.ts';
import { FeatureState, compileRuleSet, fxTableData, normalizeEvent } from '../src/monitoring/index.ts';
import type { RuleSetSpec } from '../src/monitoring/index.ts';
import { celJs } from '../test/cel/conformance/engine-celjs.ts';
import { ours } from '../test/cel/conformance/engine-ours.ts';
import { EXTENSIONS } from '../test/cel/conformance/report.ts';
import { runConformance } from '../test/cel/conformance/run.ts';
import { EventGenerator } from './events.ts';

const SECONDS = Number(process.argv[2] ?? 1);
const EVENTS = 4000;
const PACKS = [
  'src/monitoring/packs/default.json',
  'src/monitoring/packs/aml-typologies.json',
  'src/monitoring/packs/tazama-compat.json',
  'bench/packs/bench-rules.json',
];

/** A value of our runtime (ints are numbers) as cel-js takes it (ints are bigints), by declared type. */
function toCelJs(v: unknown, t: CelType): unknown {
  if (v === null || v === undefined) return v;
  switch (t.kind) {
    case 'int':
      return typeof v === 'number' ? BigInt(v) : v;
    case 'list':
      return (v as unknown[]).map((x) => toCelJs(x, t.elem));
    case 'map':
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        out[k] = toCelJs(x, t.kind === 'map' ? t.value : (t.fields[k] ?? { kind: 'dyn' }));
      }
      return out;
    }
    case 'dyn':
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      if (Array.isArray(v)) return v.map((x) => toCelJs(x, t));
      if (typeof v === 'object') return toCelJs(v, { kind: 'map', key: t, value: t });
      return v;
    default:
      return v;
  }
}

function celJsEnv(): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  for (const cur of ['cny', 'usd', 'eur']) {
    const code = cur.toUpperCase();
    env.registerFunction(`${cur}(int): int`, (x: bigint) => BigInt(toMinor(Number(x), code)));
    env.registerFunction(`${cur}(double): int`, (x: number) => BigInt(toMinor(x, code)));
  }
  env.registerFunction('minutes(int): int', (x: bigint) => x * 60_000n);
  env.registerFunction('hours(int): int', (x: bigint) => x * 3_600_000n);
  env.registerFunction('days(int): int', (x: bigint) => x * 86_400_000n);
  return env;
}

const outcome = (f: () => unknown): string => {
  try {
    return String(f());
  } catch {
    return 'error';
  }
};

function time(run: () => void, evaluations: number): number {
  const warm = performance.now() + 300;
  while (performance.now() < warm) run();
  let ms = 0;
  let n = 0;
  while (ms < SECONDS * 1000) {
    const t0 = performance.now();
    run();
    ms += performance.now() - t0;
    n += evaluations;
  }
  return Math.round((ms * 1e6) / n);
}

function packBench(file: string) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as RuleSetSpec;
  const c = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
  if (!c.ok) throw new Error(`${file}: ${JSON.stringify(c.errors)}`);
  const rs = c.ruleSet;
  const fx = makeFxTable(fxTableData());
  const state = new FeatureState(rs.features);
  const gen = new EventGenerator({ seed: 20261130, idPrefix: 'cel' });
  const inputs: RuleInput[] = [];
  while (inputs.length < EVENTS) {
    const n = normalizeEvent(gen.next(), { timeZone: rs.timeZone, fx });
    if (!n.ok) continue;
    const fv = state.values(n.event);
    state.record(n.event);
    inputs.push({
      event: n.event,
      features: fv.values,
      party: {},
      lists: rs.lists,
      screening: noScreening,
    });
  }
  const env = ruleEnv(doc.features, doc.lists ?? {});
  // Lists are the rule set's, converted once; the rest changes with every event.
  const lists = toCelJs(rs.lists, env.variables.lists ?? { kind: 'dyn' });
  const v = env.variables as Record<string, CelType>;
  const convert = (i: RuleInput): Record<string, unknown> => ({
    event: toCelJs(i.event, v.event as CelType),
    features: toCelJs(i.features, v.features as CelType),
    party: toCelJs(i.party, v.party as CelType),
    screening: toCelJs(i.screening, v.screening as CelType),
    lists,
  });

  const js = celJsEnv();
  const jsRules = doc.rules.map((r) => ({ id: r.id, run: js.parse(r.expression) }));
  // Compile time of the rule expressions alone, best of several rounds (the first pays for the JIT).
  const best = (f: () => void): number => {
    let b = Infinity;
    for (let k = 0; k < 10; k++) {
      const t = performance.now();
      f();
      b = Math.min(b, performance.now() - t);
    }
    return +b.toFixed(3);
  };
  const jsCompileMs = best(() => doc.rules.forEach((r) => js.parse(r.expression).check()));
  const oursCompileMs = best(() => doc.rules.forEach((r) => compile(r.expression, env, { expect: T.bool })));

  const converted = inputs.map(convert);
  let disagreements = 0;
  let celJsErrors = 0;
  const examples: string[] = [];
  rs.rules.forEach((rule, i) => {
    const jr = jsRules[i];
    if (jr === undefined) return;
    inputs.forEach((input, k) => {
      const a = outcome(() => rule.test(input));
      const b = outcome(() => jr.run(converted[k]) === true);
      if (b === 'error') celJsErrors++;
      if (a !== b) {
        disagreements++;
        if (examples.length < 3) examples.push(`${rule.id}: zhili ${a}, cel-js ${b}`);
      }
    });
  });

  const evaluations = inputs.length * rs.rules.length;
  let sink = 0;
  // Errors are caught per evaluation as decide() does; no closure is allocated inside the timed loops.
  const oursNs = time(() => {
    for (const input of inputs)
      for (const r of rs.rules) {
        try {
          if (r.test(input)) sink++;
        } catch {
          sink--;
        }
      }
  }, evaluations);
  const celJsNs = time(() => {
    for (const input of converted)
      for (const r of jsRules) {
        try {
          if (r.run(input) === true) sink++;
        } catch {
          sink--;
        }
      }
  }, evaluations);
  const convertNs = time(() => {
    for (const input of inputs) sink += Object.keys(convert(input)).length;
  }, inputs.length);
  return {
    pack: file,
    rules: rs.rules.length,
    events: inputs.length,
    compileMs: { zhili: +oursCompileMs.toFixed(2), celJs: +jsCompileMs.toFixed(2) },
    nsPerRuleEvaluation: { zhili: oursNs, celJs: celJsNs },
    celJsInputConversionNsPerEvent: convertNs,
    speedup: +(celJsNs / oursNs).toFixed(2),
    disagreements,
    celJsErrors,
    examples,
    sink: sink !== 0,
  };
}

function conformance() {
  const out: Record<string, { core: string; all: string }> = {};
  for (const e of [ours, celJs]) {
    const rs = runConformance(e);
    const tally = (pick: (f: string) => boolean) => {
      const s = rs.filter((r) => pick(r.file));
      const pass = s.reduce((n, r) => n + r.pass, 0);
      const run = s.reduce((n, r) => n + r.pass + r.fail, 0);
      return `${pass}/${run} (${((100 * pass) / Math.max(1, run)).toFixed(1)} %)`;
    };
    out[e.name] = { core: tally((f) => !EXTENSIONS.has(f)), all: tally(() => true) };
  }
  return out;
}

console.log(
  JSON.stringify(
    {
      node: process.version,
      loadAverage1m: loadavg()[0],
      secondsPerMeasure: SECONDS,
      conformance: conformance(),
      packs: PACKS.map(packBench),
    },
    null,
    2,
  ),
);
