import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresPortalStore, openSqlitePortalStore, sqlPortalStore } from '../../src/portal/adapters.ts';
import { sqliteDriver } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { portalStoreContract } from './portal-store.contract.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-portal-')), 'zhili.db');
portalStoreContract('SQLite', async () => {
  const store = openSqlitePortalStore(file);
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_portal');
if (available) {
  portalStoreContract('PostgreSQL', async () => {
    const store = openPostgresPortalStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('PortalStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}

describe('PortalStore with an audit outbox', () => {
  it('queues the sign-in entry with the session; a refused code queues none', async () => {
    const d = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-portal-outbox-')), 'zhili.db'));
    await d.exec('CREATE TABLE test_outbox (action TEXT NOT NULL, subject TEXT)');
    const store = sqlPortalStore(d, {
      outbox: (x, e) =>
        x.run('INSERT INTO test_outbox (action, subject) VALUES (?, ?)', [e.action, e.subjectId]).then(() => undefined),
    });
    await store.migrate();
    expect(store.auditsInTransaction).toBe(true);
    const at = { tenantId: 't', actorId: 'op', at: 1 };
    await store.addCode(
      { tenantId: 't', codeHash: 'h', customerId: 'c', issuedBy: 'op', issuedAt: 1, expiresAt: 100 },
      [{ ...at, action: 'portal.sign-in-code.issue', subjectId: 'c' }],
    );
    const s = { tokenHash: 'tok', createdAt: 2, lastSeenAt: 2, expiresAt: 50 };
    const audits = (customerId: string) => [{ ...at, action: 'portal.sign-in', subjectId: customerId }];
    expect(await store.redeem('t', 'h', 2, s, audits)).toBeDefined();
    expect(await store.redeem('t', 'h', 3, { ...s, tokenHash: 'tok2' }, audits)).toBeUndefined();
    expect(await d.all('SELECT action, subject FROM test_outbox')).toEqual([
      { action: 'portal.sign-in-code.issue', subject: 'c' },
      { action: 'portal.sign-in', subject: 'c' },
    ]);
    await d.close();
  });
});
