/**
 * Operator and API-key administration writes its audit-ledger entry in the action's own transaction:
 * a committed action always has its outbox row, an action that does not happen (a grant already
 * decided) has none.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/access/adapters.ts';
import { enqueueAudit } from '../../src/ledger/index.ts';
import { openSqliteLedgerStore } from '../../src/ledger/adapters.ts';
import { openSqliteStore, sqliteDriver } from '../../src/store/adapters.ts';

const file = join(mkdtempSync(join(tmpdir(), 'zhili-admin-outbox-')), 'zhili.db');
let accounts: AccountStore;
const actions = (): string[] => {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT entry FROM ledger_outbox ORDER BY id').all() as { entry: string }[];
  db.close();
  return rows.map((r) => (JSON.parse(r.entry) as { action: string }).action);
};
const rec = (action: string, at = 5) => ({ tenantId: 'ten_a', action, actorId: 'usr_admin', subjectId: 'usr_1', at });

beforeAll(async () => {
  const main = openSqliteStore(file, { writerThread: false });
  await main.migrate();
  await main.createTenant(
    { id: 'ten_a', name: 'A', timeZone: 'Asia/Shanghai', createdAt: 1 },
    { keyHash: 'kh_a', tenantId: 'ten_a', prefix: 'zk_a', createdAt: 1 },
  );
  await main.createUser({
    id: 'usr_1',
    tenantId: 'ten_a',
    username: 'li.lei',
    passwordHash: 'x',
    roles: ['analyst'],
    createdAt: 1,
  });
  await main.close();
  const ledger = openSqliteLedgerStore(file);
  await ledger.migrate();
  await ledger.close();
  accounts = new AccountStore(sqliteDriver(file), { outbox: enqueueAudit });
  await accounts.migrate();
});
afterAll(async () => accounts.close());

describe('operator administration and the audit outbox', () => {
  it('queues each action with its write', async () => {
    expect(accounts.auditsInTransaction).toBe(true);
    await accounts.setDisabled('ten_a', 'usr_1', true, 'usr_admin', 5, rec('user.disable'));
    await accounts.setRoles('ten_a', 'usr_1', ['auditor'], rec('user.roles_change'));
    await accounts.setPasswordHash('ten_a', 'usr_1', 'y', rec('user.password_reset'));
    const key = {
      keyHash: 'kh_b',
      tenantId: 'ten_a',
      prefix: 'zk_b',
      createdAt: 6,
      label: null,
      createdBy: 'usr_admin',
    };
    await accounts.addKey(key, undefined, rec('apikey.create'));
    await accounts.revokeKey('ten_a', 'kh_b', 'usr_admin', 7, rec('apikey.revoke'));
    expect(actions()).toEqual([
      'user.disable',
      'user.roles_change',
      'user.password_reset',
      'apikey.create',
      'apikey.revoke',
    ]);
  });

  it('queues nothing for an action that does not happen', async () => {
    const grant = {
      id: 'grt_1',
      tenantId: 'ten_a',
      userId: 'usr_1',
      roles: ['approver' as const],
      status: 'pending' as const,
      proposedBy: 'usr_admin',
      proposedAt: 8,
      decidedBy: null,
      decidedAt: null,
    };
    await accounts.proposeGrant(grant, rec('user.roles_proposed'));
    expect(await accounts.decideGrant(grant, true, 'usr_admin2', 9, rec('user.roles_granted'))).toBe(true);
    // Decided already: the second decision changes nothing and leaves no entry.
    expect(await accounts.decideGrant(grant, false, 'usr_admin3', 10, rec('user.roles_rejected'))).toBe(false);
    // A key that already exists fails its insert: the transaction, entry included, rolls back.
    const dup = { keyHash: 'kh_b', tenantId: 'ten_a', prefix: 'zk_b', createdAt: 11, label: null, createdBy: 'x' };
    await expect(accounts.addKey(dup, undefined, rec('apikey.create'))).rejects.toThrow();
    expect(actions().slice(-3)).toEqual(['apikey.revoke', 'user.roles_proposed', 'user.roles_granted']);
  });

  it('queues a rule-set step with its transition, and nothing for a refused one', async () => {
    const main = openSqliteStore(file, { writerThread: false });
    const row = (action: string) => ({
      tenantId: 'ten_a',
      entry: JSON.stringify({ kind: 'audit', action }),
      createdAt: 12,
    });
    await main.putRuleSet(
      {
        tenantId: 'ten_a',
        version: 'v-outbox',
        content: {},
        createdAt: 12,
        createdBy: 'usr_1',
        active: false,
        status: 'draft',
      },
      row('ruleset.create'),
    );
    const step = { tenantId: 'ten_a', version: 'v-outbox', actorId: 'usr_1', at: 13 };
    await main.transitionRuleSet({
      ...step,
      action: 'submit',
      from: ['draft'],
      to: 'submitted',
      outbox: row('ruleset.submit'),
    });
    // Not approved yet: activation is refused, and so is its entry.
    await expect(
      main.transitionRuleSet({
        ...step,
        action: 'activate',
        from: ['approved'],
        to: 'active',
        outbox: row('ruleset.activate'),
      }),
    ).rejects.toMatchObject({ code: 'ZHILI_E_RULESET_TRANSITION' });
    await main.close();
    expect(actions().slice(-2)).toEqual(['ruleset.create', 'ruleset.submit']);
  });
});
