/**
 * Inside the benchmark's server child (`http-paths.ts --server-latency`): every 5 s, on stderr, the
 * server-side time of each HTTP request (from Node's diagnostics channels: request start to response
 * finish) and the event loop's delay, so that a client-side percentile can be split into the server's
 * part and the load generator's.
 */
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function startServerLatencyProbe(everyMs = 5000): void {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const starts = new WeakMap<object, number>();
  let times: number[] = [];
  subscribe('http.server.request.start', (m) => starts.set((m as { response: object }).response, performance.now()));
  subscribe('http.server.response.finish', (m) => {
    const t = starts.get((m as { response: object }).response);
    if (t !== undefined) times.push(performance.now() - t);
  });
  const ms = (ns: number): string => (ns / 1e6).toFixed(1);
  setInterval(() => {
    const s = times.sort((a, b) => a - b);
    const q = (p: number): string => (s[Math.floor(p * (s.length - 1))] ?? 0).toFixed(1);
    process.stderr.write(
      `[server] requests ${s.length}: p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} max ${q(1)} ms; ` +
        `loop delay p50 ${ms(loop.percentile(50))} p99 ${ms(loop.percentile(99))} max ${ms(loop.max)} ms\n`,
    );
    times = [];
    loop.reset();
  }, everyMs).unref();
}
