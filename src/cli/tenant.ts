import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { roles, type Role } from '../store/index.ts';
import { openCliStores, provisionTenant, provisionUser } from '../runtime/index.ts';
import { configFrom } from './global.ts';

export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('manage tenants (platforms) · 管理租户');
  tenant
    .command('create <name>')
    .description('create a tenant and print its API key once · 创建租户并输出一次性 API 密钥')
    .option('--json', 'print {"tenantId","apiKey"} as JSON')
    .option('--time-zone <tz>', 'business time zone of the tenant', 'Asia/Shanghai')
    .action(async (name: string, opts: { json?: boolean; timeZone: string }, cmd: Command) => {
      const config = configFrom(cmd);
      const stores = await openCliStores(config);
      const store = stores.main;
      try {
        const { tenant: t, apiKey } = await provisionTenant(store, name, opts.timeZone);
        if (opts.json) {
          console.log(JSON.stringify({ tenantId: t.id, apiKey }));
        } else {
          console.log(`Tenant created · 租户已创建: ${t.name} (${t.id})`);
          console.log(`API key (shown once, store it safely) · API 密钥（仅显示一次）: ${apiKey}`);
        }
      } finally {
        await stores.close();
      }
    });

  const user = program.command('user').description('manage operators · 管理操作员');
  user
    .command('create')
    .description('create an operator user · 创建操作员')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--username <name>', 'login name')
    .option('--roles <list>', `comma-separated roles: ${roles.join(', ')}`, 'analyst')
    .option('--password <password>', 'password (generated and printed when omitted)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        opts: { tenant: string; username: string; roles: string; password?: string; json?: boolean },
        cmd: Command,
      ) => {
        const wanted = opts.roles.split(',').map((r) => r.trim());
        const bad = wanted.filter((r) => !(roles as readonly string[]).includes(r));
        if (bad.length > 0) throw new Error(`unknown role(s) ${bad.join(', ')}; use ${roles.join(', ')}`);
        const password = opts.password ?? randomBytes(12).toString('base64url');
        const stores = await openCliStores(configFrom(cmd));
        const store = stores.main;
        try {
          const u = await provisionUser(store, {
            tenantId: opts.tenant,
            username: opts.username,
            password,
            roles: wanted as Role[],
          });
          if (opts.json) console.log(JSON.stringify({ ...u, ...(opts.password ? {} : { password }) }));
          else {
            console.log(`User created · 操作员已创建: ${u.username} (${u.id}) roles=${u.roles.join(',')}`);
            if (!opts.password) console.log(`Password (shown once) · 密码（仅显示一次）: ${password}`);
          }
        } finally {
          await stores.close();
        }
      },
    );
}
