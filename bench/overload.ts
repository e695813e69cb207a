/**
 * Twice the load the server can take, for a minute: the real server in a child process (SQLite,
 * durable commit, benchmark pack), its sustainable rate found first with autocannon at full load, then
 * one tenant floods at 2× that rate (paced, open loop) while a quiet tenant sends a steady trickle. The
 * two load clients run in their own processes (bench/overload-client.ts: bodies made before the clock
 * starts, a few hundred keep-alive connections, not thousands), so neither waits on the other's event
 * loop and each reports its own CPU. It prints one JSON document: every answer's latency (accepted or
 * refused), requests never answered, RSS growth, acknowledged events against events stored (lost or
 * doubled), the quiet tenant's p99 beside its p99 on an idle server, the CPU of the server and of each
 * client, and the machine's load average before and after (others may share its cores).
 *
 * With --probe the server also says where each tenant's time went (bench/overload-probe.ts): before its
 * loop read the request (client latency minus server time), reading and authenticating it, deciding and
 * committing it, writing the answer; and its event loop's delay and utilisation, alone and under flood.
 *
 *   node --import tsx bench/overload.ts [--quick] [--seconds 60] [--connections 512] [--profile] [--probe]
 *     [--node-flags "--trace-gc"]
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventGenerator } from './events.ts';
import { load } from './http-load.ts';
import { startChild } from './ipc.ts';
import type { ClientResult, ClientRun } from './overload-client.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const flag = (name: string): number => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : 0;
};
const seconds = flag('--seconds') || (quick ? 8 : 60);
const log = (msg: string): void => void process.stderr.write(`[overload] ${msg}\n`);
const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;

interface ServerInfo {
  port: number;
  apiKey: string;
  tenantId: string;
}

/** Per gauge, its median, least and greatest value over the samples. */
function spread(samples: readonly Record<string, number>[]): Record<string, { p50: number; min: number; max: number }> {
  const out: Record<string, { p50: number; min: number; max: number }> = {};
  for (const name of Object.keys(samples[0] ?? {})) {
    const v = samples.map((s) => s[name] ?? 0).sort((a, b) => a - b);
    out[name] = { p50: v[Math.floor(v.length / 2)] ?? 0, min: v[0] ?? 0, max: v[v.length - 1] ?? 0 };
  }
  return out;
}

