import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../src/store/adapters.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

const PW = 'correct horse battery';
let s: TestServer;

beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

async function ledgerSince(from: number): Promise<string> {
  const out: string[] = [];
  const size = await s.zhili.ledger.size();
  for (let i = from; i < size; i++) out.push((await s.zhili.ledger.entry(i))?.entry ?? '');
  return out.join('\n');
}

const login = (username: string, password = PW) =>
  s.call('POST', '/v1/auth/login', { tenantId: s.tenantId, username, password }, null);

describe('operators administration over HTTP', () => {
  it('lists, disables (ending sessions), enables and resets the password of operators, all on the ledger', async () => {
    const admin = await s.login(['admin'], 'adm.one');
    const victimToken = await s.login(['analyst'], 'li.na');
    const before = await s.zhili.ledger.size();
    const list = await s.call('GET', '/v1/users', undefined, admin);
    expect(list.status).toBe(200);
    const li = list.body.users.find((u: { username: string }) => u.username === 'li.na');
    expect(li).toMatchObject({ roles: ['analyst'], disabled: false });
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/);
    expect(list.headers.get('cache-control')).toBe('no-store');

    expect((await s.call('POST', `/v1/users/${li.id}/disable`, undefined, admin)).body.disabled).toBe(true);
    expect((await s.call('GET', '/v1/me', undefined, victimToken)).status).toBe(401);
    expect((await login('li.na')).status).toBe(401);
    expect((await s.call('POST', `/v1/users/${li.id}/enable`, undefined, admin)).body.disabled).toBe(false);
    expect((await login('li.na')).status).toBe(200);

    const reset = await s.call('POST', `/v1/users/${li.id}/password`, { password: 'a brand new secret' }, admin);
    expect(reset.status).toBe(204);
    expect((await login('li.na')).status).toBe(401);
    expect((await login('li.na', 'a brand new secret')).status).toBe(200);

    const ledger = await ledgerSince(before);
    for (const action of ['user.disable', 'user.enable', 'user.password_reset']) expect(ledger).toContain(action);
    // An analyst administers nobody.
    const analyst = (await login('li.na', 'a brand new secret')).body.token as string;
    expect((await s.call('GET', '/v1/users', undefined, analyst)).status).toBe(403);
  });

  it('granting admin or approver needs a second administrator (four eyes)', async () => {
    const a1 = await s.login(['admin'], 'adm.a');
    const a2 = await s.login(['admin'], 'adm.b');
    await s.login(['analyst'], 'zhao.lei');
    const users = (await s.call('GET', '/v1/users', undefined, a1)).body.users as { id: string; username: string }[];
    const zhao = users.find((u) => u.username === 'zhao.lei')!;
    const before = await s.zhili.ledger.size();

    // Taking roles away or granting analyst/auditor applies at once.
    const direct = await s.call('PUT', `/v1/users/${zhao.id}/roles`, { roles: ['analyst', 'auditor'] }, a1);
    expect(direct.status).toBe(200);
    expect(direct.body.user.roles).toEqual(['analyst', 'auditor']);

    const proposed = await s.call('PUT', `/v1/users/${zhao.id}/roles`, { roles: ['analyst', 'approver'] }, a1);
    expect(proposed.status).toBe(202);
    const grantId = proposed.body.grant.id as string;
    const me = async () => (await s.call('GET', '/v1/me', undefined, (await login('zhao.lei')).body.token)).body;
    expect((await me()).roles).toEqual(['analyst', 'auditor']);

    const self = await s.call('POST', `/v1/role-grants/${grantId}/approve`, undefined, a1);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    const pending = await s.call('GET', '/v1/role-grants?status=pending', undefined, a2);
    expect(pending.body.grants.map((g: { id: string }) => g.id)).toContain(grantId);

    const ok = await s.call('POST', `/v1/role-grants/${grantId}/approve`, undefined, a2);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'approved',
      proposedBy: expect.any(String),
      decidedBy: expect.any(String),
    });
    expect((await me()).roles).toEqual(['analyst', 'approver']);
    expect((await s.call('POST', `/v1/role-grants/${grantId}/approve`, undefined, a2)).status).toBe(409);

    // Creating an operator with admin: created without it, and the grant waits.
    const created = await s.call('POST', '/v1/users', { username: 'new.admin', password: PW, roles: ['admin'] }, a1);
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual([]);
    expect(created.body.pendingGrant).toMatch(/^grt_/);

    const ledger = await ledgerSince(before);
    for (const action of ['user.roles_change', 'user.roles_proposed', 'user.roles_granted', 'user.create'])
      expect(ledger).toContain(action);
  });
});

