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
import { toZhiliError } from '../../src/http/errors.ts';
import { postgresDriver, sqliteDriver } from '../../src/store/adapters.ts';
import { RowShapeError, type SqlDriver } from '../../src/store/index.ts';
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

/** A version edited in the database to a wrong shape is refused where it is read, naming table and column. */
function refusesEditedRows(name: string, driver: () => SqlDriver): void {
  describe(`DisclosureStore on ${name}: a stored version of the wrong shape`, () => {
    it('is refused on read (get and list), not passed on', async () => {
      const d = driver();
      const store = sqlDisclosureStore(d);
      await store.migrate();
      const t = `t-shape-${Math.random().toString(36).slice(2)}`;
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
        { tenantId: t, asOf: '2026-10-31', version: 1 },
      );
      const v: Disclosure = {
        tenantId: t,
        id: 'dsc_shape',
        period: '2026-10',
        version: 1,
        state: 'draft',
        doc,
        hash: hashOf(doc),
        computedBy: 'm',
        computedAt: 1,
        rev: 1,
      };
      await store.insert(v);
      expect((await store.get(t, v.id))?.disclosure).toEqual(v);

      // A count of lenders turned into a word.
      const bad = { ...v, doc: { ...doc, participants: { ...doc.participants, periodLenders: 'many' } } };
      await d.run('UPDATE disclosure_versions SET doc = ? WHERE tenant_id = ?', [JSON.stringify(bad), t]);
      const shape = /disclosure_versions\.doc: expected JSON matching Disclosure/;
      await expect(store.get(t, v.id)).rejects.toThrow(RowShapeError);
      await expect(store.get(t, v.id)).rejects.toThrow(shape);
      await expect(store.list(t)).rejects.toThrow(shape);
      await d.run('UPDATE disclosure_versions SET doc = ? WHERE tenant_id = ?', ['[1, 2', t]);
      await expect(store.list(t)).rejects.toThrow(/disclosure_versions\.doc: expected JSON text/);

      const e = await store.get(t, v.id).catch((x: unknown) => x);
      const z = toZhiliError(e);
      expect([z.code, z.status, z.cause]).toEqual(['ZHILI_E_INTERNAL', 500, e]);
      await store.close();
    });
  });
}

refusesEditedRows('SQLite', () =>
  sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-disclosure-shape-')), 'zhili.db')),
);
if (available) {
  const shapeSchema = uniqueSchema('zhili_disclosure_shape');
  refusesEditedRows('PostgreSQL', () => postgresDriver(pgUrl, shapeSchema, 2));
  afterAll(async () => {
    await dropSchema(shapeSchema);
  });
}
