/**
 * What a forwarded event costs in cluster mode (docs/cluster-scale.md): two deciding nodes in this
 * process (each its own PostgreSQL pool and NATS connection) on one schema; the same kind of event
 * sent to the partition's owner (baseline, same run) and to the other node (forwarded by NATS
 * request–reply), and a transfer whose counterparty customer the other node owns (a counterparty read);
 * then decisions/s of one node under concurrent load, all events its own, and half of them forwarded.
 * Prints one JSON object. Run: node --import tsx bench/cluster-forward.ts
 * (ZHILI_TEST_PG_URL, ZHILI_TEST_NATS_URL; FORWARD_BENCH_N events per latency series, default 300).
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { routeOf } from '../src/cluster/index.ts';
import { createZhili, loadConfig, type Zhili } from '../src/runtime/index.ts';

const pgUrl = process.env.ZHILI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const natsUrl = process.env.ZHILI_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const N = Number(process.env.FORWARD_BENCH_N ?? 300);
const P = 8;
const schema = `zhili_bench_fwd_${process.pid}`;

async function node(nodeId: string, cluster = true): Promise<{ z: Zhili; url: string }> {
  const z = await createZhili(
    loadConfig(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'zhili-bench-')),
        databaseUrl: `${pgUrl}?schema=${schema}`,
        ...(cluster ? { natsUrl, nodeId } : {}),
        clusterName: `zbf_${process.pid}`,
        clusterPartitions: P,
        leaseTtlMs: 5000,
        logger: false,
        maxEventLoopDelayMs: 0,
        screeningLists: '',
        backgroundThread: false,
        exclusiveWriter: false,
      },
      {},
    ),
  );
  return { z, url: await z.server.listen({ port: 0, host: '127.0.0.1' }) };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2));
};

let seq = 0;
const main = async () => {
  const a = await node('bench-a');
  const { tenant, apiKey } = await a.z.createTenant('Bench Pay');
  const b = await node('bench-b');
  const served = (n: { z: Zhili }) => n.z.cluster?.decisions.served() ?? [];
  while (served(a).length + served(b).length < P || served(a).length === 0 || served(b).length === 0)
    await new Promise((r) => setTimeout(r, 50));
  const owns = (n: { z: Zhili }, p: number) => served(n).includes(p);
  // A customer on a partition of A, another on a partition of B.
  const customer = (n: { z: Zhili }, tag: string) => {
    for (let k = 0; ; k++) {
      const id = `${tag}-${k}`;
      if (owns(n, routeOf(tenant.id, { id: 'x', debtor: { partyId: id } }, P).partition)) return id;
    }
  };
  const party = (partyId: string) => ({ partyId, partyType: 'person', accountId: `acct-${partyId}`, country: 'CN' });
  const cash = (debtor: string) => ({
    id: `bf-${process.pid}-${++seq}`,
    type: 'cash_withdrawal',
    occurredAt: '2026-11-26T10:00:00+08:00',
    amount: { value: '1000.00', currency: 'CNY' },
    debtor: party(debtor),
  });
  const transfer = (debtor: string, creditor: string) => ({
    ...cash(debtor),
    type: 'transfer',
    creditor: party(creditor),
  });
  const send = async (url: string, body: unknown) => {
    const t0 = performance.now();
    const r = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`status ${r.status}`);
    return performance.now() - t0;
  };
  // The series interleaved event by event, so that load changes on the shared machine hit each alike.
  const series = async (kinds: Record<string, (i: number) => { url: string; body: unknown }>) => {
    const ms: Record<string, number[]> = {};
    for (let i = 0; i < N; i++)
      for (const [k, make] of Object.entries(kinds)) {
        const x = make(i);
        (ms[k] ??= []).push(await send(x.url, x.body));
      }
    return Object.fromEntries(
      Object.entries(ms).map(([k, xs]) => [
        k,
        { n: N, p50Ms: quantile(xs, 0.5), p90Ms: quantile(xs, 0.9), p99Ms: quantile(xs, 0.99) },
      ]),
    );
  };
  const onA = Array.from({ length: 16 }, (_, i) => customer(a, `ca${i}`));
  const onB = Array.from({ length: 16 }, (_, i) => customer(b, `cb${i}`));
  // A plain node (no NATS: decides everything itself, no fence) on the same schema: the same-run baseline.
  const plain = await node('plain', false);
  const kinds = {
    plainNode: (i: number) => ({ url: plain.url, body: cash(`plain-${i % 16}`) }),
    local: (i: number) => ({ url: a.url, body: cash(onA[i % 16]!) }),
    forwarded: (i: number) => ({ url: b.url, body: cash(onA[i % 16]!) }),
    transferSameNode: (i: number) => ({ url: a.url, body: transfer(onA[i % 16]!, onA[(i + 1) % 16]!) }),
    transferCounterpartyRead: (i: number) => ({ url: a.url, body: transfer(onA[i % 16]!, onB[i % 16]!) }),
    transferForwardedAndCounterpartyRead: (i: number) => ({ url: b.url, body: transfer(onA[i % 16]!, onB[i % 16]!) }),
  };
  await series(kinds); // warm-up
  const latency = await series(kinds);
  const throughput = async (forwardedShare: number, seconds = 5, concurrency = 32, url = a.url) => {
    let done = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = w; Date.now() < end; i += concurrency) {
          const fwd = (i % 100) / 100 < forwardedShare;
          await send(url, cash(url === plain.url ? `plain-${i % 16}` : fwd ? onB[i % 16]! : onA[i % 16]!));
          done++;
        }
      }),
    );
    return { forwardedShare, concurrency, seconds, decisionsPerSecond: Math.round(done / seconds) };
  };
  const load = {
    plainNode: await throughput(0, 5, 32, plain.url),
    allLocal: await throughput(0),
    halfForwarded: await throughput(0.5),
  };
  console.log(
    JSON.stringify(
      { partitions: P, nodes: 2, latency, load, loadAverage: loadavg().map((x) => Number(x.toFixed(1))), cpus: 2 },
      null,
      2,
    ),
  );
  await Promise.all([a.z.close(), b.z.close(), plain.z.close()]);
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
};

await main();
