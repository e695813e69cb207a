/**
 * /healthz latency while 8 clients send wrong passwords in parallel (issue 16): password hashing
 * must not block the event loop. Prints JSON: /healthz p50/p95/max in ms, idle and under the logins,
 * and the logins answered meanwhile. Usage: node --import tsx bench/login-healthz.ts [samples] [hashing-only]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AccessService } from '../src/access/index.ts';
import { systemClock, systemIds } from '../src/kernel/index.ts';
import { createZhili, loadConfig, provisionUser } from '../src/runtime/index.ts';

const samples = Number(process.argv[2] ?? 200);
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-bench-login-'));
const zhili = await createZhili(loadConfig({ dataDir, port: 0, host: '127.0.0.1', logger: false }, {}));
const { tenant } = await zhili.createTenant('Bench 压测');
await provisionUser(zhili.store, {
  tenantId: tenant.id,
  username: 'victim',
  password: 'correct horse battery',
  roles: ['analyst'],
});
const url = await zhili.server.listen({ port: 0, host: '127.0.0.1' });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(2));
};
// The client runs on its own thread, so only the server's event loop is measured.
const sampler = `const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const t = [];
  for (let i = 0; i < workerData.n; i++) {
    const t0 = performance.now();
    await (await fetch(workerData.url + '/healthz')).text();
    t.push(performance.now() - t0);
  }
  parentPort.postMessage(t);
})();`;
async function healthz(n: number): Promise<{ p50: number; p95: number; max: number }> {
  const w = new Worker(sampler, { eval: true, workerData: { n, url } });
  const t = await new Promise<number[]>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  await w.terminate();
  return { p50: pct(t, 50), p95: pct(t, 95), max: pct(t, 100) };
}

await healthz(20); // warm up
const idle = await healthz(samples);
/**
 * 8 parallel wrong logins, each to a new username, in this process (the server's event loop), with
 * throttling set out of reach: every attempt costs a full password hash, as before the throttle.
 */
async function underLogins(
  mode: 'hashing' | 'http',
): Promise<{ healthz: Awaited<ReturnType<typeof healthz>>; logins: number }> {
  const unthrottled = { maxFailures: 1e9, windowMs: 1, lockMs: 1 };
  const access = new AccessService({
    store: zhili.store,
    clock: systemClock,
    ids: systemIds(),
    throttle: { account: unthrottled, client: unthrottled },
  });
  let running = true;
  let logins = 0;
  const attacker = async (k: number) => {
    for (let i = 0; running; i++) {
      if (mode === 'hashing')
        await access.login(tenant.id, `u${k}-${i}`, `wrong-${i}`, `bench-${k}`).catch(() => undefined);
      else
        // As shipped: over HTTP from one address, locked after 30 failures (429s without hashing).
        await (
          await fetch(`${url}/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ tenantId: tenant.id, username: `u${k}-${i}`, password: `wrong-${i}` }),
          })
        ).text();
      logins += 1;
    }
  };
  const attackers = Array.from({ length: 8 }, (_, k) => attacker(k));
  const h = await healthz(samples);
  running = false;
  await Promise.all(attackers);
  return { healthz: h, logins };
}

const hashing = await underLogins('hashing');
const http = process.argv[3] === 'hashing-only' ? undefined : await underLogins('http');
await zhili.close();
console.log(
  JSON.stringify(
    { samples, idleMs: idle, under8ParallelWrongLogins: hashing, under8ParallelWrongLoginsHttpThrottled: http },
    null,
    2,
  ),
);
