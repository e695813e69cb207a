import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../../test/support/services.ts';
import { attachmentStoreContract } from './attachments.contract.ts';
import { caseStoreContract } from './case-store.contract.ts';
import { openPostgresCaseStore, openSqliteCaseStore } from './sql-store.ts';

caseStoreContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqliteCaseStore(join(mkdtempSync(join(tmpdir(), 'zhili-cases-')), 'zhili.db'));
  await store.migrate();
  return store;
});
attachmentStoreContract('SQLite', async () => {
  const store = openSqliteCaseStore(join(mkdtempSync(join(tmpdir(), 'zhili-cases-att-')), 'zhili.db'));
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_cases');
const attSchema = uniqueSchema('zhili_cases_att');
if (available) {
  caseStoreContract('PostgreSQL', async () => {
    const store = openPostgresCaseStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  attachmentStoreContract('PostgreSQL', async () => {
    const store = openPostgresCaseStore(pgUrl, { schema: attSchema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
    await dropSchema(attSchema);
  });
} else {
  describe.skip('CaseStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
