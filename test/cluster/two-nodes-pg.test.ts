import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_two_nodes');
// No ZHILI_MASTER_KEY: the nodes must agree on one through the database they share.
const cluster = { databaseUrl: `${pgUrl}?schema=${schema}`, backgroundThread: false };

/** Two nodes on one PostgreSQL schema, each with its own data directory, as a cluster runs them. */
describe.runIf(available)('two nodes on one PostgreSQL schema', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    [a, b] = await Promise.all([startServer({ config: cluster }), startServer({ config: cluster })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await dropSchema(schema);
  });

  it('reads on node B a party created on node A (one master key for the cluster)', async () => {
    const token = await a.login(['admin', 'analyst']);
    const created = await a.call('POST', '/v1/parties', { kind: 'person', names: [{ full: '李雷 Li Lei' }] }, token);
    expect(created.status).toBe(201);
    const onB = await b.call('GET', `/v1/parties/${created.body.id}?reveal=true`, undefined, token);
    expect(onB.status).toBe(200);
    expect(JSON.stringify(onB.body)).toContain('李雷 Li Lei');
  });

  it('answers the same id sent to both nodes at once with one decision, never 503', async () => {
    const events = Array.from({ length: 30 }, () => event());
    // As a client does, an event refused before any work for the tenant's share of the node (429
    // ZHILI_E_TENANT_BUSY, admission) is sent again; the race under test is between the two nodes.
    const send = async (node: TestServer, e: unknown) => {
      for (;;) {
        const r = await node.call('POST', '/v1/events', e, a.apiKey);
        if (r.status !== 429 || r.body.error?.code !== 'ZHILI_E_TENANT_BUSY') return r;
        await new Promise((done) => setTimeout(done, 50));
      }
    };
    const pairs = await Promise.all(events.map((e) => Promise.all([send(a, e), send(b, e)])));
    for (const [x, y] of pairs) {
      expect([x.status, y.status]).toEqual([200, 200]);
      expect(y.body).toEqual(x.body);
    }
    expect(await a.zhili.store.countDecisions(a.tenantId)).toBe(30);
    // The same id with another body is still a conflict, whichever node gets it.
    const other = { ...events[0], channel: 'app' };
    expect((await b.call('POST', '/v1/events', other, a.apiKey)).status).toBe(409);
  });

  it('decides a batch holding a duplicate id: the duplicate replays the first, the others are stored', async () => {
    const [x, y] = [event(), event()];
    const r = await b.call('POST', '/v1/events:batch', { events: [x, y, x] }, a.apiKey);
    expect(r.status).toBe(200);
    expect(r.body.rejected).toBe(0);
    expect(r.body.results[2].decision).toEqual(r.body.results[0].decision);
    const again = await a.call('POST', '/v1/events:batch', { events: [y, x] });
    expect(again.body.results.map((i: { decision: unknown }) => i.decision)).toEqual([
      r.body.results[1].decision,
      r.body.results[0].decision,
    ]);
  });

  it('lists every committed decision exactly once, in commit order, to a reader on either node', async () => {
    const all = await a.zhili.store.scanDecisions(0, 1000);
    const seqs = all.map((d) => d.seq);
    expect(new Set(all.map((d) => `${d.tenantId}/${d.eventId}`)).size).toBe(all.length);
    expect(seqs).toEqual([...seqs].sort((p, q) => p - q));
    expect((await b.zhili.store.scanDecisions(0, 1000)).map((d) => d.eventId)).toEqual(all.map((d) => d.eventId));
  });

  it('puts every decision in the ledger once, in commit order, signed with one key on both nodes', async () => {
    await a.zhili.ledger.catchUp();
    await b.zhili.ledger.catchUp();
    const [ca, cb] = [await a.zhili.ledger.publishCheckpoint(), await b.zhili.ledger.publishCheckpoint()];
    expect(cb.keyId).toBe(ca.keyId);
    expect(await b.zhili.ledger.verifierKeys()).toEqual(await a.zhili.ledger.verifierKeys());
    const inLedger: string[] = [];
    for (let i = 0; i < cb.size; i++) {
      const leaf = await b.zhili.ledger.entry(i);
      if (leaf?.kind === 'decision') inLedger.push(`${leaf.tenantId}/${leaf.eventId}`);
    }
    const committed = (await a.zhili.store.scanDecisions(0, 1000)).map((d) => `${d.tenantId}/${d.eventId}`);
    expect(inLedger).toEqual(committed);
  });
});
