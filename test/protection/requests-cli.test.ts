import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
let s: TestServer;

beforeAll(async () => {
  s = await startServer({ config: { maxEventLoopDelayMs: 0 } });
});
afterAll(() => s.close());

describe('zhili data-subject-requests | incidents', () => {
  it('an operator verifies a request and records an incident notice from the command line', async () => {
    await s.login(['analyst'], 'cli.ana');
    const late = await s.call('POST', '/v1/data-subject-requests', {
      subject: 'cust-cli',
      kind: 'deletion',
      receivedAt: '2026-09-28T10:00:00+08:00',
    });
    const inc = await s.call('POST', '/v1/incidents', {
      type: 'cyber_attack',
      title: 'Credential stuffing',
      facts: { customersAffected: 15_000 },
    });
    const cli = (...args: string[]) =>
      run(
        process.execPath,
        [join(root, 'bin/zhili.js'), '--data-dir', s.dataDir, ...args, '--tenant', s.tenantId, '--as', 'cli.ana'],
        { cwd: root, env: { ...process.env, ZHILI_PASSWORD: 'correct horse battery' } },
      );
    const v = await cli('data-subject-requests', 'verify', late.body.id, '--method', 'in_branch');
    expect(v.stdout).toContain('verified');
    expect(v.stdout).toContain('2026-10-23 (breached)');
    const n = await cli('incidents', 'notify', inc.body.id, 'cac', '--reference', 'GD-CAC-77');
    expect(n.stdout).toContain('III 较大');
    expect(n.stdout).toMatch(/→ cac by \S+ \(sent\)/);
    // The commands queued their ledger entries in the steps' transactions; the server's ledger appends them.
    await s.zhili.ledger.catchUp();
    const actions: string[] = [];
    for (let i = 0; ; i++) {
      const row = await s.zhili.ledger.entry(i);
      if (!row) break;
      const e = JSON.parse(row.entry) as { action?: string };
      if (e.action) actions.push(e.action);
    }
    expect(actions).toEqual(
      expect.arrayContaining(['dsr.received', 'dsr.verified', 'incident.opened', 'incident.notify']),
    );
  });
});
