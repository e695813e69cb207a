import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sqliteMigrations } from './schema.ts';
import { openSqliteStore } from './sqlite-store.ts';

it('migration 2 gives rule sets stored before it a status and a history', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'zhili-mig-')), 'zhili.db');
  const db = new Database(file);
  db.exec('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  db.exec(sqliteMigrations[0]!.sql);
  db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (1, 0)').run();
  db.exec(`INSERT INTO tenants VALUES ('ten_a', 'A', 'Asia/Shanghai', 1);
    INSERT INTO rule_sets VALUES ('ten_a', 'old', '{}', 1, 'usr_1', 0), ('ten_a', 'live', '{}', 2, 'usr_2', 1);`);
  db.close();

  const store = openSqliteStore(file, { writerThread: false });
  await store.migrate();
  expect((await store.listRuleSets('ten_a')).map((r) => [r.version, r.status, r.active, r.shadow])).toEqual([
    ['old', 'superseded', false, false],
    ['live', 'active', true, false],
  ]);
  expect((await store.listRuleSetEvents('ten_a')).map((e) => [e.version, e.action, e.toStatus, e.actorId])).toEqual([
    ['old', 'create', 'superseded', 'usr_1'],
    ['live', 'create', 'active', 'usr_2'],
  ]);
  await store.close();
});
