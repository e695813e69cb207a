/**
 * Decisions per second without HTTP, run as a child of run.ts:
 *   `engine`: the whole use-case (`zhili.engine.decide`) with the embedded SQLite store and durable group
 *             commit, events submitted concurrently in batches so they share commits;
 *   `core`:   the pure core only (compileRuleSet, FeatureState.values/record, decide) on events
 *             normalized beforehand, one thread, no store.
 * Event generation and normalization are outside the timed sections.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaCalendar, makeFxTable } from '../src/kernel/index.ts';
import {
  compileRuleSet,
  decide,
  defaultRuleSetDocument,
  FeatureState,
  fxTableData,
  normalizeEvent,
  type EventInput,
  type NormalizedEvent,
  type Outcome,
} from '../src/monitoring/index.ts';
import { createZhili, loadConfig } from '../src/runtime/index.ts';
import { EventGenerator } from './events.ts';
import { serveParent } from './ipc.ts';

export interface InProcessResult {
  decisions: number;
  seconds: number;
  decisionsPerSec: number;
  /** Pure core: decisions per second of this thread's CPU time, steadier than wall time on a shared machine. */
  decisionsPerCpuSec?: number;
  outcomes: Record<Outcome | 'failed', number>;
  batch?: number;
  rules: number;
  features: number;
}

const TZ = 'Asia/Shanghai';
const readPack = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const countOf = (doc: unknown, key: 'rules' | 'features'): number =>
  (doc as Record<string, unknown[]>)[key]?.length ?? 0;

/** The pure core: one thread, no store, no HTTP. */
export function coreBench(doc: unknown, seconds: number, chunk = 20_000): InProcessResult {
  const calendar = chinaCalendar();
  const fx = makeFxTable(fxTableData());
  const compiled = compileRuleSet(doc, { calendar, defaultTimeZone: TZ });
  if (!compiled.ok) throw new Error(`rule set invalid: ${JSON.stringify(compiled.errors)}`);
  const rs = compiled.ruleSet;
  const state = new FeatureState(rs.features);
  const gen = new EventGenerator({ seed: 20260302, idPrefix: 'core' });
  const outcomes = { allow: 0, review: 0, block: 0, failed: 0 };

  const prepare = (): NormalizedEvent[] => {
    const out: NormalizedEvent[] = [];
    for (let i = 0; i < chunk; i++) {
      const n = normalizeEvent(gen.next(), { timeZone: rs.timeZone, fx });
      if (n.ok) out.push(n.event);
      else outcomes.failed++;
    }
    return out;
  };
  const run = (events: readonly NormalizedEvent[], count: boolean): void => {
    for (const e of events) {
      const fv = state.values(e);
      const errors =
        fv.errors.length === 0 ? [] : fv.errors.map((x) => ({ featureId: x.featureId, message: x.message }));
      const d = decide(rs, e, fv.values, errors, {}, e.time);
      state.record(e);
      if (count) outcomes[d.outcome]++;
    }
  };

  // Warm-up: JIT and a history in the windows, untimed.
  const warmUntil = performance.now() + Math.min(2000, seconds * 200);
  while (performance.now() < warmUntil) run(prepare(), false);

  let timedMs = 0;
  let cpuUs = 0;
  let decisions = 0;
  while (timedMs < seconds * 1000) {
    const events = prepare();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(events, true);
    timedMs += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpuUs += c.user + c.system;
    decisions += events.length;
  }
  return {
    decisions,
    seconds: Math.round(timedMs) / 1000,
    decisionsPerSec: Math.round(decisions / (timedMs / 1000)),
    decisionsPerCpuSec: Math.round(decisions / (cpuUs / 1e6)),
    outcomes,
    rules: countOf(doc, 'rules'),
    features: countOf(doc, 'features'),
  };
}

/** The engine with its store: validation, normalization, idempotency, features, rules, group commit. */
export async function engineBench(doc: unknown, seconds: number, batch = 1000): Promise<InProcessResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-bench-inproc-'));
  const zhili = await createZhili(loadConfig({ dataDir, port: 0, logger: false }));
  try {
    const { tenant } = await zhili.createTenant('Bench In-Process');
    const compiled = zhili.engine.compile(doc, tenant.timeZone);
    await zhili.store.putRuleSet({
      tenantId: tenant.id,
      version: compiled.version,
      content: doc,
      createdAt: Date.now(),
      createdBy: 'bench',
      active: true,
    });
    await zhili.engine.activate(tenant.id, compiled);

    const gen = new EventGenerator({ seed: 20260303, idPrefix: 'inproc' });
    const outcomes = { allow: 0, review: 0, block: 0, failed: 0 };
    const round = async (count: boolean): Promise<number> => {
      const events: EventInput[] = [];
      for (let i = 0; i < batch; i++) events.push(gen.next());
      const t0 = performance.now();
      const results = await Promise.all(events.map((e) => zhili.engine.decide(tenant.id, e)));
      const ms = performance.now() - t0;
      if (count) for (const r of results) outcomes[r.ok ? r.decision.outcome : 'failed']++;
      return ms;
    };
    const warmUntil = performance.now() + Math.min(2000, seconds * 200);
    while (performance.now() < warmUntil) await round(false);
    let timedMs = 0;
    let decisions = 0;
    while (timedMs < seconds * 1000) {
      timedMs += await round(true);
      decisions += batch;
    }
    return {
      decisions,
      seconds: Math.round(timedMs) / 1000,
      decisionsPerSec: Math.round(decisions / (timedMs / 1000)),
      outcomes,
      batch,
      rules: countOf(doc, 'rules'),
      features: countOf(doc, 'features'),
    };
  } finally {
    await zhili.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * As a child of run.ts: `in-process.ts <core|core-default|engine> <seconds> [pack.json]`. Run directly
 * (`node --import tsx bench/in-process.ts core 8`), it prints the result as JSON with the load average.
 */
const isMain = import.meta.url.endsWith(process.argv[1]?.split('/').pop() ?? '\0');
if (isMain) {
  const [mode = 'core', secs = '10', packFile = new URL('./packs/bench-rules.json', import.meta.url).pathname] =
    process.argv.slice(2);
  const seconds = Number(secs);
  const doc = mode === 'core-default' ? defaultRuleSetDocument() : readPack(packFile);
  const run = async (): Promise<InProcessResult> =>
    mode === 'engine' ? engineBench(doc, seconds) : coreBench(doc, seconds);
  if (process.send) serveParent({ mode }, { run }, async () => undefined);
  else {
    const before = loadavg();
    const result = await run();
    const load = { before, after: loadavg() };
    process.stdout.write(`${JSON.stringify({ mode, ...result, loadAverage: load }, null, 2)}\n`);
  }
}
