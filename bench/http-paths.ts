/**
 * The HTTP decision path alone, for working on it: (a) the bare-Fastify ceiling, (b) `POST /v1/events`
 * at full load and paced open-loop at half of it, (c) `POST /v1/events:batch` with 1,000 events per
 * request — the same phases as `npm run bench` (bench/run.ts), without the in-process and replay
 * parts, with the CPU the server spent per decision. Prints one JSON document.
 *
 *   node --import tsx bench/http-paths.ts [--seconds 10] [--only a,b,c] [--profile]
 *     --paced-rate N      (b) without its full-load phase: paced open-loop at N req/s only
 *     --server-latency    the server prints its own request-time and loop-delay percentiles every 5 s
 *                         (bench/server-latency-probe.ts), to split client-side latency into its parts
 *     --node-flags "..."  extra Node flags for the server child (e.g. "--trace-gc")
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventGenerator } from './events.ts';
import { load, type LoadResult } from './http-load.ts';
import { pacedLoad } from './paced-load.ts';
import { startChild, type Child } from './ipc.ts';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const seconds = Number(arg('--seconds') ?? 10);
const only = new Set((arg('--only') ?? 'a,b,c').split(','));
const connections = Number(arg('--connections') ?? 64);
const childArgv = argv.includes('--profile')
  ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'zhili-bench-profiles')}`]
  : (arg('--node-flags') ?? '').split(' ').filter(Boolean);
const pacedRate = Number(arg('--paced-rate') ?? 0);
if (argv.includes('--server-latency')) process.env.ZHILI_BENCH_SERVER_LATENCY = '1'; // the child inherits it
const BATCH = 1000;
const log = (msg: string): void => void process.stderr.write(`[http-paths] ${msg}\n`);
const load1 = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

type Phase = LoadResult & { serverCpuPct: number; serverCpuUsPerItem: number; load1: number };

async function measured(child: Child<unknown>, run: () => Promise<LoadResult>): Promise<Phase> {
  const c0 = await child.call<number>('cpu');
  const t0 = performance.now();
  const r = await run();
  const ms = performance.now() - t0;
  const c1 = await child.call<number>('cpu');
  const done = (r.itemsPerSec ?? r.requestsPerSec) * r.seconds;
  return {
    ...r,
    serverCpuPct: Math.round(((c1 - c0) / ms) * 100),
    // Server CPU per answered decision (µs), the figure least skewed by other work on the machine.
    serverCpuUsPerItem: done > 0 ? Math.round(((c1 - c0) * 1000) / done) : 0,
    load1: load1(),
  };
}

const out: Record<string, unknown> = { date: new Date().toISOString(), cores: cpus().length, loadAtStart: load1() };
const warm = Math.min(3, seconds);

if (only.has('a')) {
  log('(a) bare Fastify ceiling');
  const child = await startChild<{ port: number }>('./fastify-baseline.ts', [], childArgv);
  try {
    const gen = new EventGenerator({ seed: 1, idPrefix: 'ceil' });
    const o = {
      url: `http://127.0.0.1:${child.info.port}`,
      path: '/v1/events',
      connections,
      body: () => gen.nextJson(),
    };
    await load({ ...o, seconds: warm });
    out.a = await measured(child, () => load({ ...o, seconds }));
  } finally {
    await child.stop();
  }
}

if (only.has('b') || only.has('c')) {
  const child = await startChild<{ port: number; apiKey: string }>('./server-child.ts', [], childArgv);
  try {
    const { port, apiKey } = child.info;
    const gen = new EventGenerator({ seed: 2, idPrefix: 'http' });
    const headers = { authorization: `Bearer ${apiKey}` };
    const single = { url: `http://127.0.0.1:${port}`, path: '/v1/events', headers, body: () => gen.nextJson() };
    if (only.has('b')) {
      log('(b) warm-up, full load');
      await load({ ...single, connections, seconds: warm });
      const full = pacedRate > 0 ? undefined : await measured(child, () => load({ ...single, connections, seconds }));
      const rate = full ? full.requestsPerSec / 2 : pacedRate;
      log(`(b) paced open-loop at ${Math.round(rate)} req/s`);
      const paced = await measured(child, () =>
        pacedLoad({ port, path: '/v1/events', headers, connections, seconds, rate, body: () => gen.nextJson() }),
      );
      out.b = { full, paced };
    }
    if (only.has('c')) {
      log(`(c) batch, ${BATCH} events per request`);
      const body = (): string => {
        const events: string[] = [];
        for (let i = 0; i < BATCH; i++) events.push(gen.nextJson());
        return `{"events":[${events.join(',')}]}`;
      };
      const o = { ...single, path: '/v1/events:batch', connections: 4, body, itemsPerRequest: BATCH };
      await load({ ...o, seconds: warm });
      out.c = await measured(child, () => load({ ...o, seconds }));
      out.metrics = await child.call<Record<string, number>>('metrics');
    }
  } finally {
    await child.stop();
  }
}
const a = out.a as Phase | undefined;
const b = out.b as { full?: Phase } | undefined;
if (a && b?.full) out.ratio_b_over_a = Math.round((b.full.requestsPerSec / a.requestsPerSec) * 1000) / 1000;
out.loadAtEnd = load1();
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
