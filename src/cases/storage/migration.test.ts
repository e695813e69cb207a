import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../store/adapters.ts';
import { attachmentsMigration, caseSchema } from './schema.ts';
import { openSqliteCaseStore } from './sql-store.ts';

describe('case store migrations', () => {
  it('adds the attachments table to a database created before it existed, keeping the data', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhili-cases-mig-')), 'zhili.db');
    const old = sqliteDriver(file);
    await old.exec(caseSchema('sqlite').replace(attachmentsMigration('sqlite'), ''));
    await old.run('UPDATE case_progress SET seq = 42 WHERE id = 1');
    await old.close();

    const s = openSqliteCaseStore(file);
    await s.migrate();
    await s.migrate();
    expect(await s.progress()).toBe(42);
    const bytes = new Uint8Array([1, 2, 3]);
    const a = {
      id: 'att_1',
      tenantId: 't',
      caseId: 'c',
      name: 'x',
      contentType: 'text/plain',
      size: 3,
      sha256: 'h',
      createdBy: 'u',
      createdAt: 1,
      bytes,
    };
    await s.putAttachment(a, []);
    expect(await s.getAttachment('t', 'c', 'att_1')).toEqual(a);
    await s.close();
  });
});
