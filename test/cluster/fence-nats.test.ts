import { connect, type NatsConnection } from 'nats';
import { afterAll, describe } from 'vitest';
import { natsLeaseStore } from '../../src/cluster/adapters.ts';
import { postgresPool } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { fenceContract } from './fence.contract.ts';
import { natsAvailable, natsUrl } from './nats-support.ts';

const available = (await postgresAvailable()) && (await natsAvailable());
const schema = uniqueSchema('zhili_fence_nats');
const bucket = `zhili_fence_${process.pid}_${Date.now().toString(36)}`;
let nc: NatsConnection | undefined;

/** Leases in NATS KV, which has no lock a commit could hold: the fence in PostgreSQL still refuses a stale owner. */
describe.runIf(available)('commit fence, leases in NATS KV', () => {
  afterAll(async () => {
    await (await nc?.jetstreamManager())?.streams.delete(`KV_${bucket}`).catch(() => false);
    await nc?.close();
    await dropSchema(schema);
  });
  fenceContract('NATS KV', async () => {
    nc = await connect({ servers: natsUrl });
    const pool = postgresPool(pgUrl, schema, 6);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    return { leases: await natsLeaseStore(nc, bucket), pool, schema };
  });
});
