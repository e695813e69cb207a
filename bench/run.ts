/**
 * The foundation benchmarks in one run, printed as ONE JSON document (also written to
 * bench/results/latest.json):
 *   (a) ceiling: bare Fastify 5 parsing the same event JSON, in a child process;
 *   (b) `POST /v1/events` on the real server (child process, SQLite, durable commit, benchmark pack)
 *       at full load, then at half of that rate (autocannon `overallRate`, and paced open-loop);
 *   (c) `POST /v1/events:batch` with 1,000 events per request;
 *   (d) in-process decisions/s: the engine with its store, and the pure core on one thread;
 *   (e) backtest replay events/s on one thread, default and aml-typologies packs (bench/backtest.ts:
 *       AMLSim 20K when ../shared/testdata is present, else the synthetic events).
 * Load comes from autocannon in this process. `--quick` runs ~2 s phases for smoke checks;
 * `--connections N` changes the full-load connection count (default 64); `--profile` writes a V8 CPU
 * profile of every child process to <tmpdir>/zhili-bench-profiles/.
 *
 *   node --import tsx bench/run.ts [--quick] [--connections 64] [--profile]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { EventGenerator } from './events.ts';
import { load, type LoadResult } from './http-load.ts';
import type { InProcessResult } from './in-process.ts';
import { pacedLoad } from './paced-load.ts';
import { cpuMs, startChild, type Child } from './ipc.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const connectionsAt = argv.indexOf('--connections');
const connections = (connectionsAt >= 0 ? Number(argv[connectionsAt + 1]) : 0) || 64;
const profileDir = join(tmpdir(), 'zhili-bench-profiles');
const childArgv = argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
const phase = quick ? { warm: 1, main: 2, inProc: 2 } : { warm: 3, main: 10, inProc: 8 };
const BATCH = 1000;
const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

interface ServerInfo {
  port: number;
  apiKey: string;
  tenantId: string;
  ruleSetVersion: string;
  rules: number;
  features: number;
  store: string;
}

/** Busy and total CPU time of the whole machine so far, ms (all cores). */
function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

type Measured = LoadResult & { serverCpuPct: number; otherCpuPct: number };

/**
 * Runs a load phase while measuring the CPU the server child spent (% of one core) and what the rest of
 * the machine spent besides server and load generator: other work on a shared machine skews results.
 */
async function measured(child: Child<unknown>, run: () => Promise<LoadResult>): Promise<Measured> {
  const c0 = await child.call<number>('cpu');
  const m0 = machineCpu();
  const t0 = performance.now();
  const r = await run();
  const ms = performance.now() - t0;
  const m1 = machineCpu();
  const c1 = await child.call<number>('cpu');
  const serverCpuPct = Math.round(((c1 - c0) / ms) * 100);
  const machinePct = ((m1.busy - m0.busy) / (m1.total - m0.total)) * cpus().length * 100;
  return { ...r, serverCpuPct, otherCpuPct: Math.max(0, Math.round(machinePct - serverCpuPct - r.loaderCpuPct)) };
}

async function ceiling(): Promise<Measured> {
  log('(a) bare Fastify ceiling');
  const child = await startChild<{ port: number }>('./fastify-baseline.ts', [], childArgv);
  try {
    const gen = new EventGenerator({ seed: 1, idPrefix: 'ceil' });
    const opts = {
      url: `http://127.0.0.1:${child.info.port}`,
      path: '/v1/events',
      connections,
      body: () => gen.nextJson(),
    };
    await load({ ...opts, seconds: phase.warm });
    return await measured(child, () => load({ ...opts, seconds: phase.main }));
  } finally {
    await child.stop();
  }
}

async function zhiliHttp() {
  log('(b, c) zhili server: starting child, activating the benchmark pack');
  const child = await startChild<ServerInfo>('./server-child.ts', [], childArgv);
  try {
    const { port, apiKey } = child.info;
    const gen = new EventGenerator({ seed: 2, idPrefix: 'http' });
    const headers = { authorization: `Bearer ${apiKey}` };
    const single = { url: `http://127.0.0.1:${port}`, path: '/v1/events', headers, body: () => gen.nextJson() };
    log('(b) warm-up');
    await load({ ...single, connections, seconds: phase.warm });
    log(`(b) full load, ${connections} connections`);
    const full = await measured(child, () => load({ ...single, connections, seconds: phase.main }));
    const rate = full.requestsPerSec / 2;
    log(`(b) half load, ${Math.round(rate)} req/s`);
    const half = await measured(child, () => load({ ...single, connections, seconds: phase.main, overallRate: rate }));
    log(`(b) half load, paced open-loop, ${Math.round(rate)} req/s`);
    const paced = await measured(child, () =>
      pacedLoad({
        port,
        path: '/v1/events',
        headers,
        connections,
        seconds: phase.main,
        rate,
        body: () => gen.nextJson(),
      }),
    );
    const afterSingle = await child.call<Record<string, number>>('metrics');

    log(`(c) batch endpoint, ${BATCH} events per request`);
    const batchBody = (): string => {
      const events: string[] = [];
      for (let i = 0; i < BATCH; i++) events.push(gen.nextJson());
      return `{"events":[${events.join(',')}]}`;
    };
    const batchOpts = { ...single, path: '/v1/events:batch', connections: 4, body: batchBody, itemsPerRequest: BATCH };
    await load({ ...batchOpts, seconds: phase.warm });
    const batch = await measured(child, () => load({ ...batchOpts, seconds: phase.main }));
    const metrics = await child.call<Record<string, number>>('metrics');
    const heapMb = await child.call<number>('heapMb');
    return {
      server: child.info,
      full,
      half,
      paced,
      batch,
      metrics: { afterSingleEvents: afterSingle, atEnd: metrics },
      heapMb,
    };
  } finally {
    await child.stop();
  }
}

