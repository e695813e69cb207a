/**
 * Nodes started together on an empty PostgreSQL schema: every module's migration takes the one
 * database-wide migration lock first, so they migrate one at a time instead of interleaving (and, with
 * one lock per module as before, deadlocking) — all come up, and each table exists once.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { startServer, type TestServer } from '../support/server.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_start_together');

describe.runIf(available)('nodes starting together on an empty schema', () => {
  let nodes: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await dropSchema(schema);
  });

  it('all come up and answer, and the schema holds one of each table', async () => {
    const config = { databaseUrl: `${pgUrl}?schema=${schema}`, backgroundThread: false };
    nodes = await Promise.all([1, 2, 3].map(() => startServer({ config })));
    for (const n of nodes) expect((await fetch(`${n.url}/healthz`)).status).toBe(200);
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      const r = await c.query<{ n: string }>(
        'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
        [schema, 'disclosure_versions'],
      );
      expect(Number(r.rows[0]!.n)).toBe(1);
    } finally {
      await c.end();
    }
  }, 90_000);
});
