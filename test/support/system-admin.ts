import { provisionUser } from '../../src/runtime/index.ts';
import type { TestServer } from './server.ts';

/** The tenant id tests name in `systemTenants`: its admins are system administrators. */
export const SYSTEM_TENANT = 'ten_operator_system';

/** Creates the system tenant (once) with an admin, and logs the admin in. */
export async function systemAdminToken(s: TestServer): Promise<string> {
  const password = 'correct horse battery';
  if (!(await s.zhili.store.getTenant(SYSTEM_TENANT))) {
    const now = Date.now();
    await s.zhili.store.createTenant(
      { id: SYSTEM_TENANT, name: 'Platform operator 平台运营方', timeZone: 'Asia/Shanghai', createdAt: now },
      { keyHash: 'f'.repeat(64), tenantId: SYSTEM_TENANT, prefix: 'zk_sys', createdAt: now },
    );
    await provisionUser(s.zhili.store, { tenantId: SYSTEM_TENANT, username: 'sysadmin', password, roles: ['admin'] });
  }
  const r = await s.call('POST', '/v1/auth/login', { tenantId: SYSTEM_TENANT, username: 'sysadmin', password }, null);
  if (r.status !== 200) throw new Error(`system admin login failed: ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Reloads the lists as a system administrator and waits for the re-screening to finish. */
export async function reloadLists(s: TestServer, token: string): Promise<{ status: string; changed: string[] }> {
  let job = (await s.call('POST', '/v1/screening/lists:reload', undefined, token)).body;
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await s.call('GET', `/v1/screening/reloads/${job.id}`, undefined, token)).body;
  }
  return job;
}
