import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeOf } from '../../src/cluster/index.ts';
import { normalizeEvent } from '../../src/monitoring/index.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { clusterConfig, type Node, person, startNode, until } from './cluster-support.ts';
import { natsAvailable } from './nats-support.ts';

const available = (await postgresAvailable()) && (await natsAvailable());
const schema = uniqueSchema('zhili_refusal');
const P = 4;
const config = clusterConfig(schema, 'zr', P, {
  // Renewals every 12 s: the node keeps deciding for the partition another node took, as a stale owner
  // whose renewals stalled would, and only the fence stands between its decisions and the store.
  leaseTtlMs: 60_000,
});

const cash = (id: string, partyId: string) => ({
  id,
  type: 'cash_withdrawal',
  occurredAt: '2026-11-26T10:00:00+08:00',
  channel: 'branch',
  amount: { value: '12000.00', currency: 'CNY' },
  debtor: person(partyId),
});

/** A customer id whose partition (in this tenant) is `p`. */
function customerOn(tenantId: string, p: number, prefix: string): string {
  for (let i = 0; ; i++) {
    const id = `${prefix}-${i}`;
    if (routeOf(tenantId, cash('x', id), P).partition === p) return id;
  }
}

/**
 * A stale owner's group commit (issue 14, gap a): the decisions of the partition it lost are refused,
 * 503 with Retry-After and nothing stored; the rest of the same batch is stored; only the windows of
 * the tenant that counted a refused decision are rebuilt.
 */
describe.runIf(available)('a stale owner commits a batch spanning a lost and a held partition', () => {
  let node: Node;
  const admin = new pg.Pool({ connectionString: pgUrl, options: `-c search_path=${schema}`, max: 2 });
  const tenants: { tenantId: string; apiKey: string }[] = [];
  beforeAll(async () => {
    node = await startNode({ ...config, nodeId: 'stale' });
    for (const name of ['Refusal Pay 拒绝支付', 'Bystander Pay 旁观支付']) {
      const t = await node.zhili.createTenant(name);
      tenants.push({ tenantId: t.tenant.id, apiKey: t.apiKey });
    }
    await until(() => node.zhili.cluster?.decisions.served().length === P, 30_000, 'the node serves every partition');
  }, 60_000);
  afterAll(async () => {
    await node?.zhili.close();
    await admin.end();
    await dropSchema(schema);
  });

  it('refuses only the lost partition decisions, stores the others, rebuilds only the refused tenant', async () => {
    const [t1, t2] = [tenants[0]!, tenants[1]!];
    const [lost, kept] = [0, 1];
    const onLost = customerOn(t1.tenantId, lost, 'lost');
    const onKept = customerOn(t1.tenantId, kept, 'kept');
    const run = `${process.pid}-${Date.now().toString(36)}`;
    // Warm up: both customers decided and stored.
    for (const [i, c] of [onLost, onKept].entries())
      expect((await node.post('/v1/events', cash(`warm-${run}-${i}`, c), t1.apiKey)).status).toBe(200);

    // Another node takes partition `lost` over: its lease and its fence move on (as its takeover writes them).
    await admin.query(`UPDATE cluster_leases SET owner = 'ghost', epoch = epoch + 1 WHERE partition = $1`, [lost]);
    await admin.query(`UPDATE cluster_fence SET owner = 'ghost', epoch = epoch + 1 WHERE partition = $1`, [lost]);
    expect(node.zhili.cluster?.decisions.served()).toContain(lost); // the stale owner has not noticed
    const engine = node.zhili.engine;
    const [before1, before2] = [engine.runtime(t1.tenantId), engine.runtime(t2.tenantId)];

    const ids = { lost1: `lost-${run}-1`, kept1: `kept-${run}-1`, lost2: `lost-${run}-2`, kept2: `kept-${run}-2` };
    const [batch, single, other] = await Promise.all([
      node.post(
        '/v1/events:batch',
        { events: [cash(ids.lost1, onLost), cash(ids.kept1, onKept), cash(ids.kept2, onKept)] },
        t1.apiKey,
      ),
      node.post('/v1/events', cash(ids.lost2, onLost), t1.apiKey),
      node.post('/v1/events', cash(`t2-${run}`, customerOn(t2.tenantId, kept, 'kept')), t2.apiKey),
    ]);
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((r: { status: number }) => r.status)).toEqual([503, 200, 200]);
    expect(batch.body.results[0].error.code).toBe('ZHILI_E_PARTITION_UNAVAILABLE');
    expect(single.status).toBe(503);
    expect(single.body.error.code).toBe('ZHILI_E_PARTITION_UNAVAILABLE');
    expect(single.headers.get('retry-after')).toBe('1');
    expect(other.status).toBe(200);

    // Nothing of the lost partition stored; every acknowledged decision stored once.
    const stored = async (id: string, t = t1.tenantId) => (await node.zhili.store.getDecision(t, id)) !== undefined;
    expect([await stored(ids.lost1), await stored(ids.lost2)]).toEqual([false, false]);
    expect([await stored(ids.kept1), await stored(ids.kept2), await stored(`t2-${run}`, t2.tenantId)]).toEqual([
      true,
      true,
      true,
    ]);
    expect(await node.zhili.store.countDecisions(t1.tenantId)).toBe(4);

    // The tenant whose windows counted a refused decision is rebuilt from the log; the other is left alone.
    await until(() => engine.runtime(t1.tenantId) !== before1, 10_000, 'the refused tenant is rebuilt');
    expect(engine.runtime(t2.tenantId)).toBe(before2);
    // Its rebuilt windows hold what was stored: the lost-partition customer's same-day cash-out counts the
    // warm-up (and the probe itself), not the two refused withdrawals; the kept one's counts all three.
    const probe = (id: string, c: string) => {
      const rt = engine.runtime(t1.tenantId)!;
      const n = normalizeEvent(cash(id, c) as never, {
        timeZone: rt.ruleSet.timeZone,
        fx: engine.fx,
        acceptTestCurrency: false,
      });
      if (!n.ok) throw new Error('probe event invalid');
      return rt.features.values(n.event).values.lv_cash_out_cny_day;
    };
    expect(probe(`probe-${run}-1`, onLost)).toBe(2 * 1_200_000); // minor units of CNY 12,000.00
    const next = await node.post('/v1/events', cash(`kept-${run}-3`, onKept), t1.apiKey);
    expect(next.status).toBe(200);
    expect(next.body.features.lv_cash_out_cny_day).toBe(4 * 1_200_000);
  }, 60_000);
});
