/**
 * /healthz latency while 8 clients send wrong passwords in parallel over HTTP (issue 16): password
 * hashing must not block the event loop. The clients and the /healthz sampler run on their own threads,
 * so only the server's event loop is measured. Prints JSON: /healthz p50/p95/max in ms, idle and under
 * the logins, and how many logins were answered meanwhile.
 *
 * Usage: node --import tsx bench/login-healthz.ts [samples] [known|spread]
 *   known:  every guess is for one existing operator from 127.0.0.1 (the throttle locks it after 5)
 *   spread: every guess is for a new username from a new loopback address (127.x.y.z), so the throttle
 *           never engages and every request costs one scrypt (unknown users cost the same as known ones)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createZhili, loadConfig, provisionUser } from '../src/runtime/index.ts';

const samples = Number(process.argv[2] ?? 100);
const mode = process.argv[3] === 'known' ? 'known' : 'spread';
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

const attackers = `const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, tenantId, mode } = workerData;
let n = 0, answered = 0, running = true;
parentPort.on('message', () => { running = false; });
const once = () => new Promise((resolve) => {
  const i = ++n;
  const body = JSON.stringify({ tenantId, username: mode === 'known' ? 'victim' : 'u-' + i, password: 'wrong-' + i });
  const localAddress = mode === 'known' ? '127.0.0.1' : '127.' + ((i >> 16) & 255) + '.' + ((i >> 8) & 255) + '.' + ((i & 255) || 1);
  const req = http.request({ host: '127.0.0.1', port, path: '/v1/auth/login', method: 'POST', localAddress,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume(); res.on('end', () => { answered++; resolve(); });
  });
  req.on('error', () => resolve());
  req.end(body);
});
(async () => {
  await Promise.all(Array.from({ length: 8 }, async () => { while (running) await once(); }));
  parentPort.postMessage(answered);
})();`;

await healthz(10); // warm up
const idle = await healthz(samples);
const a = new Worker(attackers, {
  eval: true,
  workerData: { port: Number(new URL(url).port), tenantId: tenant.id, mode },
});
await new Promise((r) => setTimeout(r, 500)); // let the 8 clients get going
const loaded = await healthz(samples);
a.postMessage('stop');
const logins = await new Promise<number>((resolve) => a.once('message', resolve));
await a.terminate();
await zhili.close();
console.log(
  JSON.stringify({ samples, mode, idleMs: idle, under8ParallelWrongLoginsMs: loaded, loginsAnswered: logins }, null, 2),
);
