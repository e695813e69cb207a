/**
 * A case action and its audit-ledger entry commit together: the outbox row is written in the action's
 * own transaction, so an acknowledged action cannot lose its entry to a crash, and a write that fails
 * (a lost race) leaves no entry behind.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCaseStore } from '../../src/cases/adapters.ts';
import { aCase } from '../../src/cases/storage/case-store.contract.ts';
import type { CaseStore } from '../../src/cases/index.ts';
import { openSqliteLedgerStore } from '../../src/ledger/adapters.ts';
import { sqliteDriver } from '../../src/store/adapters.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-case-outbox-')), 'zhili.db');
let store: CaseStore;

const outbox = (): { tenant_id: string; entry: string }[] => {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT tenant_id, entry FROM ledger_outbox ORDER BY id').all() as {
    tenant_id: string;
    entry: string;
  }[];
  db.close();
  return rows;
};

beforeAll(async () => {
  const ledger = openSqliteLedgerStore(file);
  await ledger.migrate();
  await ledger.close();
  store = sqlCaseStore(sqliteDriver(file), { auditOutbox: true });
  await store.migrate();
});
afterAll(async () => store.close());

describe('case actions and their ledger entries', () => {
  it('queues the entry with the write, ids and a hash only', async () => {
    expect(store.auditsInTransaction).toBe(true);
    const c = aCase({ id: 'case_outbox_1', customerId: '王秀英' });
    await store.applyProjection({
      expectedSeq: 0,
      seq: 1,
      newCases: [c],
      alerts: [],
      caseBumps: [],
      movements: [],
      history: [],
    });
    const detail = { note: '客户姓名 王秀英' };
    await store.updateCase({ ...c, status: 'investigating', version: 2 }, [
      {
        id: 'hst_1',
        tenantId: 'ten_a',
        subjectId: c.id,
        at: 7,
        actor: 'usr_1',
        action: 'start',
        detail,
        ledgerAction: 'case.start',
      },
    ]);
    const rows = outbox();
    expect(rows).toHaveLength(1);
    const entry = JSON.parse(rows[0]?.entry ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ kind: 'audit', action: 'case.start', actorId: 'usr_1', subjectId: c.id, at: 7 });
    expect(entry.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.entry).not.toContain('王秀英');
  });

  it('writes no entry for a write that fails, and none for the projector (system)', async () => {
    const c = (await store.getCase('ten_a', 'case_outbox_1'))!;
    // A stale version: another operator moved the case on.
    await expect(
      store.updateCase({ ...c, assignee: 'usr_2', version: c.version }, [
        {
          id: 'hst_2',
          tenantId: 'ten_a',
          subjectId: c.id,
          at: 8,
          actor: 'usr_2',
          action: 'close',
          detail: {},
          ledgerAction: 'case.close',
        },
      ]),
    ).rejects.toThrow();
    await store.appendHistory([
      {
        id: 'hst_3',
        tenantId: 'ten_a',
        subjectId: c.id,
        at: 9,
        actor: 'system',
        action: 'alert',
        detail: {},
        ledgerAction: 'case.alert',
      },
    ]);
    expect(outbox()).toHaveLength(1);
  });
});