const profileDir = join(tmpdir(), 'zhili-bench-profiles');
// --profile: a V8 CPU profile of the server child, to see where refusals spend the main thread.
const probing = argv.includes('--probe');
// --node-flags "...": extra Node flags for the server child (e.g. "--trace-gc").
const nodeFlags = argv.includes('--node-flags') ? argv[argv.indexOf('--node-flags') + 1] : undefined;
const child = await startChild<ServerInfo>(
  probing ? './overload-server.ts' : './server-child.ts',
  [],
  [
    ...(argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(nodeFlags ?? '').split(' ').filter(Boolean),
  ],
);
const probeFile = join(tmpdir(), `zhili-overload-probe-${process.pid}.json`);
/** Starts the probe's window; `dump` ends it. The child answers both with an error the probe made moot. */
const probeReset = async (): Promise<void> => {
  if (probing) await child.call('probe-reset').catch(() => undefined);
};
const probeDump = async (names: Record<string, string>): Promise<unknown> => {
  if (!probing) return undefined;
  await child.call('probe-dump', probeFile).catch(() => undefined);
  if (!existsSync(probeFile)) return undefined;
  const got = JSON.parse(readFileSync(probeFile, 'utf8')) as { loop: unknown; stages: Record<string, unknown> };
  rmSync(probeFile);
  const stages: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(got.stages)) {
    const [suffix, status] = k.split(':');
    stages[`${names[suffix ?? ''] ?? 'other'} ${status}`] = v;
  }
  return { loop: got.loop, stages };
};
const floodClient = await startChild<{ pid: number }>('./overload-client.ts');
const quietClient = await startChild<{ pid: number }>('./overload-client.ts');
try {
  const loadAverageAtStart = load1();
  const { port, apiKey, tenantId } = child.info;
  const quiet = await child.call<{ tenantId: string; apiKey: string }>('tenant');
  const path = '/v1/events';
  const warmGen = new EventGenerator({ seed: 10, idPrefix: 'warm' });
  const warm = () => warmGen.nextJson();
  const headers = { authorization: `Bearer ${apiKey}` };

  log('warm-up');
  await load({ url: `http://127.0.0.1:${port}`, path, headers, connections: 64, seconds: 3, body: warm });
  log('sustainable rate: full load, 64 connections');
  const full = await load({
    url: `http://127.0.0.1:${port}`,
    path,
    headers,
    connections: 64,
    seconds: quick ? 3 : 10,
    body: warm,
  });
  // Accepted answers only: at full load the door may already refuse some (answered at once, so they inflate req/s).
  const sustainable = Math.round((full.statusCodes['200'] ?? 0) / full.seconds);
  const quietRate = Math.max(20, Math.round(sustainable / 50));
  const connections = flag('--connections') || 512;
  const run = (c: typeof floodClient, o: Omit<ClientRun, 'port' | 'path'>) =>
    c.call<ClientResult>('run', { port, path, ...o } satisfies ClientRun);
  // Enough connections for a second of the quiet tenant's requests: with fewer, one slow answer leaves
  // its due requests queueing in the client, and the run measures the client's queue, not the server.
  const quietRun = { apiKey: quiet.apiKey, seed: 12, rate: quietRate, connections: Math.min(64, quietRate) };
  const names = { [apiKey.slice(-6)]: 'flood', [quiet.apiKey.slice(-6)]: 'quiet' };

  log(`quiet tenant alone at ${quietRate}/s`);
  await probeReset();
  const quietAlone = await run(quietClient, { ...quietRun, idPrefix: 'quiet-alone', seconds: quick ? 3 : 10 });
  const probeAlone = await probeDump(names);

  const floodedBefore = await child.call<number>('stored', tenantId);
  const quietBefore = await child.call<number>('stored', quiet.tenantId);
  const rss0 = await child.call<number>('rssMb');
  const heap0 = await child.call<number>('heapMb');
  const loadAverageBeforeFlood = load1();
  const cpu0 = await child.call<number>('cpu');
  await probeReset();
  const t0 = performance.now();
  log(`flood at 2 × ${sustainable}/s for ${seconds} s over ${connections} connections, quiet tenant at ${quietRate}/s`);
  // The admission controller's state once a second (its /metrics gauges): what it let in, and why.
  const admission: Record<string, number>[] = [];
  const sampler = setInterval(() => {
    child.call<Record<string, number>>('admission').then(
      (g) => admission.push(g),
      () => undefined, // a sample missed under the flood is only a gap in the series
    );
  }, 1000);
  const [flood, quietDuring] = await Promise.all([
    run(floodClient, { apiKey, seed: 11, idPrefix: 'flood', rate: 2 * sustainable, seconds, connections }),
    run(quietClient, { ...quietRun, idPrefix: 'quiet', seconds }),
  ]).finally(() => clearInterval(sampler));
  const serverCpuPct = Math.round((((await child.call<number>('cpu')) - cpu0) / (performance.now() - t0)) * 100);
  const probeFlood = await probeDump(names);
  const loadAverageAfterFlood = load1();
  const rss1 = await child.call<number>('rssMb');
  const heap1 = await child.call<number>('heapMb');
  const floodedStored = (await child.call<number>('stored', tenantId)) - floodedBefore;
  const quietStored = (await child.call<number>('stored', quiet.tenantId)) - quietBefore;
  const accepted = (r: ClientResult) => r.statusCodes['200'] ?? 0;
  // Ids are unique: every acknowledged event stored, and nothing stored beyond what was sent.
  const exact = (r: ClientResult, stored: number) => stored >= accepted(r) && stored <= accepted(r) + r.inFlightAtEnd;

  const result = {
    bench: 'overload',
    at: new Date().toISOString(),
    seconds,
    machine: {
      loadAverage1m: {
        atStart: loadAverageAtStart,
        beforeFlood: loadAverageBeforeFlood,
        afterFlood: loadAverageAfterFlood,
      },
      serverCpuPctDuringFlood: serverCpuPct,
    },
    sustainablePerSec: sustainable,
    sustainableP99Ms: full.latencyMs.p99,
    offeredPerSec: 2 * sustainable,
    flood: { ...flood, acknowledged: accepted(flood), stored: floodedStored },
    quiet: {
      rate: quietRate,
      p99AloneMs: quietAlone.allMs.p99,
      p99DuringFloodMs: quietDuring.allMs.p99,
      alone: quietAlone,
      during: { ...quietDuring, acknowledged: accepted(quietDuring), stored: quietStored },
    },
    // Accepted per second against the sustainable rate: how much useful work the node kept doing.
    goodputShare: Math.round((accepted(flood) / flood.seconds / sustainable) * 100) / 100,
    admissionDuringFlood: spread(admission),
    // Every refusal since the server started, by the rule that made it (scope) and tenant.
    refusalsByRule: await child.call<Record<string, number>>('refusals'),
    rssMb: { before: rss0, after: rss1, growth: rss1 - rss0 },
    // The JavaScript heap in use (after the flood, before any GC is forced): what RSS growth is made of.
    heapUsedMb: { before: heap0, after: heap1, growth: heap1 - heap0 },
    ...(probing ? { probe: { quietAlone: probeAlone, duringFlood: probeFlood } } : {}),
    targets: {
      everyAnswerWithin1s:
        Math.max(flood.slowestAnswerMs, quietDuring.slowestAnswerMs) <= 1000 &&
        flood.unanswered + quietDuring.unanswered === 0,
      rssGrowthAtMost100Mb: rss1 - rss0 <= 100,
      noneLostOrDoubled: exact(flood, floodedStored) && exact(quietDuring, quietStored),
      quietP99Within2x: quietDuring.allMs.p99 <= 2 * Math.max(quietAlone.allMs.p99, 1),
      quietNeverRefused: accepted(quietDuring) === quietDuring.answered,
    },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await Promise.all([floodClient.stop(), quietClient.stop()]);
  await child.stop();
}
