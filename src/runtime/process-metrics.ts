import type { EventLoopUtilization } from 'node:perf_hooks';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** A thread whose busy share /metrics reports (the background thread, the SQLite writer …). */
export interface WatchedThread {
  performance: { eventLoopUtilization(u1?: EventLoopUtilization, u2?: EventLoopUtilization): EventLoopUtilization };
}

export interface ProcessMetrics {
  /** Prometheus text of the process, GC, event-loop lag and watched threads. */
  text(): Promise<string>;
  /** Reports the thread's event-loop utilisation under `thread="<name>"` until the returned stop. */
  watch(name: string, thread: WatchedThread): () => void;
}

/**
 * prom-client's standard process and Node.js metrics (CPU, memory, handles, GC durations,
 * `nodejs_eventloop_lag_*` from `monitorEventLoopDelay`) under their usual names, so stock dashboards
 * work, plus the busy share of every worker thread since the previous scrape: a saturated writer or
 * background thread shows up here before it shows up as latency.
 */
export function processMetrics(): ProcessMetrics {
  const threads = new Map<string, { thread: WatchedThread; last: EventLoopUtilization | undefined }>();
  // Made at the first scrape: the GC observer and event-loop histogram cost nothing until someone looks.
  let registry: Registry | undefined;
  return {
    text: () => (registry ??= collectors(threads)).metrics(),
    watch(name, thread) {
      threads.set(name, { thread, last: undefined });
      return () => threads.delete(name);
    },
  };
}

function collectors(threads: Map<string, { thread: WatchedThread; last: EventLoopUtilization | undefined }>): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  new Gauge({
    name: 'zhili_thread_event_loop_utilization',
    help: "Share of time a worker thread's event loop was busy since the previous scrape (0–1)",
    labelNames: ['thread'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, t] of threads) {
        const now = t.thread.performance.eventLoopUtilization();
        const delta = t.last ? t.thread.performance.eventLoopUtilization(now, t.last) : now;
        t.last = now;
        this.set({ thread: name }, delta.utilization);
      }
    },
  });
  return registry;
}
