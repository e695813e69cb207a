import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { actorOf, type AccessAdmin, type AccessService } from '../access/index.ts';
import { roles, type Role } from '../store/index.ts';
import { cliAccess, cliAdmin, cliOperatorWith, cliPassword, type Operator } from './auth.ts';
import { configFrom } from './global.ts';
import { auditedStores } from './ledger-audit.ts';

interface Who {
  tenant?: string;
  as?: string;
  json?: boolean;
}

export function parseRoles(list: string): Role[] {
  const wanted = list
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = wanted.filter((r) => !(roles as readonly string[]).includes(r));
  if (bad.length > 0) throw new Error(`unknown role(s) ${bad.join(', ')}; use ${roles.join(', ')} · 未知角色`);
  return wanted as Role[];
}

/** Opens the database and its ledger, runs `fn`, closes (signing a checkpoint of what was audited). */
export async function withAccess<T>(
  cmd: Command,
  fn: (access: AccessService, admin: AccessAdmin) => Promise<T>,
): Promise<T> {
  const a = await auditedStores(configFrom(cmd));
  try {
    const access = cliAccess(a.stores, a.sink);
    return await fn(access, cliAdmin(access, a.stores));
  } finally {
    await a.close();
  }
}

export function print(out: unknown, json: boolean | undefined, text: string): void {
  console.log(json ? JSON.stringify(out, null, 2) : text);
}

const who = (c: Command): Command =>
  c
    .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
    .option('--as <username>', 'act as this operator (not needed with ZHILI_TOKEN)')
    .option('--json', 'print JSON');

