import { afterAll, describe } from 'vitest';
import { pgLeaseStore } from '../../src/cluster/adapters.ts';
import { postgresPool } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { fenceContract } from './fence.contract.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_fence_pg');

describe.runIf(available)('commit fence, leases in PostgreSQL', () => {
  afterAll(async () => dropSchema(schema));
  fenceContract('PostgreSQL', async () => {
    const pool = postgresPool(pgUrl, schema, 6);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    return { leases: pgLeaseStore(pool), pool, schema };
  });
});
