import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsTransport, pgCommitFence } from '../../src/cluster/adapters.ts';
import { routeOf } from '../../src/cluster/index.ts';
import { normalizeEvent } from '../../src/monitoring/index.ts';
import { postgresPool } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { clusterConfig, customerOn, startNode, transfer, until, type Node } from './cluster-support.ts';
import { inTransaction } from './fence-support.ts';
import { natsAvailable, natsUrl } from './nats-support.ts';

const available = (await postgresAvailable()) && (await natsAvailable());
const schema = uniqueSchema('zhili_cp_settle');
const P = 4;
const FORWARD_MS = 1000; // a counterparty read not committed within ten of these (10 s) is voided
const config = clusterConfig(schema, 'zcs', P, {
  forwardTimeoutMs: FORWARD_MS,
});

/**
 * Issue 14, gap c: the deciding node dies between the counterparty read and its commit. The
 * counterparty's owner counted the event when it answered; it must not stay counted. Here the dead
 * decider is this test, asking node B for the read over NATS exactly as a deciding node does and never
 * committing (a `kill -9` at that instant, without the timing lottery); node A is a live decider whose
 * read commits and must stay counted.
 */
describe.runIf(available)('a counterparty read whose decider never commits', () => {
  let a: Node;
  let b: Node;
  let nc: NatsConnection;
  const pool = postgresPool(pgUrl, schema, 2);
  let tenantId = '';
  let apiKey = '';
  beforeAll(async () => {
    a = await startNode({ ...config, nodeId: 'cs-a' });
    const t = await a.zhili.createTenant('Settle Pay 结算支付');
    [tenantId, apiKey] = [t.tenant.id, t.apiKey];
    b = await startNode({ ...config, nodeId: 'cs-b' });
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
    await Promise.all([a?.zhili.close(), b?.zhili.close()]);
    await nc?.close();
    await pool.end();
    await dropSchema(schema);
  });

  it('counts the read at once, keeps it through a rebuild, drops it when voided, refuses its late commit, keeps a committed one', async () => {
    const pA = a.zhili.cluster!.decisions.served()[0]!;
    const pB = b.zhili.cluster!.decisions.served()[0]!;
    const debtor = customerOn(tenantId, pA, 'payer', P);
    const creditor = customerOn(tenantId, pB, 'payee', P);
    const run = `${process.pid}-${Date.now().toString(36)}`;
    expect(routeOf(tenantId, transfer('x', debtor, creditor, '1.00'), P)).toMatchObject({
      partition: pA,
      counterparty: { partition: pB },
    });
    // What node B's windows say the creditor received today, a 1,000.00 probe transfer included (minor units).
    const received = () => {
      const rt = b.zhili.engine.runtime(tenantId)!;
      const n = normalizeEvent(transfer(`probe-${run}`, debtor, creditor, '1000.00') as never, {
        timeZone: rt.ruleSet.timeZone,
        fx: b.zhili.engine.fx,
        acceptTestCurrency: false,
      });
      if (!n.ok) throw new Error('probe invalid');
      return rt.features.values(n.event).values.lv_person_dom_in_cny_day;
    };

    // A live decider: A decides, reads the creditor at B, commits.
    const live = await a.post('/v1/events', transfer(`live-${run}`, debtor, creditor, '5000.00'), apiKey);
    expect(live.status).toBe(200);
    expect(live.body.features.lv_person_dom_in_cny_day).toBe(500_000);

    // The dead decider: the read is answered and counted at B, and no commit follows.
    const body = transfer(`dead-${run}`, debtor, creditor, '7000.00');
    const answer = (await natsTransport(nc).request(
      `${config.clusterName}.counterpart.${pB}`,
      { tenantId, body },
      5000,
    )) as { ok: boolean; epoch: number; read: string; values: Record<string, number> };
    expect(answer).toMatchObject({ ok: true });
    expect(answer.values.lv_person_dom_in_cny_day).toBe(1_200_000);
    expect(received()).toBe(1_300_000);
    // A rebuild of the tenant's windows meanwhile (a rule set made live, a takeover) keeps the open read counted.
    const before = b.zhili.engine.runtime(tenantId);
    await b.zhili.engine.recover(new Set([tenantId]));
    expect(b.zhili.engine.runtime(tenantId)).not.toBe(before);
    expect(received()).toBe(1_300_000);

    // Past the bound: the live read is found committed and kept, the dead one voided and taken out.
    await until(() => b.zhili.cluster?.decisions.openReads() === 0, 20 * FORWARD_MS + 15_000, 'both reads settled');
    await until(() => received() === 600_000, 10_000, 'the voided read is no longer counted');

    // The dead decider comes back and commits: the fence refuses it, and nothing is stored.
    const fence = pgCommitFence(pool, 'cs-zombie');
    const late = await inTransaction(
      pool,
      (tx) => fence.check(tx, [[{ partition: pB, epoch: answer.epoch, own: false, read: answer.read }]], Date.now()),
      false,
    );
    expect([...late]).toEqual([0]);
    expect(await a.zhili.store.getDecision(tenantId, `dead-${run}`)).toBeUndefined();

    // Sent again by its client, the event is decided afresh, read afresh and counted once.
    const again = await a.post('/v1/events', body, apiKey);
    expect(again.status).toBe(200);
    expect(again.body.features.lv_person_dom_in_cny_day).toBe(1_200_000);
    expect(received()).toBe(1_300_000);
  }, 90_000);
});
