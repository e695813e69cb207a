import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDriverOn, postgresPool, sqliteDriver } from '../../store/adapters.ts';
import { RowShapeError, type SqlDriver } from '../../store/index.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../../test/support/services.ts';
import { sqlListStore, type ListStore, type StoredListVersion } from './store.ts';

const version = (listId: string, hash: string, at: number): StoredListVersion => ({
  listId,
  source: listId === 'un-sc' ? 'un-sc' : 'ofac-sdn',
  contentHash: hash,
  files: { 'sdn.csv': `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\n${hash}` },
  entries: 1000 + at,
  origin: 'http://127.0.0.1/ofac/',
  storedAt: at,
  storedBy: 'cli',
});

function contract(name: string, open: () => Promise<ListStore>) {
  describe(`list store (${name})`, () => {
    it('keeps every version; the current one is the one stored last, whatever the clock says', async () => {
      const s = await open();
      expect(await s.current()).toEqual([]);
      await s.put(version('ofac-sdn', 'h1', 300));
      await s.put(version('un-sc', 'u1', 100));
      await s.put(version('ofac-sdn', 'h2', 200));
      expect((await s.current()).map((v) => [v.listId, v.contentHash])).toEqual([
        ['ofac-sdn', 'h2'],
        ['un-sc', 'u1'],
      ]);
      expect((await s.current())[0]!.files['sdn.csv']).toContain('AEROCARIBBEAN');
      // Storing an earlier version again makes it current again (a rollback), without a duplicate.
      await s.put(version('ofac-sdn', 'h1', 400));
      expect((await s.current())[0]!.contentHash).toBe('h1');
      expect((await s.history('ofac-sdn')).map((v) => v.contentHash)).toEqual(['h1', 'h2']);
      expect(await s.currentKeys()).toEqual(['ofac-sdn@h1', 'un-sc@u1']);
    });
    it('keeps a tenant screening setting and lists the tenants with screening off', async () => {
      const s = await open();
      expect(await s.setting('ten_a')).toBeUndefined();
      await s.putSetting({ tenantId: 'ten_a', enabled: false, reason: 'upstream', updatedBy: 'usr_1', updatedAt: 1 });
      await s.putSetting({ tenantId: 'ten_b', enabled: true, reason: 'on', updatedBy: 'usr_2', updatedAt: 2 });
      expect(await s.setting('ten_a')).toMatchObject({ enabled: false, reason: 'upstream' });
      expect(await s.disabledTenants()).toEqual(['ten_a']);
      await s.putSetting({ tenantId: 'ten_a', enabled: true, reason: 'back on', updatedBy: 'usr_1', updatedAt: 3 });
      expect(await s.disabledTenants()).toEqual([]);
    });
  });
}

contract('SQLite', async () => {
  const s = sqlListStore(sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-lists-')), 'zhili.db')));
  await s.migrate();
  return s;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_lists');
const pools: ReturnType<typeof postgresPool>[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  if (available) for (let i = 0; i < pools.length; i++) await dropSchema(`${schema}_${i}`);
});
if (available)
  contract('PostgreSQL', async () => {
    const n = pools.length;
    const pool = postgresPool(pgUrl, `${schema}_${n}`, 2);
    pools.push(pool);
    const s = sqlListStore(postgresDriverOn(pool, `${schema}_${n}`));
    await s.migrate();
    return s;
  });

/** A version edited in the database to a wrong shape is refused where it is read, naming table and column. */
function refusesEditedRows(name: string, driver: () => SqlDriver) {
  describe(`list store (${name}): a stored version of the wrong shape`, () => {
    it('is refused on read (current, history), naming the column', async () => {
      const d = driver();
      const s = sqlListStore(d);
      await s.migrate();
      await s.put(version('ofac-sdn', 'h1', 1));
      expect((await s.current())[0]!.files['sdn.csv']).toContain('AEROCARIBBEAN');
      await d.run('UPDATE screening_list_versions SET files = ?', [JSON.stringify({ 'sdn.csv': 36 })]);
      await expect(s.current()).rejects.toThrow(RowShapeError);
      await expect(s.current()).rejects.toThrow(/screening_list_versions\.files: expected JSON matching ListFiles/);
      await d.run("UPDATE screening_list_versions SET source = 'rumours'");
      await expect(s.history('ofac-sdn')).rejects.toThrow(/screening_list_versions\.source/);
      await d.close();
    });
  });
}

refusesEditedRows('SQLite', () => sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-lists-shape-')), 'zhili.db')));
if (available) {
  const shapeSchema = uniqueSchema('zhili_lists_shape');
  refusesEditedRows('PostgreSQL', () =>
    postgresDriverOn(postgresPool(pgUrl, shapeSchema, 2), shapeSchema, { ownsPool: true }),
  );
  afterAll(async () => {
    await dropSchema(shapeSchema);
  });
}
