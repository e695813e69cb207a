import type { Command } from 'commander';
import { roles } from '../store/index.ts';
import { bootstrapTenant, bootstrapUser, ruleSetHelp } from './admin.ts';

/**
 * `zhili tenant create` and `zhili user create`: the first commands of an installation, kept under
 * their old names. Both are the local administrator bootstrap (`zhili admin tenant-create`,
 * `zhili admin user-create`) and go on the audit ledger.
 */
export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('manage tenants (platforms) · 管理租户');
  tenant
    .command('create <name>')
    .description('create a tenant and print its API key once (local admin) · 创建租户并输出一次性 API 密钥')
    .option('--json', 'print {"tenantId","apiKey"} as JSON')
    .option('--time-zone <tz>', 'business time zone of the tenant', 'Asia/Shanghai')
    .option('--rule-set <name>', ruleSetHelp, 'default')
    .action((name: string, o: { json?: boolean; timeZone: string; ruleSet: string }, cmd: Command) =>
      bootstrapTenant(cmd, name, o),
    );

  const user = program
    .command('user')
    .description('create operators (local admin); see also `zhili users` · 创建操作员');
  user
    .command('create')
    .description('create an operator user (local admin, audited) · 创建操作员')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--username <name>', 'login name')
    .option('--roles <list>', `comma-separated roles: ${roles.join(', ')}`, 'analyst')
    .option('--password <password>', 'password (generated and printed when omitted)')
    .option('--json', 'print the result as JSON')
    .action((o: { tenant: string; username: string; roles: string; password?: string; json?: boolean }, cmd: Command) =>
      bootstrapUser(cmd, o),
    );
}
