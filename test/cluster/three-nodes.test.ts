import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeOf } from '../../src/cluster/index.ts';
import { dropSchema, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { clusterConfig, clusterEvents, essence, type Node, partiesOf, startNode, until } from './cluster-support.ts';
import { natsAvailable, natsUrl } from './nats-support.ts';

const available = (await postgresAvailable()) && (await natsAvailable());
const schema = uniqueSchema('zhili_three_nodes');
const P = 16;
const config = clusterConfig(schema, 'z3', P, {
  // Leases in PostgreSQL (fenced at commit) by default; ZHILI_TEST_CLUSTER_LEASES=nats runs it on NATS KV.
  clusterLeases: process.env.ZHILI_TEST_CLUSTER_LEASES === 'nats' ? ('nats' as const) : ('postgres' as const),
});

/**
 * Three deciding nodes on one PostgreSQL schema and one NATS: every node takes any event, the owner
 * of the customer's partition decides it, and the decisions are those one node would have made.
 */
describe.runIf(available)('three nodes deciding partitioned customers', () => {
  let nodes: Node[] = [];
  let apiKey = '';
  let tenantId = '';
  let single: TestServer | undefined;
  beforeAll(async () => {
    const a = await startNode({ ...config, nodeId: 'n1' });
    const created = await a.zhili.createTenant('Cluster Pay 集群支付');
    apiKey = created.apiKey;
    tenantId = created.tenant.id;
    nodes = [a, ...(await Promise.all(['n2', 'n3'].map((nodeId) => startNode({ ...config, nodeId }))))];
    // Each node serves a fair share and together they serve every partition, each once.
    await until(
      () => {
        const served = nodes.map((n) => n.zhili.cluster?.decisions.served() ?? []);
        const all = served.flat();
        return served.every((s) => s.length >= 5) && all.length === P && new Set(all).size === P;
      },
      30_000,
      'three nodes share the partitions',
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.zhili.close()));
    await single?.close();
    await dropSchema(schema);
    if (config.clusterLeases === 'nats') {
      const nc = await connect({ servers: natsUrl });
      await (await nc.jetstreamManager()).streams.delete(`KV_${config.clusterName}_leases`).catch(() => false);
      await nc.close();
    }
  });

  it('decides events for shared customers sent to any node exactly as one node replaying them in commit order', async () => {
    const events = clusterEvents(`c3-${process.pid}`, 120);
    const owner = (p: number) => nodes.findIndex((n) => n.zhili.cluster?.decisions.served().includes(p));
    // The set exercises both mechanisms: events sent to a non-owner, and counterparties on another node.
    const routes = events.map((e) => routeOf(tenantId, e as never, P));
    expect(routes.filter((r, i) => owner(r.partition) !== i % 3).length).toBeGreaterThan(20);
    expect(
      routes.filter((r) => r.counterparty && owner(r.counterparty.partition) !== owner(r.partition)).length,
    ).toBeGreaterThan(5);

    // Concurrent, but two events of one customer never in flight together: each customer's order is causal.
    const busy = new Set<string>();
    const answers = new Map<string, unknown>();
    let next = 0;
    const worker = async (w: number) => {
      for (;;) {
        const i = events.findIndex(
          (e, k) =>
            k >= next && !answers.has(String(e.id)) && partiesOf(e).every((p) => !busy.has(p)) && !inFlight.has(k),
        );
        if (next >= events.length) return;
        if (i < 0) {
          await new Promise((r) => setImmediate(r));
          continue;
        }
        const e = events[i]!;
        inFlight.add(i);
        partiesOf(e).forEach((p) => busy.add(p));
        const r = await nodes[(i + w) % 3]!.post('/v1/events', e, apiKey);
        expect(r.status).toBe(200);
        answers.set(String(e.id), r.body);
        partiesOf(e).forEach((p) => busy.delete(p));
        inFlight.delete(i);
        while (next < events.length && answers.has(String(events[next]!.id))) next++;
      }
    };
    const inFlight = new Set<number>();
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    expect(answers.size).toBe(events.length);

    // Every decision is stored once; replayed on a single embedded node in commit order, the same.
    const stored = (await nodes[0]!.zhili.store.scanDecisions(0, 10_000)).filter((d) => d.tenantId === tenantId);
    expect(stored.map((d) => d.eventId).sort()).toEqual(events.map((e) => String(e.id)).sort());
    single = await startServer({ screeningLists: '' });
    let obligations = 0;
    for (const d of stored) {
      const r = await single.call('POST', '/v1/events', d.event);
      expect(r.status).toBe(200);
      expect(essence(answers.get(d.eventId))).toEqual(essence(r.body));
      obligations += (r.body.obligations as unknown[]).length;
    }
    expect(obligations).toBeGreaterThan(10); // the large-value rules fired, on both sides of transfers
  }, 120_000);

  it("answers the same id sent again to each node with the owner's decision, unchanged", async () => {
    const [e] = clusterEvents(`again-${process.pid}`, 1);
    const first = await nodes[0]!.post('/v1/events', e, apiKey);
    expect(first.status).toBe(200);
    for (const n of nodes) {
      const r = await n.post('/v1/events', e, apiKey);
      expect(r.status).toBe(200);
      expect(r.body).toEqual(first.body);
    }
  });

  it('puts every committed decision in the ledger once, in commit order', async () => {
    const n = nodes[1]!.zhili;
    await n.ledger.catchUp();
    const cp = await n.ledger.publishCheckpoint();
    const inLedger: string[] = [];
    for (let i = 0; i < cp.size; i++) {
      const leaf = await n.ledger.entry(i);
      if (leaf?.kind === 'decision') inLedger.push(`${leaf.tenantId}/${leaf.eventId}`);
    }
    const committed = (await n.store.scanDecisions(0, 10_000)).map((d) => `${d.tenantId}/${d.eventId}`);
    expect(inLedger).toEqual(committed);
  });
});
