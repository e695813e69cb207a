import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { provisionTenant, provisionUser } from '../runtime/index.ts';
import { roles } from '../store/index.ts';
import { builtInRuleSets, isBuiltInRuleSet } from '../monitoring/index.ts';
import { localAdmin } from './auth.ts';
import { configFrom } from './global.ts';
import { auditedStores } from './ledger-audit.ts';
import { parseRoles, print, withAccess } from './operators.ts';

/**
 * The local administrator bootstrap: whoever can open the data directory (or the database) may create
 * tenants and operators, reset a password or set roles without logging in — the only commands that
 * need no credentials. Each is on the audit ledger as `local-admin:<os user>`.
 */

export async function bootstrapTenant(
  cmd: Command,
  name: string,
  o: { json?: boolean; timeZone: string; ruleSet: string },
): Promise<void> {
  if (!isBuiltInRuleSet(o.ruleSet))
    throw new Error(
      `--rule-set: "${o.ruleSet}" is not one of ${builtInRuleSets.join(', ')} · 规则集须为 ${builtInRuleSets.join('、')} 之一`,
    );
  const a = await auditedStores(configFrom(cmd));
  try {
    const { tenant: t, apiKey } = await provisionTenant(a.stores.main, name, o.timeZone, {
      audit: a.sink,
      actorId: localAdmin('').actorId,
      ruleSet: o.ruleSet,
    });
    if (o.json) console.log(JSON.stringify({ tenantId: t.id, apiKey }));
    else {
      console.log(`Tenant created · 租户已创建: ${t.name} (${t.id})`);
      console.log(`API key (shown once, store it safely) · API 密钥（仅显示一次）: ${apiKey}`);
    }
  } finally {
    await a.close();
  }
}

export async function bootstrapUser(
  cmd: Command,
  o: { tenant: string; username: string; roles: string; password?: string; json?: boolean },
): Promise<void> {
  const wanted = parseRoles(o.roles);
  const password = o.password ?? randomBytes(12).toString('base64url');
  const a = await auditedStores(configFrom(cmd));
  try {
    const u = await provisionUser(
      a.stores.main,
      { tenantId: o.tenant, username: o.username, password, roles: wanted },
      { audit: a.sink, actorId: localAdmin(o.tenant).actorId },
    );
    if (o.json) console.log(JSON.stringify({ ...u, ...(o.password ? {} : { password }) }));
    else {
      console.log(`User created · 操作员已创建: ${u.username} (${u.id}) roles=${u.roles.join(',')}`);
      if (!o.password) console.log(`Password (shown once) · 密码（仅显示一次）: ${password}`);
    }
  } finally {
    await a.close();
  }
}

const userOf = async (admin: Parameters<Parameters<typeof withAccess>[1]>[1], tenant: string, username: string) => {
  const u = (await admin.listUsers(localAdmin(tenant))).find((x) => x.username === username);
  if (!u) throw new Error(`no operator "${username}" in tenant ${tenant} · 该租户下没有此操作员`);
  return u;
};

export const ruleSetHelp = `rule set to start with: ${builtInRuleSets.join(', ')} (tazama-compat: Tazama's sample rules 901 and EFRuP, XTS accepted) · 初始规则集`;

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command('admin')
    .description(
      'local administrator bootstrap against the data directory, audited · 本地管理员（需数据目录权限，记入审计账本）',
    );
  admin
    .command('tenant-create <name>')
    .description('create a tenant and print its API key once · 创建租户')
    .option('--json', 'print {"tenantId","apiKey"} as JSON')
    .option('--time-zone <tz>', 'business time zone of the tenant', 'Asia/Shanghai')
    .option('--rule-set <name>', ruleSetHelp, 'default')
    .action((name: string, o: { json?: boolean; timeZone: string; ruleSet: string }, cmd: Command) =>
      bootstrapTenant(cmd, name, o),
    );
  admin
    .command('user-create')
    .description('create an operator, any roles (no second admin needed) · 创建操作员')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--username <name>', 'login name')
    .option('--roles <list>', `comma-separated roles: ${roles.join(', ')}`, 'analyst')
    .option('--json', 'print the result as JSON')
    .action((o: { tenant: string; username: string; roles: string; json?: boolean }, cmd: Command) =>
      bootstrapUser(cmd, o),
    );
  admin
    .command('reset-password')
    .description("set a new password (printed once), end the operator's sessions · 重置密码")
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--username <name>', 'login name')
    .option('--json', 'print JSON')
    .action(async (o: { tenant: string; username: string; json?: boolean }, cmd: Command) =>
      withAccess(cmd, async (_access, adm) => {
        const password = randomBytes(12).toString('base64url');
        await adm.resetPassword(localAdmin(o.tenant), (await userOf(adm, o.tenant, o.username)).id, password);
        print(
          { username: o.username, password },
          o.json,
          `New password (shown once) · 新密码（仅显示一次）: ${password}`,
        );
      }),
    );
  admin
    .command('set-roles')
    .description('set roles directly (bootstrap: no second admin) · 直接设置角色')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--roles <list>', `comma-separated roles: ${roles.join(', ')}`)
    .option('--json', 'print JSON')
    .action(async (o: { tenant: string; username: string; roles: string; json?: boolean }, cmd: Command) =>
      withAccess(cmd, async (_access, adm) => {
        const r = await adm.setRoles(
          localAdmin(o.tenant),
          (await userOf(adm, o.tenant, o.username)).id,
          parseRoles(o.roles),
        );
        print(r, o.json, `${o.username}: roles=${o.roles} · 角色已更新`);
      }),
    );
  admin
    .command('enable')
    .description('enable a disabled operator · 启用操作员')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--username <name>', 'login name')
    .action(async (o: { tenant: string; username: string }, cmd: Command) =>
      withAccess(cmd, async (_access, adm) => {
        await adm.setDisabled(localAdmin(o.tenant), (await userOf(adm, o.tenant, o.username)).id, false);
        console.log(`${o.username}: enabled · 已启用`);
      }),
    );
}
