import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../src/runtime/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let file: string;
const list = (entries: object[]) => writeFileSync(file, JSON.stringify(entries));
const SYSTEM_TENANT = 'ten_operator_system';

/** An admin of the tenant the configuration names as a system tenant. */
async function systemAdmin(): Promise<string> {
  await s.zhili.store.createTenant(
    { id: SYSTEM_TENANT, name: 'Platform operator 平台运营方', timeZone: 'Asia/Shanghai', createdAt: Date.now() },
    { keyHash: 'f'.repeat(64), tenantId: SYSTEM_TENANT, prefix: 'zk_sys', createdAt: Date.now() },
  );
  const password = 'correct horse battery';
  await provisionUser(s.zhili.store, { tenantId: SYSTEM_TENANT, username: 'sysadmin', password, roles: ['admin'] });
  const r = await s.call('POST', '/v1/auth/login', { tenantId: SYSTEM_TENANT, username: 'sysadmin', password }, null);
  if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'zhili-reload-')), 'watch.json');
  list([{ id: 'W-1', name: 'Ivan Petrovich Sidorov', kind: 'person' }]);
  s = await startServer({ screeningLists: `generic=${file}#watch`, config: { systemTenants: SYSTEM_TENANT } });
});
afterAll(async () => {
  await s.close();
});

const pay = (name: string) =>
  event({
    type: 'payment',
    amount: { value: '10.00', currency: 'CNY' },
    creditor: { partyId: `m-${name.length}-${Date.now()}`, partyType: 'person', accountId: 'm', name },
  });

describe('list reload', () => {
  it('is a system administrator action: a tenant admin cannot reload lists or read reload jobs', async () => {
    const tenantAdmin = await s.login(['admin']);
    const sys = await systemAdmin();
    const denied = await s.call('POST', '/v1/screening/lists:reload', undefined, tenantAdmin);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ZHILI_E_FORBIDDEN');
    expect((await s.call('POST', '/v1/screening/lists:reload', undefined, s.apiKey)).status).toBe(403);
    const job = await s.call('POST', '/v1/screening/lists:reload', undefined, sys);
    expect(job.status).toBe(202);
    expect((await s.call('GET', `/v1/screening/reloads/${job.body.id}`, undefined, tenantAdmin)).status).toBe(403);
    expect((await s.call('GET', `/v1/screening/reloads/${job.body.id}`, undefined, sys)).status).toBe(200);
  });

  it('re-reads the lists: unchanged lists change nothing, a changed list applies to decisions at once', async () => {
    const sys = (
      await s.call(
        'POST',
        '/v1/auth/login',
        {
          tenantId: SYSTEM_TENANT,
          username: 'sysadmin',
          password: 'correct horse battery',
        },
        null,
      )
    ).body.token as string;
    const analyst = await s.login(['analyst']);
    expect((await s.call('POST', '/v1/screening/lists:reload', undefined, analyst)).status).toBe(403);

    const same = await s.call('POST', '/v1/screening/lists:reload', undefined, sys);
    expect(same.status).toBe(202);
    expect(same.body).toMatchObject({ status: 'done', changed: [] });

    expect((await s.call('POST', '/v1/events', pay('Olga Nikolaevna Smirnova'))).body.outcome).toBe('allow');
    list([
      { id: 'W-1', name: 'Ivan Petrovich Sidorov', kind: 'person' },
      { id: 'W-2', name: 'Olga Nikolaevna Smirnova', kind: 'person' },
    ]);
    const changed = await s.call('POST', '/v1/screening/lists:reload', undefined, sys);
    expect(changed.body.changed).toHaveLength(1);
    let job = changed.body;
    for (let i = 0; i < 50 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await s.call('GET', `/v1/screening/reloads/${job.id}`, undefined, sys)).body;
    }
    expect(job.status).toBe('done');
    const after = await s.call('POST', '/v1/events', pay('Olga Nikolaevna Smirnova'));
    expect(after.body.outcome).toBe('block');
  });
});
