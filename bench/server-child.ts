/**
 * The real server in a child process: a fresh data directory, embedded SQLite with durable commit, one
 * tenant whose rule set is the benchmark pack, activated through the API by an operator
 * (`POST /v1/auth/login`, then `POST /v1/rulesets`). Announces its port and API key to run.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZhili, loadConfig, provisionUser } from '../src/runtime/index.ts';
import { cpuMs, serveParent } from './ipc.ts';

const packFile = process.argv[2] ?? new URL('./packs/bench-rules.json', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-bench-'));
// /metrics answers only a credential: the bench reads it as the system, with a token of its own.
const metricsToken = `bench-metrics-${randomBytes(12).toString('hex')}`;
const zhili = await createZhili(loadConfig({ dataDir, port: 0, logger: false, metricsToken }));
const { tenant, apiKey } = await zhili.createTenant('Bench Pay 基准支付');
const password = 'bench-password-1';
// The rule set goes live the way a real one does: an analyst drafts and submits, an approver approves.
async function operator(username: string, roles: ('analyst' | 'approver')[]): Promise<string> {
  await provisionUser(zhili.store, { tenantId: tenant.id, username, password, roles });
  const login = await zhili.server.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { tenantId: tenant.id, username, password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  return login.json<{ token: string }>().token;
}
const analyst = await operator('bench.analyst', ['analyst']);
const approver = await operator('bench.approver', ['approver']);
const pack = JSON.parse(readFileSync(packFile, 'utf8')) as { version: string; rules: unknown[]; features: unknown[] };
const step = async (token: string, method: 'POST', url: string, payload?: unknown, want = 200): Promise<void> => {
  const r = await zhili.server.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
  if (r.statusCode !== want) throw new Error(`${url} failed: ${r.statusCode} ${r.body}`);
};
await step(analyst, 'POST', '/v1/rulesets', pack, 201);
await step(analyst, 'POST', `/v1/rulesets/${pack.version}:submit`);
await step(approver, 'POST', `/v1/rulesets/${pack.version}:approve`);
await step(analyst, 'POST', `/v1/rulesets/${pack.version}:activate`);
const active = await zhili.server.inject({
  method: 'GET',
  url: '/v1/rulesets/active',
  headers: { authorization: `Bearer ${analyst}` },
});
if (active.json<{ version: string }>().version !== pack.version) throw new Error('bench rule set is not active');

await zhili.server.listen({ port: 0, host: '127.0.0.1' });
const address = zhili.server.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

/** /metrics as the system sees it (every tenant's labels). */
async function metricsText(): Promise<string> {
  const res = await zhili.server.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  if (res.statusCode !== 200) throw new Error(`/metrics answered ${res.statusCode}`);
  return res.body;
}

/** Each match of `pattern` (global, multiline) in /metrics: its first group → the number in its second. */
async function series(pattern: RegExp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of (await metricsText()).matchAll(pattern)) out[m[1] ?? ''] = Number(m[2]);
  return out;
}

/** The few series the report needs from /metrics: decisions by outcome, commit batch sizes. */
async function metrics(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of (await metricsText()).split('\n')) {
    const m =
      /^(zhili_decisions_total\{outcome="(\w+)"\}|zhili_commit_batch_size_(sum|count)|zhili_commit_failures_total) (\S+)$/.exec(
        line,
      );
    if (!m) continue;
    const name = m[2] ? `decisions_${m[2]}` : m[3] ? `commit_batch_${m[3]}` : 'commit_failures';
    out[name] = Number(m[4]);
  }
  return out;
}

serveParent(
  {
    port,
    apiKey,
    tenantId: tenant.id,
    ruleSetVersion: pack.version,
    rules: pack.rules.length,
    features: pack.features.length,
    store: zhili.store.kind,
  },
  {
    cpu: () => cpuMs(),
    metrics,
    /** The admission controller's gauges now (zhili_admission_*, without the prefix). */
    admission: () => series(/^zhili_admission_(\w+) (\S+)$/gm),
    /** Refusals so far by the rule that made them (scope) and tenant: zhili_admission_refused_total. */
    refusals: () => series(/^zhili_admission_refused_total\{([^}]*)\} (\S+)$/gm),
    heapMb: () => Math.round(process.memoryUsage().heapUsed / 1048576),
    rssMb: () => Math.round(process.memoryUsage().rss / 1048576),
    /** A second tenant on the same rule set (the overload run's quiet tenant). */
    tenant: async () => {
      const t = await zhili.createTenant('Quiet Pay 平静支付');
      const doc = zhili.engine.runtime(tenant.id)?.ruleSet;
      if (doc) await zhili.engine.activate(t.tenant.id, doc);
      return { tenantId: t.tenant.id, apiKey: t.apiKey };
    },
    /**
     * Decisions stored for a tenant: what was acknowledged must be there, once (one row per event id).
     * A COUNT, not a scan: scanning opened every event's sealed fields on this thread for 2 s, right before
     * the overload run's flood, and the event-loop guard then shed the quiet tenant's first requests.
     */
    stored: async (tenantId: unknown) => zhili.store.countDecisions(String(tenantId)),
  },
  async () => {
    await zhili.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
);
if (process.env.ZHILI_BENCH_SERVER_LATENCY === '1')
  (await import('./server-latency-probe.ts')).startServerLatencyProbe();
