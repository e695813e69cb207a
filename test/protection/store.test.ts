import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openPostgresComplaintStore,
  openSqliteComplaintStore,
  sqlComplaintStore,
} from '../../src/protection/adapters.ts';
import { sqliteDriver } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { complaintStoreContract } from './store.contract.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-complaints-')), 'zhili.db');
complaintStoreContract('SQLite (file, WAL, synchronous=FULL)', async () => {
  const store = openSqliteComplaintStore(file);
  await store.migrate();
  return store;
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_complaints');
if (available) {
  complaintStoreContract('PostgreSQL', async () => {
    const store = openPostgresComplaintStore(pgUrl, { schema });
    await store.migrate();
    return store;
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('ComplaintStore contract: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}

describe('ComplaintStore with an audit outbox', () => {
  it('queues the audit entry in the write; a refused write queues none', async () => {
    const d = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-complaints-outbox-')), 'zhili.db'));
    await d.exec('CREATE TABLE test_outbox (action TEXT NOT NULL)');
    const store = sqlComplaintStore(d, {
      outbox: (x, e) => x.run('INSERT INTO test_outbox (action) VALUES (?)', [e.action]).then(() => undefined),
    });
    await store.migrate();
    expect(store.auditsInTransaction).toBe(true);
    const audit = (action: string) => [{ tenantId: 't', action, actorId: 'op', at: 1 }];
    const c = {
      tenantId: 't',
      id: 'cmp_1',
      customerId: 'c',
      channel: 'api' as const,
      category: 'B05',
      cause: 'C05',
      links: { eventIds: [], loanIds: [] },
      regulator: 'pboc',
      timeZone: 'Asia/Shanghai',
      receivedAt: 1,
      complexity: 'normal' as const,
      state: 'decision_approved' as const,
      reopened: 0,
      version: 1,
      contentHash: '',
    };
    const h = {
      tenantId: 't',
      complaintId: 'cmp_1',
      seq: 1,
      action: 'file' as const,
      actorId: 'op',
      from: null,
      to: c.state,
      at: 1,
      dataHash: 'x',
    };
    await store.create(c, h, undefined, audit('complaint.filed'));
    const next = { ...c, state: 'communicated' as const, version: 2 };
    const payout = {
      tenantId: 't',
      id: 'r1',
      kind: 'payout' as const,
      amountMinor: -100,
      currency: 'CNY',
      actorId: 'op',
      at: 2,
    };
    await expect(
      store.update(next, { ...h, seq: 2, to: next.state }, payout, audit('complaint.communicate')),
    ).rejects.toThrow();
    await expect(
      store.update({ ...c, version: 5 }, { ...h, seq: 5 }, undefined, audit('complaint.stale')),
    ).rejects.toThrow();
    expect((await d.all('SELECT action FROM test_outbox')).map((r) => r.action)).toEqual(['complaint.filed']);
    await d.close();
  });
});
