import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaCalendar, systemClock } from '../../src/kernel/index.ts';
import { DecisionEngine, fxTableData } from '../../src/monitoring/index.ts';
import { makeFxTable } from '../../src/kernel/index.ts';
import { dropSchema, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { clusterConfig, clusterEvents, type Node, startNode, until } from './cluster-support.ts';
import { natsAvailable } from './nats-support.ts';

const available = (await postgresAvailable()) && (await natsAvailable());
const schema = uniqueSchema('zhili_snap_takeover');
const P = 8;
const config = clusterConfig(schema, 'zst', P, {
  // Written by the test (engine.writeSnapshots), not by the timer, so the snapshot's position is known.
  windowSnapshotMs: 3_600_000,
});

/**
 * A partition takeover restores the windows from the latest window snapshot plus the decisions
 * committed after it (issue 14): the taking node replays only that tail, and its windows equal those a
 * single node replaying the whole log has.
 */
describe.runIf(available)('partition takeover from a window snapshot', () => {
  let a: Node;
  let b: Node | undefined;
  let apiKey = '';
  let tenantId = '';
  beforeAll(async () => {
    a = await startNode({ ...config, nodeId: 's1' });
    const created = await a.zhili.createTenant('Snapshot Pay 快照支付');
    apiKey = created.apiKey;
    tenantId = created.tenant.id;
    b = await startNode({ ...config, nodeId: 's2' });
    const served = () => [a, b].map((n) => n?.zhili.cluster?.decisions.served() ?? []);
    await until(() => served().every((s) => s.length >= 2) && served().flat().length === P, 30_000, 'two nodes share');
  }, 60_000);
  afterAll(async () => {
    await a?.zhili.close();
    await b?.zhili.close();
    await dropSchema(schema);
  });

  it('replays only the log after the snapshot, and the windows equal a whole-log replay', async () => {
    const events = clusterEvents(`snap-${process.pid}`, 90);
    const send = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const r = await [a, b][i % 2]!.post('/v1/events', events[i], apiKey);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
    };
    await send(0, 60);
    const [written] = await a.zhili.engine.writeSnapshots();
    expect(written).toMatchObject({ tenantId, replayed: 60 });
    await send(60, 90);

    // Node s2 leaves: s1 takes its partitions and restores its windows before serving them.
    const before = a.zhili.engine.lastRestore;
    await b!.zhili.close();
    b = undefined;
    await until(
      () => a.zhili.cluster?.decisions.served().length === P && a.zhili.engine.lastRestore !== before,
      30_000,
      's1 serves every partition, windows restored',
    );
    expect(a.zhili.engine.lastRestore).toEqual([
      expect.objectContaining({ tenantId, snapshotPosition: written!.position, replayed: 30, decisions: 90 }),
    ]);

    // A single node replaying the whole log has the same windows.
    const rt = a.zhili.engine.runtime(tenantId)!;
    const single = new DecisionEngine({
      store: a.zhili.store,
      clock: systemClock,
      fx: makeFxTable(fxTableData()),
      calendar: chinaCalendar(),
      maxCommitBatch: 10,
      exclusiveWriter: false,
      loadTenant: async () => undefined,
    });
    await single.start([{ tenant: rt.tenant, ruleSet: rt.ruleSet, shadow: null }]);
    expect(single.lastRestore).toMatchObject([{ snapshotPosition: null, replayed: 90 }]);
    expect(rt.features.dump()).toEqual(single.runtime(tenantId)!.features.dump());
    expect(rt.features.entityCount).toBeGreaterThan(0);

    // And s1 decides on: an event after the takeover is answered.
    const [next] = clusterEvents(`snap-after-${process.pid}`, 1);
    expect((await a.post('/v1/events', next, apiKey)).status).toBe(200);
  }, 120_000);
});