describe('API keys over HTTP', () => {
  it('lists, creates, rotates with overlap and revokes keys; every step on the ledger', async () => {
    const admin = await s.login(['admin'], 'key.admin');
    const send = (key: string) => s.call('POST', '/v1/events', event(), key);
    expect((await send(s.apiKey)).status).toBe(200);
    const before = await s.zhili.ledger.size();

    const listed = await s.call('GET', '/v1/api-keys', undefined, admin);
    expect(listed.status).toBe(200);
    expect(listed.body.keys).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(s.apiKey);
    const original = listed.body.keys[0].id as string;

    const created = await s.call('POST', '/v1/api-keys', { label: 'batch uploader' }, admin);
    expect(created.status).toBe(201);
    expect((await send(created.body.apiKey)).status).toBe(200);

    // Rotation with a grace period: both keys work until the old one expires.
    const rotated = await s.call('POST', `/v1/api-keys/${original}/rotate`, { graceSeconds: 3600 }, admin);
    expect(rotated.status).toBe(201);
    expect(rotated.body.oldKeyExpiresAt).toBeGreaterThan(Date.now());
    expect((await send(s.apiKey)).status).toBe(200);
    expect((await send(rotated.body.apiKey)).status).toBe(200);

    // Rotation without grace: the old key stops at once.
    const second = await s.call('POST', `/v1/api-keys/${created.body.id}/rotate`, { graceSeconds: 0 }, admin);
    expect(second.status).toBe(201);
    expect((await send(created.body.apiKey)).status).toBe(401);
    expect((await send(second.body.apiKey)).status).toBe(200);

    // Revocation is immediate.
    expect((await s.call('POST', `/v1/api-keys/${rotated.body.id}/revoke`, undefined, admin)).status).toBe(204);
    expect((await send(rotated.body.apiKey)).status).toBe(401);
    expect((await s.call('POST', `/v1/api-keys/${rotated.body.id}/revoke`, undefined, admin)).status).toBe(409);

    const keys = (await s.call('GET', '/v1/api-keys', undefined, admin)).body.keys as {
      id: string;
      revokedAt: number | null;
      expiresAt: number | null;
      replacedBy: string | null;
    }[];
    expect(keys.find((k) => k.id === rotated.body.id)?.revokedAt).toEqual(expect.any(Number));
    expect(keys.find((k) => k.id === original)?.replacedBy).toBe(rotated.body.id);

    const ledger = await ledgerSince(before);
    for (const action of ['apikey.create', 'apikey.rotate', 'apikey.revoke']) expect(ledger).toContain(action);
    expect(ledger).not.toContain(created.body.apiKey);

    // Keys are an admin's business: not an analyst's, not an API key's.
    const analyst = await s.login(['analyst'], 'key.analyst');
    expect((await s.call('GET', '/v1/api-keys', undefined, analyst)).status).toBe(403);
    expect((await s.call('GET', '/v1/api-keys', undefined, second.body.apiKey)).status).toBe(403);
  });
  it('an operator row edited to an unknown role is refused on read as an internal error, not served', async () => {
    const admin = await s.login(['admin'], 'adm.shape');
    await s.login(['analyst'], 'shape.op');
    const db = sqliteDriver(join(s.dataDir, 'zhili.db'));
    try {
      await db.run('UPDATE users SET roles = ? WHERE username = ?', ['["analyst","root"]', 'shape.op']);
      const list = await s.call('GET', '/v1/users', undefined, admin);
      expect([list.status, list.body.error.code]).toEqual([500, 'ZHILI_E_INTERNAL']);
      expect(JSON.stringify(list.body)).not.toContain('root');
      await db.run('UPDATE users SET roles = ? WHERE username = ?', ['["analyst"]', 'shape.op']);
      expect((await s.call('GET', '/v1/users', undefined, admin)).status).toBe(200);
    } finally {
      await db.close();
    }
  });
});
