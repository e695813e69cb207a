/**
 * HTTP load with autocannon from this process: every request gets a fresh body from `body()`. Latency is
 * taken from each response (ms, sub-millisecond resolution) rather than autocannon's whole-ms histogram.
 */
import autocannon from 'autocannon';
import { cpuMs } from './ipc.ts';

export interface LoadOptions {
  url: string;
  path: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** Requests per second over all connections (autocannon `overallRate`); unset = as fast as possible. */
  overallRate?: number;
  body: () => string;
  /** Items carried by one request (events per batch), for the items/s figure. */
  itemsPerRequest?: number;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSec: number;
  itemsPerSec?: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU used by the load generator itself, % of one core. */
  loaderCpuPct: number;
  overallRate?: number;
  /** Paced load only: the slowest answer of any status, and requests never answered. */
  slowestAnyMs?: number;
  unanswered?: number;
  /** Sent but not answered when the run ended (the server may still have stored them). */
  inFlightAtEnd?: number;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function percentiles(sorted: Float64Array): LoadResult['latencyMs'] {
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  let sum = 0;
  for (const x of sorted) sum += x;
  return {
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    p999: round(at(0.999)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.length ? sum / sorted.length : 0),
  };
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  let lat = new Float64Array(1 << 16);
  let n = 0;
  const headers = { 'content-type': 'application/json', ...o.headers };
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    timeout: 30,
    ...(o.overallRate ? { overallRate: Math.max(1, Math.round(o.overallRate)) } : {}),
    requests: [{ method: 'POST', path: o.path, headers, setupRequest: (req) => ({ ...req, body: o.body() }) }],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 200 || status >= 300) return;
    if (n === lat.length) {
      const grown = new Float64Array(lat.length * 2);
      grown.set(lat);
      lat = grown;
    }
    lat[n++] = ms;
  });
  const r = await instance;
  const wall = (performance.now() - t0) / 1000;
  const sorted = lat.subarray(0, n).sort();
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats)) statusCodes[code] = s.count;
  const requests = r.requests.total;
  return {
    connections: o.connections,
    seconds: r.duration,
    requests,
    requestsPerSec: Math.round(requests / r.duration),
    ...(o.itemsPerRequest ? { itemsPerSec: Math.round((n * o.itemsPerRequest) / r.duration) } : {}),
    latencyMs: percentiles(sorted),
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    loaderCpuPct: Math.round(((cpuMs() - cpu0) / (wall * 1000)) * 100),
    ...(o.overallRate ? { overallRate: Math.round(o.overallRate) } : {}),
  };
}
