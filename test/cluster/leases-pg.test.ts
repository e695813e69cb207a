import { afterAll, describe } from 'vitest';
import { pgLeaseStore } from '../../src/cluster/adapters.ts';
import { postgresPool } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { leaseStoreContract } from './lease-store.contract.ts';

const available = await postgresAvailable();
const schemas: string[] = [];

describe.runIf(available)('partition leases on PostgreSQL', () => {
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });
  leaseStoreContract('PostgreSQL', async () => {
    const schema = uniqueSchema(`zhili_leases_${schemas.length}`);
    schemas.push(schema);
    const pool = postgresPool(pgUrl, schema, 4);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    return pgLeaseStore(pool);
  });
});
