import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsTransport } from '../../src/cluster/adapters.ts';
import { routeOf } from '../../src/cluster/index.ts';
import { dropSchema, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { clusterConfig, customerOn, startNode, transfer, until, type Node } from './cluster-support.ts';
import { natsAvailable, natsUrl } from './nats-support.ts';

const available = (await postgresAvailable()) && (await natsAvailable());
const schema = uniqueSchema('zhili_cp_retry');
const P = 4;
const config = clusterConfig(schema, 'zcr', P, {
  // Far beyond the test: the open read is never voided by time here, only settled by what the test does.
  forwardTimeoutMs: 10_000,
});

/**
 * Issue 14, the failover test's double count: a transfer's decider (node A) reads the creditor at B,
 * B counts the event provisionally, and A dies before its commit. B takes A's partitions over: the
 * rebuild re-counts the open read (its decision is not in the log), and the client's retry of the very
 * event now routes to B, which decides it itself — on windows that already hold it. Its own
 * `lv_person_dom_out` and `lv_person_dom_in` came out as twice its amount, and the windows kept it twice.
 * The dead decider is this test (the read asked over NATS as A would, never committed); A then leaves,
 * so that B takes A's partitions over exactly as after a kill, without the timing lottery.
 */
describe.runIf(available)('a retried event decided by the owner of its open counterparty read', () => {
  let a: Node;
  let b: Node;
  let aClosed = false;
  let nc: NatsConnection;
  let tenantId = '';
  let apiKey = '';
  beforeAll(async () => {
    a = await startNode({ ...config, nodeId: 'cr-a' });
    const t = await a.zhili.createTenant('Retry Pay 重试支付');
    [tenantId, apiKey] = [t.tenant.id, t.apiKey];
    b = await startNode({ ...config, nodeId: 'cr-b' });
    nc = await connect({ servers: natsUrl });
    await until(
      () => {
        const [sa, sb] = [a, b].map((n) => n.zhili.cluster?.decisions.served() ?? []);
        return sa!.length === P / 2 && sb!.length === P / 2;
      },
      30_000,
      'the two nodes share the partitions',
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all([aClosed ? undefined : a?.zhili.close(), b?.zhili.close()]);
    await nc?.close();
    await dropSchema(schema);
  });

  it('counts the event once: its decision reads both windows without it, and they hold it once after', async () => {
    const pA = a.zhili.cluster!.decisions.served()[0]!;
    const pB = b.zhili.cluster!.decisions.served()[0]!;
    const debtor = customerOn(tenantId, pA, 'payer', P);
    const creditor = customerOn(tenantId, pB, 'payee', P);
    const run = `${process.pid}-${Date.now().toString(36)}`;
    const body = transfer(`retried-${run}`, debtor, creditor, '7000.00');
    expect(routeOf(tenantId, body, P)).toMatchObject({ partition: pA, counterparty: { partition: pB } });

    // A's read of the creditor at B, answered and counted there; A's commit never comes.
    const answer = (await natsTransport(nc).request(
      `${config.clusterName}.counterpart.${pB}`,
      { tenantId, body },
      5000,
    )) as { ok: boolean; values: Record<string, number> };
    expect(answer).toMatchObject({ ok: true, values: { lv_person_dom_in_cny_day: 700_000 } });
    expect(b.zhili.cluster!.decisions.openReads()).toBe(1);

    // A leaves; B takes its partitions over (fence advanced, windows rebuilt: the open read counted again).
    aClosed = true;
    await a.zhili.close();
    await until(() => b.zhili.cluster!.decisions.served().length === P, 30_000, 'B serves every partition');

    // The client retries the event: B decides it, on windows counting it once — after it, not before.
    const retried = await b.post('/v1/events', body, apiKey);
    expect(retried.status).toBe(200);
    expect(retried.body.features).toMatchObject({
      lv_person_dom_out_cny_day: 700_000,
      lv_person_dom_in_cny_day: 700_000,
    });
    expect(b.zhili.cluster!.decisions.openReads()).toBe(0);
    const next = await b.post('/v1/events', transfer(`next-${run}`, debtor, creditor, '1000.00'), apiKey);
    expect(next.status).toBe(200);
    expect(next.body.features).toMatchObject({ lv_person_dom_out_cny_day: 800_000, lv_person_dom_in_cny_day: 800_000 });

    // A rebuild now (a rule set made live, another takeover) leaves the same windows: the log holds both.
    await b.zhili.engine.recover(new Set([tenantId]));
    const last = await b.post('/v1/events', transfer(`last-${run}`, debtor, creditor, '1.00'), apiKey);
    expect(last.body.features).toMatchObject({ lv_person_dom_out_cny_day: 800_100, lv_person_dom_in_cny_day: 800_100 });
  }, 90_000);
});
