import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../../test/support/services.ts';
import { commitLogContract } from '../commit-log.contract.ts';
import { storeContract } from '../store.contract.ts';
import { openPostgresStore } from './pg-store.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_store');
const logSchema = uniqueSchema('zhili_commit_log');

if (available) {
  storeContract('PostgreSQL', async () => {
    const store = openPostgresStore(pgUrl, { schema });
    await store.migrate();
    await store.migrate(); // migrations are idempotent
    return store;
  });
  // Two nodes: two pools on one schema. Writer A's pool is named so the test can see it wait.
  commitLogContract('PostgreSQL, two pools on one schema', async () => {
    const app = `zhili_writer_a_${process.pid}`;
    const a = openPostgresStore(`${pgUrl}?application_name=${app}`, { schema: logSchema });
    await a.migrate();
    const b = openPostgresStore(pgUrl, { schema: logSchema });
    await b.migrate();
    const raw = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${logSchema}` });
    await raw.connect();
    return {
      a,
      b,
      stall: {
        // An uncommitted row with the same data key: A's insert of that key waits for this transaction.
        async hold(k) {
          await raw.query('BEGIN');
          await raw.query(
            "INSERT INTO pii_keys (tenant_id, subject, key_id, wrapped, created_at) VALUES ($1, $2, $3, 'held', 0)",
            [k.tenantId, k.subject, k.keyId],
          );
          return {
            waiting: async () => {
              for (;;) {
                const r = await raw.query(
                  "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
                  [app],
                );
                if (r.rowCount) return;
                await new Promise<void>((res) => setTimeout(res, 5));
              }
            },
            release: async () => {
              await raw.query('ROLLBACK');
            },
          };
        },
        async rawSeq(eventId) {
          const r = await raw.query('SELECT seq FROM decisions WHERE event_id = $1', [eventId]);
          return Number(r.rows[0]?.seq);
        },
      },
      close: async () => {
        await raw.end();
        await a.close();
        await b.close();
      },
    };
  });
  afterAll(async () => {
    await dropSchema(schema);
    await dropSchema(logSchema);
  });
} else {
  describe.skip('Store contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