/** `zhili login` / `zhili logout`, `zhili users …` and `zhili keys …`: as an authenticated admin. */
export function registerOperatorCommands(program: Command): void {
  program
    .command('login')
    .description('log in and print a session token for ZHILI_TOKEN · 登录并输出会话令牌')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--as <username>', 'operator')
    .option('--json', 'print JSON')
    .action(async (o: Who, cmd: Command) => {
      const password = await cliPassword(cmd);
      const s = await withAccess(cmd, (access) => access.login(o.tenant ?? '', o.as ?? '', password, 'cli'));
      print(
        { token: s.token, expiresAt: s.expiresAt, user: s.user },
        o.json,
        `Logged in · 已登录: ${s.user.username} (${s.user.roles.join(',')}), until ${new Date(s.expiresAt).toISOString()}\n` +
          `export ZHILI_TOKEN=${s.token}`,
      );
    });
  program
    .command('logout')
    .description('end the session in ZHILI_TOKEN · 注销 ZHILI_TOKEN 的会话')
    .action(async (_o: unknown, cmd: Command) => {
      const token = process.env.ZHILI_TOKEN;
      if (!token) throw new Error('ZHILI_TOKEN is not set · 未设置 ZHILI_TOKEN');
      await withAccess(cmd, (access) => access.logout(token));
      console.log('Logged out · 已注销');
    });

  const users = program.command('users').description('operators of your tenant (admin) · 管理操作员');
  const asAdmin = (access: AccessService, cmd: Command, o: Who): Promise<Operator> =>
    cliOperatorWith(access, cmd, o, 'users:manage');
  const byName = async (admin: AccessAdmin, p: Operator, username: string) => {
    const u = (await admin.listUsers(actorOf(p))).find((x) => x.username === username);
    if (!u) throw new Error(`no operator "${username}" in tenant ${p.tenantId} · 该租户下没有此操作员`);
    return u;
  };

  who(users.command('list').description('list operators · 操作员列表')).action(async (o: Who, cmd: Command) =>
    withAccess(cmd, async (access, admin) => {
      const list = await admin.listUsers(actorOf(await asAdmin(access, cmd, o)));
      const text = list
        .map(
          (u) =>
            `${u.username}\t${u.id}\t${u.roles.join(',') || '-'}\t${u.disabled ? 'disabled 已停用' : 'active 正常'}`,
        )
        .join('\n');
      print(list, o.json, text || '(none · 无)');
    }),
  );
  who(users.command('create <username>').description('create an operator · 创建操作员'))
    .option('--roles <list>', `comma-separated: ${roles.join(', ')}`, 'analyst')
    .action(async (username: string, o: Who & { roles: string }, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        const p = await asAdmin(access, cmd, o);
        const wanted = parseRoles(o.roles);
        const password = randomBytes(12).toString('base64url');
        const u = await access.createUser({
          tenantId: p.tenantId,
          username,
          password,
          roles: wanted.filter((r) => r !== 'admin' && r !== 'approver'),
          actorId: p.userId,
        });
        const r = wanted.some((x) => x === 'admin' || x === 'approver')
          ? await admin.setRoles(actorOf(p), u.id, wanted)
          : undefined;
        const pending = r?.status === 'pending' ? r.grant.id : undefined;
        print(
          { ...u, password, ...(pending ? { pendingGrant: pending } : {}) },
          o.json,
          `User created · 操作员已创建: ${u.username} (${u.id}) roles=${u.roles.join(',')}\n` +
            `Password (shown once) · 密码（仅显示一次）: ${password}` +
            (pending
              ? `\nadmin/approver wait for a second admin · 待第二名管理员批准: zhili users approve ${pending}`
              : ''),
        );
      }),
    );
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    who(
      users.command(`${name} <username>`).description(disabled ? 'disable, ending sessions · 停用' : 'enable · 启用'),
    ).action(async (username: string, o: Who, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        const p = await asAdmin(access, cmd, o);
        const u = await admin.setDisabled(actorOf(p), (await byName(admin, p, username)).id, disabled);
        print(u, o.json, `${u.username}: ${disabled ? 'disabled 已停用' : 'enabled 已启用'}`);
      }),
    );
  }
  who(
    users.command('roles <username> <roles>').description('set roles; admin/approver need a second admin · 设置角色'),
  ).action(async (username: string, list: string, o: Who, cmd: Command) =>
    withAccess(cmd, async (access, admin) => {
      const p = await asAdmin(access, cmd, o);
      const r = await admin.setRoles(actorOf(p), (await byName(admin, p, username)).id, parseRoles(list));
      print(
        r,
        o.json,
        r.status === 'applied'
          ? `${username}: roles=${r.user.roles.join(',')} · 角色已更新`
          : `Waiting for a second admin · 待第二名管理员批准: zhili users approve ${r.grant.id}`,
      );
    }),
  );
  who(
    users.command('reset-password <username>').description('new password, printed once; ends sessions · 重置密码'),
  ).action(async (username: string, o: Who, cmd: Command) =>
    withAccess(cmd, async (access, admin) => {
      const p = await asAdmin(access, cmd, o);
      const password = randomBytes(12).toString('base64url');
      await admin.resetPassword(actorOf(p), (await byName(admin, p, username)).id, password);
      print({ username, password }, o.json, `New password (shown once) · 新密码（仅显示一次）: ${password}`);
    }),
  );
  who(users.command('grants').description('role grants waiting for a second admin · 待批准的角色授权'))
    .option('--all', 'also decided ones')
    .action(async (o: Who & { all?: boolean }, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        const list = await admin.listGrants(actorOf(await asAdmin(access, cmd, o)), o.all ? undefined : 'pending');
        print(
          list,
          o.json,
          list.map((g) => `${g.id}\t${g.userId}\t${g.roles.join(',')}\t${g.status}`).join('\n') || '(none · 无)',
        );
      }),
    );
  for (const [name, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    who(
      users
        .command(`${name} <grantId>`)
        .description(`${name} a role grant (a second admin) · ${approve ? '批准' : '拒绝'}角色授权`),
    ).action(async (grantId: string, o: Who, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        const g = await admin.decideGrant(actorOf(await asAdmin(access, cmd, o)), grantId, approve);
        print(g, o.json, `${g.id}: ${g.status}`);
      }),
    );
  }

  const keys = program.command('keys').description('API keys of your tenant (admin) · 管理 API 密钥');
  const keyAdmin = (access: AccessService, cmd: Command, o: Who) => cliOperatorWith(access, cmd, o, 'keys:manage');
  who(keys.command('list').description('list keys (never the keys themselves) · 密钥列表')).action(
    async (o: Who, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        const list = await admin.listKeys(actorOf(await keyAdmin(access, cmd, o)));
        const state = (k: (typeof list)[number]) =>
          k.revokedAt !== null
            ? 'revoked 已吊销'
            : k.expiresAt !== null
              ? `expires 到期 ${new Date(k.expiresAt).toISOString()}`
              : 'active 有效';
        print(
          list,
          o.json,
          list.map((k) => `${k.id}\t${k.prefix}…\t${k.label ?? ''}\t${state(k)}`).join('\n') || '(none · 无)',
        );
      }),
  );
  who(keys.command('create').description('create a key, printed once · 创建密钥'))
    .option('--label <text>', 'what the key is for')
    .action(async (o: Who & { label?: string }, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        const k = await admin.createKey(actorOf(await keyAdmin(access, cmd, o)), o.label);
        print(k, o.json, `API key (shown once) · API 密钥（仅显示一次）: ${k.apiKey}\nid: ${k.id}`);
      }),
    );
  who(keys.command('rotate <id>').description('a new key; the old one works for the grace period · 轮换密钥'))
    .option('--grace <seconds>', 'how long the old key keeps working (default 86400)', (v) => Number(v))
    .action(async (id: string, o: Who & { grace?: number }, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        const k = await admin.rotateKey(
          actorOf(await keyAdmin(access, cmd, o)),
          id,
          o.grace === undefined ? undefined : o.grace * 1000,
        );
        print(
          k,
          o.json,
          `New API key (shown once) · 新 API 密钥（仅显示一次）: ${k.apiKey}\nid: ${k.id}\n` +
            `old key works until · 旧密钥有效至 ${new Date(k.oldKeyExpiresAt).toISOString()}`,
        );
      }),
    );
  who(keys.command('revoke <id>').description('revoke a key at once · 立即吊销密钥')).action(
    async (id: string, o: Who, cmd: Command) =>
      withAccess(cmd, async (access, admin) => {
        await admin.revokeKey(actorOf(await keyAdmin(access, cmd, o)), id);
        print({ id, revoked: true }, o.json, `${id}: revoked · 已吊销`);
      }),
  );
}
