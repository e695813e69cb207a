import pg from 'pg';

/**
 * Real services for adapter tests. On a machine without them the suite skips and says so; CI sets
 * ZHILI_REQUIRE_SERVICES=1 so that a missing service fails instead of skipping.
 */
export const pgUrl = process.env.ZHILI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.ZHILI_REQUIRE_SERVICES === '1';

export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (e) {
    if (required)
      throw new Error(`PostgreSQL is required (ZHILI_REQUIRE_SERVICES=1) but ${pgUrl} is unreachable`, { cause: e });
    console.warn(`SKIPPED: PostgreSQL tests — ${pgUrl} is unreachable (${String(e)})`);
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}`;
}
