import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openPostgresDisclosureStore,
  openSqliteDisclosureStore,
  sqlDisclosureStore,
} from '../../src/disclosure/adapters.ts';
import { hashOf, operatingFigures, toDocument, type Disclosure } from '../../src/disclosure/index.ts';
import { sqliteDriver } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { disclosureStoreContract } from './store.contract.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-disclosure-')), 'zhili.db');
disclosureStoreContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqliteDisclosureStore(file);
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_disclosure');
if (available) {
  const opened: { close(): Promise<void> }[] = [];
  disclosureStoreContract('PostgreSQL', async () => {
    const store = openPostgresDisclosureStore(pgUrl, { schema });
    opened.push(store);
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await dropSchema(schema);
  });
} else {
  describe.skip('DisclosureStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}

describe('DisclosureStore with an audit outbox', () => {
  it('queues the audit entry in the write; a refused write queues none', async () => {
    const d = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-disclosure-outbox-')), 'zhili.db'));
    await d.exec('CREATE TABLE test_outbox (action TEXT NOT NULL)');
    const store = sqlDisclosureStore(d, {
      outbox: (x, e) => x.run('INSERT INTO test_outbox (action) VALUES (?)', [e.action]).then(() => undefined),
    });
    await store.migrate();
    expect(store.auditsInTransaction).toBe(true);
    const doc = toDocument(
      operatingFigures({
        period: '2026-10',
        firstDay: 0,
        lastDay: 1,
        loans: [],
        repayments: [],
        payouts: [],
        complaints: { received: 0, resolved: 0, byCategory: {} },
      }),
      { tenantId: 't', asOf: '2026-10-31', version: 1 },
    );
    const v: Disclosure = {
      tenantId: 't',
      id: 'dsc_1',
      period: '2026-10',
      version: 1,
      state: 'draft',
      doc,
      hash: hashOf(doc),
      computedBy: 'm',
      computedAt: 1,
      rev: 1,
    };
    const audit = (action: string) => [{ tenantId: 't', action, actorId: 'op', at: 1 }];
    await store.insert(v, audit('disclosure.compute'));
    await expect(store.insert({ ...v, id: 'dsc_2' }, audit('refused'))).rejects.toThrow();
    await store.update({ ...v, state: 'published', rev: 2 }, audit('disclosure.publish'));
    await expect(store.update({ ...v, state: 'draft', rev: 3 }, audit('refused'))).rejects.toThrow();
    const rows = await d.all('SELECT action FROM test_outbox');
    expect(rows.map((r) => r.action)).toEqual(['disclosure.compute', 'disclosure.publish']);
    await store.close();
  });
});
