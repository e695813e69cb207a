import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { routeOf } from '../../src/cluster/index.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { startServer } from '../support/server.ts';
import { clusterEvents, essence, partiesOf, post, until } from './cluster-support.ts';
import { natsAvailable, natsUrl } from './nats-support.ts';

const available = (await postgresAvailable()) && (await natsAvailable());
const root = join(import.meta.dirname, '../..');
const schema = uniqueSchema('zhili_failover');
const P = 16;
const TTL = 2000;
/**
 * The bound stated in docs/decisions/0008: a dead node's partitions are taken within TTL + one renewal
 * interval (TTL/5) and served once their windows are restored. On this shared 2-core machine, restore
 * and process scheduling add up to a few seconds, so the test allows TTL + 4 s.
 */
const BOUND_MS = TTL + 4000;
const children: ChildProcess[] = [];
// Leases in PostgreSQL by default; ZHILI_TEST_CLUSTER_LEASES=nats runs it with the leases in NATS KV (the
// commit fence is in PostgreSQL either way).
const leasesIn = process.env.ZHILI_TEST_CLUSTER_LEASES === 'nats' ? 'nats' : 'postgres';
const clusterName = `zfo_${process.pid}`;

interface Proc {
  child: ChildProcess;
  url: string;
  nodeId: string;
  tenant?: { tenantId: string; apiKey: string };
}

function spawnNode(nodeId: string, createTenant = false): Promise<Proc> {
  const env = {
    ...process.env,
    ZHILI_DATA_DIR: mkdtempSync(join(tmpdir(), 'zhili-fo-')),
    ZHILI_DATABASE_URL: `${pgUrl}?schema=${schema}`,
    ZHILI_NATS_URL: natsUrl,
    ZHILI_CLUSTER_NAME: clusterName,
    ZHILI_CLUSTER_LEASES: leasesIn,
    ZHILI_CLUSTER_PARTITIONS: String(P),
    ZHILI_LEASE_TTL_MS: String(TTL),
    ZHILI_NODE_ID: nodeId,
    ZHILI_BACKGROUND_THREAD: '0',
    ZHILI_EXCLUSIVE_WRITER: '0',
    ZHILI_SCREENING_LISTS: '',
    ZHILI_TEST_CREATE_TENANT: createTenant ? '1' : '0',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/cluster/node-main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let tenant: Proc['tenant'];
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const t = /tenant (\{.*\})/.exec(out);
      if (t?.[1]) tenant = JSON.parse(t[1]) as Proc['tenant'];
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], nodeId, ...(tenant ? { tenant } : {}) });
    });
    child.stderr?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('exit', (code) => reject(new Error(`node ${nodeId} exited (${code}) before listening:\n${out}`)));
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (available) await dropSchema(schema);
  if (available && leasesIn === 'nats') {
    const nc = await connect({ servers: natsUrl });
    await (await nc.jetstreamManager()).streams.delete(`KV_${clusterName}_leases`).catch(() => false);
    await nc.close();
  }
});

