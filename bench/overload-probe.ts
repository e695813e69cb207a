/**
 * Where a request's time goes inside the server, per tenant, for the overload run: imported before the
 * server child (bench/overload-server.ts, which bench/overload.ts --probe starts), it listens on diagnostics channels only (no change
 * to the server): Node's `http.server.request.start` (headers parsed), Fastify's handler tracing channel
 * (handler start: body read, parsed, authenticated; handler settled: decided and committed) and
 * `http.server.response.finish` (answer written). Beside them the event loop's delay and utilisation.
 * The client's latency minus the server's is the time a request waited before the server's loop read it.
 * Counted per bearer (its last 6 characters) and status; `probe-reset` starts a window, `probe-dump`
 * writes it to the file named by the call's argument (the child answers those calls with an error that
 * the parent ignores: this file, loaded first, has already done the work).
 */
import { subscribe, tracingChannel } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

interface Marks {
  start: number;
  handler?: number;
  settled?: number;
}
type Stage = 'read' | 'handler' | 'send' | 'server';
const marks = new WeakMap<IncomingMessage, Marks>();
let samples = new Map<string, Record<Stage, number[]>>();

const keyOf = (req: IncomingMessage, res: ServerResponse): string =>
  `${(req.headers.authorization ?? '').slice(-6)}:${res.statusCode}`;

subscribe('http.server.request.start', (m) => {
  const { request } = m as { request: IncomingMessage };
  marks.set(request, { start: performance.now() });
});
tracingChannel('fastify.request.handler').subscribe({
  start: (m) => {
    const mk = marks.get((m as { request: { raw: IncomingMessage } }).request.raw);
    if (mk) mk.handler = performance.now();
  },
  end: () => undefined,
  asyncStart: (m) => {
    const mk = marks.get((m as { request: { raw: IncomingMessage } }).request.raw);
    if (mk) mk.settled = performance.now();
  },
  asyncEnd: () => undefined,
  error: () => undefined,
});
subscribe('http.server.response.finish', (m) => {
  const { request, response } = m as { request: IncomingMessage; response: ServerResponse };
  const mk = marks.get(request);
  if (!mk) return;
  const now = performance.now();
  const k = keyOf(request, response);
  let s = samples.get(k);
  if (!s) samples.set(k, (s = { read: [], handler: [], send: [], server: [] }));
  s.server.push(now - mk.start);
  if (mk.handler !== undefined) {
    s.read.push(mk.handler - mk.start);
    if (mk.settled !== undefined) {
      s.handler.push(mk.settled - mk.handler);
      s.send.push(now - mk.settled);
    }
  }
});

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let elu = performance.eventLoopUtilization();

const summary = (xs: number[]) => {
  const s = Float64Array.from(xs).sort();
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 100) / 100;
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
};

process.on('message', (m: { name?: string; arg?: unknown }) => {
  if (m.name === 'probe-reset') {
    samples = new Map();
    delay.reset();
    elu = performance.eventLoopUtilization();
  } else if (m.name === 'probe-dump' && typeof m.arg === 'string') {
    const stages: Record<string, Record<Stage, ReturnType<typeof summary>>> = {};
    for (const [k, s] of samples)
      stages[k] = {
        read: summary(s.read),
        handler: summary(s.handler),
        send: summary(s.send),
        server: summary(s.server),
      };
    const u = performance.eventLoopUtilization(elu);
    const ms = (q: number) => Math.round(delay.percentile(q) / 1e4) / 100;
    const loop = {
      utilisationPct: Math.round(u.utilization * 100),
      delayMs: { p50: ms(50), p99: ms(99), max: ms(100) },
    };
    writeFileSync(m.arg, JSON.stringify({ loop, stages }));
  }
});
