import { Counter, Histogram, Registry } from '../kernel/index.ts';
import type { AdmissionLimits } from '../monitoring/index.ts';
import type { Config } from './config.ts';

/** The server's own Prometheus metrics, beside prom-client's process metrics (./process-metrics.ts). */
export function appMetrics() {
  const registry = new Registry();
  return {
    registry,
    decisions: registry.register(new Counter('zhili_decisions_total', 'Decisions by outcome')),
    latency: registry.register(
      new Histogram(
        'zhili_http_request_duration_seconds',
        'HTTP request latency',
        [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      ),
    ),
    batchSizes: registry.register(
      new Histogram(
        'zhili_commit_batch_size',
        'Decisions per durable commit',
        [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000],
      ),
    ),
    refusals: registry.register(
      new Counter(
        'zhili_admission_refused_total',
        'Events refused at the door: tenant share used (429) or node full (503)',
      ),
    ),
    admissionAhead: registry.register(
      new Histogram(
        'zhili_admission_events_ahead',
        "Events already in flight (all tenants') when a tenant's event was admitted: its place in the queue",
        [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096],
      ),
    ),
    commitFailures: registry.register(new Counter('zhili_commit_failures_total', 'Group commits that failed')),
    backgroundErrors: registry.register(
      new Counter('zhili_background_errors_total', 'Errors in the background thread (ledger tailer, case projector)'),
    ),
    loginFailures: registry.register(
      new Counter(
        'zhili_login_failures_total',
        'Refused logins: bad_credentials, unknown_tenant (never on a ledger), locked',
      ),
    ),
  };
}

/** The admission limits from the configuration, and the guard's shed counter, both counted in `m`. */
export function admissionMetered(config: Config, m: ReturnType<typeof appMetrics>) {
  const admission: AdmissionLimits = {
    maxInFlight: config.maxInFlight,
    maxInFlightPerTenant: config.tenantMaxInFlight,
    targetLatencyMs: config.targetLatencyMs,
    onRefused: (scope, tenant) => m.refusals.inc({ scope, tenant }),
    onAdmitted: (tenant, ahead) => m.admissionAhead.observe(ahead, { tenant }),
  };
  // Which rule of the event-loop guard shed a request, and whose it was (the door's hint).
  const onShed = (rule: 'hard' | 'share', tenant: string): void =>
    m.refusals.inc({ scope: rule === 'hard' ? 'event-loop-hard' : 'event-loop', tenant });
  return { admission, onShed };
}