describe.runIf(available)('failover: four nodes, two killed -9 one after the other under load', () => {
  it("loses and doubles no acknowledged event, serves the dead node's partitions again within the bound, and keeps the windows exact", async () => {
    const db = new pg.Client({ connectionString: pgUrl });
    await db.connect();
    // f1 first: it migrates the fresh schema and creates the tenant (nodes starting together on an empty
    // schema can deadlock in the consumer-side migrations, which run outside the migration lock).
    const first = await spawnNode('f1', true);
    const { tenantId, apiKey } = first.tenant!;
    const nodes: Proc[] = [first, ...(await Promise.all(['f2', 'f3', 'f4'].map((id) => spawnNode(id))))];
    const started = Date.now();
    const phases: Record<string, number> = {};
    // Who holds each partition: the live lease rows, or with leases in NATS KV the owner each takeover
    // recorded in the commit fence (every node records its partitions there before serving them).
    const leases = async () =>
      (
        await db.query<{ partition: number; owner: string }>(
          leasesIn === 'nats'
            ? `SELECT partition, owner FROM ${schema}.cluster_fence WHERE $1::bigint > 0`
            : `SELECT partition, owner FROM ${schema}.cluster_leases WHERE expires_at > $1`,
          [Date.now()],
        )
      ).rows;
    await until(
      async () => new Set((await leases()).map((l) => l.owner)).size === 4 && (await leases()).length === P,
      30_000,
      'four nodes hold every partition',
    );

    const events = clusterEvents(`fo-${process.pid}`, 200);
    const acked = new Map<string, any>();
    // 503s seen by clients, by code: partitions changing hands, and a node rebuilding after a refused commit.
    const refusals: Record<string, number> = {};
    const busy = new Set<string>();
    const live = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
    let stop = false;
    let turn = 0;
    // Clients retry an event until it is acknowledged (503 or a dropped connection are not); one
    // event per customer in flight, so each customer's order is causal.
    const worker = async () => {
      while (!stop) {
        const i = events.findIndex((e) => !acked.has(String(e.id)) && partiesOf(e).every((p) => !busy.has(p)));
        if (i < 0) {
          if (acked.size === events.length) return;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        const e = events[i]!;
        partiesOf(e).forEach((p) => busy.add(p));
        try {
          for (;;) {
            const targets = live();
            const n = targets[turn++ % targets.length]!;
            const r = await post(n.url, '/v1/events', e, apiKey).catch(() => undefined);
            if (r?.status === 200) {
              acked.set(String(e.id), r.body);
              break;
            }
            if (r && r.status !== 503) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
            if (r) {
              const code = String(r.body?.error?.code ?? 'unknown');
              refusals[code] = (refusals[code] ?? 0) + 1;
              if (code === 'ZHILI_E_PARTITION_UNAVAILABLE') expect(r.headers.get('retry-after')).toBe('1');
            }
            await new Promise((res) => setTimeout(res, 20));
          }
        } finally {
          partiesOf(e).forEach((p) => busy.delete(p));
        }
      }
    };
    const load = Promise.all([1, 2, 3, 4].map(worker));

    const takeovers: number[] = [];
    for (const round of [1, 2]) {
      await until(() => acked.size >= round * 60, 40_000, `load before kill ${round}`);
      const victim = live()[round % live().length]!;
      const theirs = (await leases()).filter((l) => l.owner === victim.nodeId).map((l) => l.partition);
      expect(theirs.length).toBeGreaterThan(0);
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      // Served again: an event of a customer on each of its partitions is decided (routed through any node).
      const probes = theirs.map((p) => probeFor(tenantId, p, round));
      await until(
        async () => {
          const rs = await Promise.all(
            probes.map((e) => post(live()[0]!.url, '/v1/events', e, apiKey).catch(() => undefined)),
          );
          return rs.every((r) => r?.status === 200);
        },
        BOUND_MS + 10_000,
        `partitions of ${victim.nodeId} served again`,
      );
      takeovers.push(Date.now() - killedAt);
    }
    await until(() => acked.size === events.length, 60_000, 'every event acknowledged');
    stop = true;
    await load;
    phases.load = Date.now() - started;
    for (const t of takeovers) expect(t).toBeLessThan(BOUND_MS);

    // Exactly once: every acknowledged id stored once, with the very decision its client was given.
    const stored = (
      await db.query<{ event_id: string; decision: any; event: any; pos: string }>(
        `SELECT d.event_id, d.decision, d.event, c.pos FROM ${schema}.decisions d JOIN ${schema}.decision_commits c ON c.seq = d.seq
         WHERE d.tenant_id = $1 AND d.event_id LIKE 'fo-%' ORDER BY c.pos`,
        [tenantId],
      )
    ).rows;
    expect(stored.length).toBe(events.length);
    expect(new Set(stored.map((d) => d.event_id)).size).toBe(events.length);
    for (const d of stored) expect(acked.get(d.event_id)).toEqual(d.decision);
    // The windows survived the takeovers: one embedded node replaying in commit order decides the same.
    const single = await startServer({ screeningLists: '' });
    try {
      for (const d of stored) {
        const r = await single.call('POST', '/v1/events', d.event);
        expect(essence(r.body)).toEqual(essence(d.decision));
      }
    } finally {
      await single.close();
    }
    phases.replay = Date.now() - started - phases.load;
    for (const n of live()) n.child.kill('SIGTERM');
    await db.end();
    console.log(JSON.stringify({ takeoverMs: takeovers, boundMs: BOUND_MS, phases, refusals }));
  }, 150_000);
});

/** An event (a new customer, no windows to disturb) routed to partition p. */
function probeFor(tenantId: string, p: number, round: number): Record<string, unknown> {
  for (let k = 0; ; k++) {
    const partyId = `probe-${round}-${p}-${k}`;
    const e = {
      id: `probe-${process.pid}-${round}-${p}-${k}`,
      type: 'login',
      occurredAt: '2026-11-26T10:00:00+08:00',
      debtor: { partyId, partyType: 'person', isCustomer: true },
    };
    if (routeOf(tenantId, e, P).partition === p) return e;
  }
}
