import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
let s: TestServer;

beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('zhili complaints list | show | act', () => {
  it('an authenticated operator lists, shows and moves a complaint; four eyes holds on the command line too', async () => {
    await s.login(['analyst'], 'cli.ana');
    await s.login(['approver'], 'cli.bob');
    const filed = await s.call('POST', '/v1/complaints', {
      customerId: 'cust-7',
      channel: 'api',
      category: 'B03',
      cause: 'C08',
      receivedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    });
    const id = filed.body.id as string;
    const cli = (as: string, ...args: string[]) =>
      run(
        process.execPath,
        [
          join(root, 'bin/zhili.js'),
          '--data-dir',
          s.dataDir,
          'complaints',
          ...args,
          '--tenant',
          s.tenantId,
          '--as',
          as,
        ],
        { cwd: root, env: { ...process.env, ZHILI_PASSWORD: 'correct horse battery' } },
      );
    const due = JSON.parse((await cli('cli.ana', 'list', '--due', '--json')).stdout) as { id: string }[];
    expect(due.map((c) => c.id)).toContain(id);
    await cli('cli.ana', 'act', id, 'investigate');
    await cli('cli.ana', 'act', id, 'propose', '--outcome', 'upheld', '--compensation', '2000.00');
    const refused = await cli('cli.ana', 'act', id, 'approve').catch((e: { stderr: string }) => e);
    expect(refused.stderr).toContain('ZHILI_E_FOUR_EYES');
    const ok = await cli('cli.bob', 'act', id, 'approve');
    expect(ok.stdout).toContain('decision_approved');
    expect(ok.stdout).toContain('met_late'); // decided 30 days after receipt: past the 15-day clock
    // The command queued its ledger entry in the step's transaction; the server's ledger appends it.
    await s.zhili.ledger.catchUp();
    const actions: string[] = [];
    for (let i = 0; ; i++) {
      const row = await s.zhili.ledger.entry(i);
      if (!row) break;
      const e = JSON.parse(row.entry) as { action?: string };
      if (e.action) actions.push(e.action);
    }
    expect(actions).toEqual(expect.arrayContaining(['complaint.filed', 'complaint.propose', 'complaint.approve']));
    const shown = await cli('cli.bob', 'show', id);
    expect(shown.stdout).toMatch(/1\. .* file - → received/);
    expect(shown.stdout).toContain('PBOC Order [2020] No. 5');
    const none = await cli('nobody', 'list').catch((e: { stderr: string }) => e);
    expect(none.stderr).toContain('ZHILI_E_UNAUTHENTICATED');
  });
});
