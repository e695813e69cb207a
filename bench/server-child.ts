/**
 * The real server in a child process: a fresh data directory, embedded SQLite with durable commit, one
 * tenant whose rule set is the benchmark pack, activated through the API by an operator
 * (`POST /v1/auth/login`, then `POST /v1/rulesets`). Announces its port and API key to run.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZhili, loadConfig, provisionUser } from '../src/runtime/index.ts';
import { cpuMs, serveParent } from './ipc.ts';

const packFile = process.argv[2] ?? new URL('./packs/bench-rules.json', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-bench-'));
const zhili = await createZhili(loadConfig({ dataDir, port: 0, logger: false }));
const { tenant, apiKey } = await zhili.createTenant('Bench Pay 基准支付');
const password = 'bench-password-1';
await provisionUser(zhili.store, { tenantId: tenant.id, username: 'bench.analyst', password, roles: ['analyst'] });

const login = await zhili.server.inject({
  method: 'POST',
  url: '/v1/auth/login',
  payload: { tenantId: tenant.id, username: 'bench.analyst', password },
});
if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
const { token } = login.json<{ token: string }>();
const pack = JSON.parse(readFileSync(packFile, 'utf8')) as { rules: unknown[]; features: unknown[] };
const activated = await zhili.server.inject({
  method: 'POST',
  url: '/v1/rulesets',
  headers: { authorization: `Bearer ${token}` },
  payload: pack,
});
if (activated.statusCode !== 201)
  throw new Error(`rule set activation failed: ${activated.statusCode} ${activated.body}`);

await zhili.server.listen({ port: 0, host: '127.0.0.1' });
const address = zhili.server.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

/** The few series the report needs from /metrics: decisions by outcome, commit batch sizes. */
async function metrics(): Promise<Record<string, number>> {
  const res = await zhili.server.inject({ method: 'GET', url: '/metrics' });
  const out: Record<string, number> = {};
  for (const line of res.body.split('\n')) {
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
    ruleSetVersion: activated.json<{ version: string }>().version,
    rules: pack.rules.length,
    features: pack.features.length,
    store: zhili.store.kind,
  },
  { cpu: () => cpuMs(), metrics, heapMb: () => Math.round(process.memoryUsage().heapUsed / 1048576) },
  async () => {
    await zhili.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
);
