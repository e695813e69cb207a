import { afterAll, describe } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { natsLeaseStore } from '../../src/cluster/adapters.ts';
import { natsAvailable, natsUrl } from './nats-support.ts';
import { leaseStoreContract } from './lease-store.contract.ts';

const available = await natsAvailable();
const buckets: string[] = [];
let nc: NatsConnection | undefined;

describe.runIf(available)('partition leases in NATS KV', () => {
  afterAll(async () => {
    const jsm = await nc?.jetstreamManager();
    for (const b of buckets) await jsm?.streams.delete(`KV_${b}`).catch(() => undefined);
    await nc?.close();
  });
  leaseStoreContract('NATS KV', async () => {
    nc ??= await connect({ servers: natsUrl });
    const bucket = `zhili_leases_${process.pid}_${Date.now().toString(36)}_${buckets.length}`;
    buckets.push(bucket);
    return natsLeaseStore(nc, bucket);
  });
});
