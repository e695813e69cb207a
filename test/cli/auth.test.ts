import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const PW = 'correct horse battery';
let s: TestServer;

beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

/** Runs the CLI with only the environment given (no inherited ZHILI_* credentials); stdin is a pipe. */
function zhili(
  args: string[],
  opts: { env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env };
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(root, 'bin/zhili.js'), '--data-dir', s.dataDir, ...args], {
      cwd: root,
      env,
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.end(opts.stdin ?? '');
  });
}

async function ledgerSince(from: number): Promise<string> {
  const out: string[] = [];
  const size = await s.zhili.ledger.size();
  for (let i = from; i < size; i++) out.push((await s.zhili.ledger.entry(i))?.entry ?? '');
  return out.join('\n');
}

describe('the CLI authenticates who runs it', () => {
  // Each CLI run starts a Node process with tsx: seconds each on a busy machine.
  it('refuses --as without credentials, and a wrong password; accepts ZHILI_PASSWORD, --password-stdin and a ZHILI_TOKEN from zhili login', async () => {
    await s.login(['analyst'], 'cli.reader');
    const as = ['--tenant', s.tenantId, '--as', 'cli.reader', '--json'];
    const bare = await zhili(['cases', 'list', ...as]);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('ZHILI_E_UNAUTHENTICATED');
    expect(bare.stderr).toMatch(/ZHILI_TOKEN/);
    expect(bare.stderr).toMatch(/命令行需要凭证/);

    const wrong = await zhili(['cases', 'list', ...as], { env: { ZHILI_PASSWORD: 'not the password' } });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('ZHILI_E_UNAUTHENTICATED');

    const env = await zhili(['cases', 'list', ...as], { env: { ZHILI_PASSWORD: PW } });
    expect(env.code, env.stderr).toBe(0);
    expect(JSON.parse(env.stdout)).toEqual(expect.any(Array));

    const login = await zhili(['login', '--tenant', s.tenantId, '--as', 'cli.reader', '--password-stdin', '--json'], {
      stdin: PW,
    });
    expect(login.code, login.stderr).toBe(0);
    const token = JSON.parse(login.stdout).token as string;
    expect(token).toMatch(/^zs_/);
    const withToken = await zhili(['cases', 'list', '--json'], { env: { ZHILI_TOKEN: token } });
    expect(withToken.code, withToken.stderr).toBe(0);
    // The same session works over HTTP; an analyst administers nobody from the CLI either.
    expect((await s.call('GET', '/v1/me', undefined, token)).body.username).toBe('cli.reader');
    const notAdmin = await zhili(['users', 'list', '--json'], { env: { ZHILI_TOKEN: token } });
    expect(notAdmin.code).not.toBe(0);
    expect(notAdmin.stderr).toContain('ZHILI_E_FORBIDDEN');
  }, 600_000);

  it('administers operators and keys from the CLI: four eyes for admin, rotation and revocation, all on the ledger', async () => {
    await s.login(['admin'], 'cli.adm1');
    await s.login(['admin'], 'cli.adm2');
    await s.login(['analyst'], 'cli.target');
    const before = await s.zhili.ledger.size();
    const adm = (who: string, args: string[]) =>
      zhili([...args, '--tenant', s.tenantId, '--as', who, '--json'], { env: { ZHILI_PASSWORD: PW } });

    const proposed = await adm('cli.adm1', ['users', 'roles', 'cli.target', 'analyst,admin']);
    expect(proposed.code, proposed.stderr).toBe(0);
    const grant = JSON.parse(proposed.stdout).grant.id as string;
    const self = await adm('cli.adm1', ['users', 'approve', grant]);
    expect(self.code).not.toBe(0);
    expect(self.stderr).toContain('ZHILI_E_FOUR_EYES');
    const second = await adm('cli.adm2', ['users', 'approve', grant]);
    expect(second.code, second.stderr).toBe(0);
    const users = JSON.parse((await adm('cli.adm2', ['users', 'list'])).stdout) as {
      username: string;
      roles: string[];
    }[];
    expect(users.find((u) => u.username === 'cli.target')?.roles).toEqual(['analyst', 'admin']);

    const created = JSON.parse((await adm('cli.adm1', ['keys', 'create', '--label', 'cli'])).stdout);
    const sendWith = (key: string) => s.call('POST', '/v1/events', event(), key);
    expect((await sendWith(created.apiKey)).status).toBe(200);
    const rotated = JSON.parse((await adm('cli.adm1', ['keys', 'rotate', created.id, '--grace', '0'])).stdout);
    // The server caches a key for at most a few seconds; the CLI is another process.
    await new Promise((r) => setTimeout(r, 5_500));
    expect((await sendWith(created.apiKey)).status).toBe(401);
    expect((await sendWith(rotated.apiKey)).status).toBe(200);
    expect((await adm('cli.adm1', ['keys', 'revoke', rotated.id])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 5_500));
    expect((await sendWith(rotated.apiKey)).status).toBe(401);

    const ledger = await ledgerSince(before);
    for (const a of [
      'user.roles_proposed',
      'user.roles_granted',
      'apikey.create',
      'apikey.rotate',
      'apikey.revoke',
      'auth.cli',
    ])
      expect(ledger).toContain(a);
  }, 600_000);

  it('the local administrator bootstrap needs no credentials and is on the ledger', async () => {
    const before = await s.zhili.ledger.size();
    const t = await zhili(['tenant', 'create', 'CLI Pay 命令行支付', '--json']);
    expect(t.code, t.stderr).toBe(0);
    const tenantId = JSON.parse(t.stdout).tenantId as string;
    const u = await zhili([
      'admin',
      'user-create',
      '--tenant',
      tenantId,
      '--username',
      'boot.admin',
      '--roles',
      'admin',
      '--json',
    ]);
    expect(u.code, u.stderr).toBe(0);
    const ledger = await ledgerSince(before);
    expect(ledger).toContain('tenant.create');
    expect(ledger).toContain('user.create');
    expect(ledger).toContain('local-admin:');
  }, 300_000);

  it('zhili serve exits non-zero with a clear message when its port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'zhili-port-'));
      const r = await zhili(['--data-dir', dir, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
        env: { ZHILI_SCREENING_LISTS: '' },
        timeoutMs: 240_000,
      });
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBeNull(); // it exited by itself, not by the test's kill
      expect(r.stderr).toContain(`port ${port}`);
      expect(r.stderr).toContain('已被其他进程占用');
    } finally {
      blocker.close();
    }
  }, 300_000);
});
