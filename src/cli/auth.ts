import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  AccessAdmin,
  AccessService,
  allows,
  type AdminActor,
  type Permission,
  type Principal,
} from '../access/index.ts';
import { systemClock, systemIds, ZhiliError, type AuditSink } from '../kernel/index.ts';
import type { Stores } from '../runtime/index.ts';

export type Operator = Extract<Principal, { kind: 'operator' }>;

/** The access services of the command line, on the configured database, auditing to its ledger. */
export function cliAccess(stores: Pick<Stores, 'main' | 'accounts'>, audit: AuditSink): AccessService {
  return new AccessService({
    store: stores.main,
    accounts: stores.accounts,
    clock: systemClock,
    ids: systemIds(),
    audit,
  });
}

export const cliAdmin = (access: AccessService, stores: Pick<Stores, 'accounts'>): AccessAdmin =>
  new AccessAdmin(access, stores.accounts);

/** The local administrator (`zhili admin …`): whoever can open the data directory; named on the ledger. */
export function localAdmin(tenantId: string): AdminActor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    /* no passwd entry (containers): keep "unknown" */
  }
  return { tenantId, actorId: `local-admin:${who}`, bootstrap: true };
}

const noCredentials = () =>
  new ZhiliError('ZHILI_E_UNAUTHENTICATED', {
    message:
      'The command line needs credentials: set ZHILI_TOKEN (from `zhili login`), or give --tenant and --as with a password (prompt, ZHILI_PASSWORD or --password-stdin).',
    messageZh:
      '命令行需要凭证：设置 ZHILI_TOKEN（由 `zhili login` 获得），或提供 --tenant 和 --as 并输入密码（交互提示、ZHILI_PASSWORD 或 --password-stdin）。',
  });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
async function prompt(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  let out = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        for (const ch of d.toString('utf8')) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            stdin.off('data', onData);
            resolve(out);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            reject(new Error('cancelled · 已取消'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') out = out.slice(0, -1);
          else out += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

/** The password for `--as`: --password-stdin, else ZHILI_PASSWORD, else a prompt on a terminal. */
export async function cliPassword(cmd: Command, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (cmd.optsWithGlobals<{ passwordStdin?: boolean }>().passwordStdin) return readStdin();
  if (env.ZHILI_PASSWORD) return env.ZHILI_PASSWORD;
  if (process.stdin.isTTY) return prompt('Password 密码: ');
  throw noCredentials();
}

/**
 * Who is running this command: the operator of ZHILI_TOKEN (a session from `zhili login`), or
 * `--as` in `--tenant` with their password. Wrong passwords are throttled and audited as over HTTP.
 */
export async function cliOperator(
  access: AccessService,
  cmd: Command,
  who: { tenant?: string | undefined; as?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Operator> {
  const token = env.ZHILI_TOKEN;
  if (token) {
    const p = await access.authenticate(token);
    if (p.kind !== 'operator') throw noCredentials();
    if ((who.tenant && who.tenant !== p.tenantId) || (who.as && who.as !== p.username)) {
      throw new ZhiliError('ZHILI_E_FORBIDDEN', {
        message: `ZHILI_TOKEN belongs to ${p.username} in ${p.tenantId}, not the --tenant/--as given.`,
        messageZh: `ZHILI_TOKEN 属于 ${p.tenantId} 的 ${p.username}，与 --tenant/--as 不符。`,
      });
    }
    return p;
  }
  if (!who.tenant || !who.as) throw noCredentials();
  const password = await cliPassword(cmd, env);
  const u = await access.verifyCredentials(who.tenant, who.as, password, 'cli');
  await access.audit(u.tenantId, 'auth.cli', u.id);
  return { kind: 'operator', tenantId: u.tenantId, userId: u.id, username: u.username, roles: u.roles };
}

/** As cliOperator, and refuses an operator whose roles lack `permission`. */
export async function cliOperatorWith(
  access: AccessService,
  cmd: Command,
  who: { tenant?: string | undefined; as?: string | undefined },
  permission: Permission,
): Promise<Operator> {
  const p = await cliOperator(access, cmd, who);
  if (!allows(p, permission)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
  return p;
}
