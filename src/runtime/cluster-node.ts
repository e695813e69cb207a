import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { connect } from 'nats';
import { PartitionedDecisions } from '../cluster/index.ts';
import { natsLeaseStore, natsTransport, pgCommitFence, pgLeaseStore } from '../cluster/adapters.ts';
import type { Clock } from '../kernel/index.ts';
import type { ClusterHooks, DecisionEngine } from '../monitoring/index.ts';
import type { Store } from '../store/index.ts';
import { postgresPool } from '../store/adapters.ts';
import type { Config } from './config.ts';

export interface ClusterNode {
  readonly nodeId: string;
  readonly hooks: ClusterHooks;
  readonly decisions: PartitionedDecisions;
  /** Starts taking partitions (after the engine has started). */
  start(engine: DecisionEngine, store: Store): Promise<void>;
  /** Gives the partitions back (the others take them at once) and disconnects. */
  stop(): Promise<void>;
}

/**
 * A node of a cluster (docs/decisions/0008-partitioned-decisions.md): `ZHILI_DATABASE_URL` on
 * PostgreSQL and `ZHILI_NATS_URL`. Without NATS, undefined: the process decides everything itself,
 * as a single node always has.
 */
export async function openClusterNode(config: Config, clock: Clock): Promise<ClusterNode | undefined> {
  if (!config.natsUrl) return undefined;
  const url = config.databaseUrl ?? '';
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new Error('ZHILI_NATS_URL needs a PostgreSQL ZHILI_DATABASE_URL · 集群模式需要 PostgreSQL 数据库');
  const nodeId =
    config.nodeId ?? `${hostname().replace(/[^A-Za-z0-9_-]/g, '_')}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const schema = new URL(url).searchParams.get('schema') ?? 'zhili';
  const pool = postgresPool(url, schema, 4);
  const nc = await connect({ servers: config.natsUrl, name: nodeId });
  const onPg = config.clusterLeases === 'postgres';
  const leases = onPg ? pgLeaseStore(pool) : await natsLeaseStore(nc, `${config.clusterName}_leases`);
  // The commit fence is in the database beside the decisions, wherever the leases are.
  const fence = pgCommitFence(pool, nodeId);
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await leases.migrate();
  await fence.migrate();
  const decisions = new PartitionedDecisions(
    leases,
    natsTransport(nc),
    fence,
    clock,
    {
      node: nodeId,
      partitions: config.clusterPartitions,
      ttlMs: config.leaseTtlMs,
      prefix: config.clusterName,
      forwardTimeoutMs: config.forwardTimeoutMs,
    },
    (e) => process.emitWarning(e instanceof Error ? e : new Error(String(e))),
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const renewMs = Math.max(100, Math.floor(config.leaseTtlMs / 5));
  const loop = () => {
    if (stopped) return;
    running = decisions
      .tick()
      .catch((e: unknown) => process.emitWarning(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, renewMs);
      });
  };
  return {
    nodeId,
    hooks: decisions.hooks,
    decisions,
    async start(engine, store) {
      decisions.attach({
        decide: (t, body, prefix) => engine.decide(t, body, prefix),
        counterpartValues: (t, body) => engine.counterpartValues(t, body),
        drain: () => engine.drain(),
        committed: async (t, e) => (await store.getDecision(t, e)) !== undefined,
        settleCounterpart: (t, e, counted) => engine.settleCounterpart(t, e, counted),
        async restore() {
          // Each tenant paused, its commits drained, its windows replayed from the committed log.
          for (const t of await store.listTenants()) {
            const rt = engine.runtime(t.id);
            if (rt) await engine.activate(t.id, rt.ruleSet);
          }
        },
      });
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await decisions.stop().catch(() => undefined);
      await nc.drain().catch(() => undefined);
      await pool.end();
    },
  };
}
