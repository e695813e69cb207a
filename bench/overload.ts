/**
 * Twice the load the server can take, for a minute: the real server in a child process (SQLite,
 * durable commit, benchmark pack), its sustainable rate found first with autocannon at full load, then
 * one tenant floods at 2× that rate (paced, open loop) while a quiet tenant sends a steady trickle. It
 * prints one JSON document: every answer's latency (accepted or refused), requests never answered,
 * RSS growth, acknowledged events against events stored (lost or doubled), and the quiet tenant's
 * p99 beside its p99 on an idle server.
 *
 *   node --import tsx bench/overload.ts [--quick] [--seconds 60] [--profile]
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventGenerator } from './events.ts';
import { load } from './http-load.ts';
import { startChild } from './ipc.ts';
import { pacedLoad } from './paced-load.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const at = argv.indexOf('--seconds');
const seconds = (at >= 0 ? Number(argv[at + 1]) : 0) || (quick ? 8 : 60);
const log = (msg: string): void => void process.stderr.write(`[overload] ${msg}\n`);

interface ServerInfo {
  port: number;
  apiKey: string;
  tenantId: string;
}

const profileDir = join(tmpdir(), 'zhili-bench-profiles');
// --profile: a V8 CPU profile of the server child, to see where refusals spend the main thread.
const child = await startChild<ServerInfo>(
  './server-child.ts',
  [],
  argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
);
try {
  const { port, apiKey, tenantId } = child.info;
  const quiet = await child.call<{ tenantId: string; apiKey: string }>('tenant');
  const floodGen = new EventGenerator({ seed: 11, idPrefix: 'flood' });
  const quietGen = new EventGenerator({ seed: 12, idPrefix: 'quiet' });
  const path = '/v1/events';
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  const warm = () => floodGen.nextJson();
  log('warm-up');
  await load({ url: `http://127.0.0.1:${port}`, path, headers: auth(apiKey), connections: 64, seconds: 3, body: warm });
  log('sustainable rate: full load, 64 connections');
  const full = await load({
    url: `http://127.0.0.1:${port}`,
    path,
    headers: auth(apiKey),
    connections: 64,
    seconds: quick ? 3 : 10,
    body: warm,
  });
  const sustainable = full.requestsPerSec;
  const quietRate = Math.max(20, Math.round(sustainable / 50));

  log(`quiet tenant alone at ${quietRate}/s`);
  const quietAlone = await pacedLoad({
    port,
    path,
    headers: auth(quiet.apiKey),
    connections: 8,
    seconds: quick ? 3 : 10,
    rate: quietRate,
    body: () => quietGen.nextJson(),
  });

  const floodedBefore = await child.call<number>('stored', tenantId);
  const quietBefore = await child.call<number>('stored', quiet.tenantId);
  const rss0 = await child.call<number>('rssMb');
  log(`flood at 2 × ${sustainable}/s for ${seconds} s, quiet tenant at ${quietRate}/s`);
  const [flood, quietDuring] = await Promise.all([
    pacedLoad({
      port,
      path,
      headers: auth(apiKey),
      // Enough connections that the excess reaches the server (one second of the offered rate):
      // with fewer, an open-loop client queues it itself and the server never sees the overload.
      connections: Math.min(4096, 2 * sustainable),
      seconds,
      rate: 2 * sustainable,
      body: () => floodGen.nextJson(),
    }),
    pacedLoad({
      port,
      path,
      headers: auth(quiet.apiKey),
      connections: 8,
      seconds,
      rate: quietRate,
      body: () => quietGen.nextJson(),
    }),
  ]);
  const rss1 = await child.call<number>('rssMb');
  const floodedStored = (await child.call<number>('stored', tenantId)) - floodedBefore;
  const quietStored = (await child.call<number>('stored', quiet.tenantId)) - quietBefore;
  const accepted = (r: { statusCodes: Record<string, number> }) => r.statusCodes['200'] ?? 0;

  const result = {
    bench: 'overload',
    at: new Date().toISOString(),
    seconds,
    sustainablePerSec: sustainable,
    offeredPerSec: 2 * sustainable,
    flood: {
      answered: flood.requests,
      statusCodes: flood.statusCodes,
      slowestAnswerMs: flood.slowestAnyMs,
      unanswered: flood.unanswered,
      acceptedP99Ms: flood.latencyMs.p99,
      acknowledged: accepted(flood),
      inFlightAtEnd: flood.inFlightAtEnd,
      stored: floodedStored,
      loaderCpuPct: flood.loaderCpuPct,
    },
    quiet: {
      rate: quietRate,
      p99AloneMs: quietAlone.latencyMs.p99,
      p99DuringFloodMs: quietDuring.latencyMs.p99,
      statusCodes: quietDuring.statusCodes,
      acknowledged: accepted(quietDuring),
      stored: quietStored,
    },
    rssMb: { before: rss0, after: rss1, growth: rss1 - rss0 },
    targets: {
      everyAnswerWithin1s: (flood.slowestAnyMs ?? Infinity) <= 1000 && flood.unanswered === 0,
      rssGrowthAtMost100Mb: rss1 - rss0 <= 100,
      // Ids are unique: every acknowledged event stored, and nothing stored beyond what was sent.
      noneLostOrDoubled:
        floodedStored >= accepted(flood) &&
        floodedStored <= accepted(flood) + (flood.inFlightAtEnd ?? 0) &&
        quietStored >= accepted(quietDuring) &&
        quietStored <= accepted(quietDuring) + (quietDuring.inFlightAtEnd ?? 0),
      quietP99Within2x: quietDuring.latencyMs.p99 <= 2 * Math.max(quietAlone.latencyMs.p99, 1),
    },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await child.stop();
}
