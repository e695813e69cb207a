import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../test/support/services.ts';
import { postgresDriver, sqliteDriver } from './sql-driver.ts';
import { windowSnapshotContract } from './window-snapshots.contract.ts';
import { sqlWindowSnapshots } from './window-snapshots.ts';

windowSnapshotContract('SQLite', async () => {
  const db = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-snap-')), 'zhili.db'));
  return { ...sqlWindowSnapshots(db), close: () => db.close() };
});

if (await postgresAvailable()) {
  const schema = uniqueSchema('zhili_snap');
  windowSnapshotContract('PostgreSQL', async () => {
    const db = postgresDriver(pgUrl, schema, 2);
    return { ...sqlWindowSnapshots(db), close: () => db.close() };
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('Window snapshot store: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