async function inProcess(mode: 'engine' | 'core' | 'core-default'): Promise<InProcessResult> {
  log(`(d) in-process: ${mode}`);
  const child = await startChild<{ mode: string }>('./in-process.ts', [mode, String(phase.inProc)], childArgv);
  try {
    return await child.call<InProcessResult>('run');
  } finally {
    await child.stop();
  }
}

interface ReplayRow {
  data: string;
  pack: string;
  events: number;
  replayEventsPerSec: number;
  replayEventsPerCpuSec: number;
}

/** (e): bench/backtest.ts in a child process, one run per pack, its JSON read back. */
function backtestReplay(): ReplayRow[] {
  log('(e) backtest replay');
  const script = new URL('./backtest.ts', import.meta.url).pathname;
  const args = ['--packs', 'default,aml-typologies', '--runs', '1', '--events', quick ? '20000' : '200000'];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...childArgv, script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(out) as { results: ReplayRow[] }).results;
}

if (childArgv.length > 0) log(`CPU profiles of the children go to ${profileDir}`);
const startedAt = new Date();
const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
const cpu0 = cpuMs();
const a = await ceiling();
const b = await zhiliHttp();
const engine = await inProcess('engine');
const core = await inProcess('core');
const coreDefault = await inProcess('core-default');
const replayRows = backtestReplay();
const amlReplay =
  replayRows.find((r) => r.pack === 'aml-typologies' && r.data !== 'synthetic') ??
  replayRows.find((r) => r.pack === 'aml-typologies');

const ratio = Math.round((b.full.requestsPerSec / a.requestsPerSec) * 1000) / 1000;
const target = (name: string, required: string, actual: number | string, met: boolean) => ({
  name,
  required,
  actual,
  met,
});
const targets = [
  target('(b) full load >= half of the bare-Fastify ceiling', '>= 0.5 x (a)', ratio, ratio >= 0.5),
  target('(b) full load decisions/s', '>= 30000', b.full.requestsPerSec, b.full.requestsPerSec >= 30_000),
  target('(b) p99 at half load (autocannon overallRate)', '<= 5 ms', b.half.latencyMs.p99, b.half.latencyMs.p99 <= 5),
  target('(b) p99 at half load (paced open-loop)', '<= 5 ms', b.paced.latencyMs.p99, b.paced.latencyMs.p99 <= 5),
  target(
    '(d) pure core decisions/s on one core (benchmark pack)',
    '>= 300000',
    core.decisionsPerSec,
    core.decisionsPerSec >= 300_000,
  ),
  target(
    '(e) backtest replay events/s on one core (aml-typologies pack)',
    '>= 500000',
    amlReplay?.replayEventsPerSec ?? 0,
    (amlReplay?.replayEventsPerSec ?? 0) >= 500_000,
  ),
];

const phases: [string, Measured][] = [
  ['a', a],
  ['b full', b.full],
  ['b half', b.half],
  ['b half paced', b.paced],
  ['c batch', b.batch],
];
const warnings = phases
  .filter(([, m]) => m.otherCpuPct > 15)
  .map(([name, m]) => `${name}: other processes used ${m.otherCpuPct}% of a core during the phase; numbers are skewed`);
if (a.loaderCpuPct >= 95) warnings.push('a: the load generator saturated its core, so (a) is a floor of the ceiling');

const report = {
  benchmark: 'zhili foundation',
  quick,
  date: startedAt.toISOString(),
  durationSec: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
  },
  setup: {
    connections,
    phaseSeconds: phase,
    loadGenerator: 'autocannon 9, in the parent process, same machine (it competes with the server for the cores)',
    events: 'bench/events.ts: seeded; ~10k customers, ~2k devices, 11 event types, log-normal CNY amounts, 5% USD',
    ruleSet: {
      version: b.server.ruleSetVersion,
      rules: b.server.rules,
      features: b.server.features,
      store: b.server.store,
    },
  },
  a_ceilingFastify: a,
  b_singleEvent: { fullLoad: b.full, halfLoad: b.half, halfLoadPaced: b.paced },
  c_batch: { eventsPerRequest: BATCH, ...b.batch },
  d_inProcess: { engineWithStore: engine, pureCore: core, pureCoreDefaultPack: coreDefault },
  e_backtestReplay: replayRows,
  serverMetrics: { ...b.metrics, heapUsedMb: b.heapMb },
  ratio_b_over_a: ratio,
  targets,
  allTargetsMet: targets.every((t) => t.met),
  warnings,
  parentCpuSec: Math.round((cpuMs() - cpu0) / 1000),
};

const json = JSON.stringify(report, null, 2);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${json}\n`);
process.stdout.write(`${json}\n`);
