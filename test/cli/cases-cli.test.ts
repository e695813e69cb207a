import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
let s: TestServer;

beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

describe('zhili alerts / cases / reports', () => {
  it('lists the alerts and cases the background projector made from decisions, as a named operator', async () => {
    const token = await s.login(['analyst'], 'cli.analyst');
    const d = await s.call(
      'POST',
      '/v1/events',
      event({
        amount: { value: '88000.00', currency: 'CNY' },
        // A report names its customer fully, or it cannot be approved (ZHILI_E_REPORT_INCOMPLETE).
        attributes: { debtorName: '李雷', debtorIdType: '110001', debtorIdNumber: '110101199201011234' },
      }),
    );
    expect(d.body.outcome).toBe('review');
    let alerts: unknown[] = [];
    for (let i = 0; i < 100 && alerts.length === 0; i++) {
      alerts = (await s.call('GET', '/v1/alerts', undefined, token)).body.alerts ?? [];
      if (alerts.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(alerts.length).toBeGreaterThan(0);
    const cli = (...args: string[]) =>
      run(
        process.execPath,
        [
          join(root, 'bin/zhili.js'),
          '--data-dir',
          s.dataDir,
          ...args,
          '--tenant',
          s.tenantId,
          '--as',
          'cli.analyst',
          '--json',
        ],
        {
          cwd: root,
          env: { ...process.env, ZHILI_PASSWORD: 'correct horse battery' },
        },
      );
    const listed = JSON.parse((await cli('alerts', 'list')).stdout) as { eventId?: string }[];
    expect(listed.length).toBe(alerts.length);
    const cases = JSON.parse((await cli('cases', 'list')).stdout) as { status: string }[];
    expect(cases[0]?.status).toBe('open');
    expect(JSON.parse((await cli('reports', 'list')).stdout)).toEqual([]);

    // The large-value report's whole life from the command line, four eyes included.
    const env = {
      ...process.env,
      ZHILI_PBOC_INSTITUTION_CODE: 'ZHILI000000001',
      ZHILI_PBOC_INDUSTRY: 'B',
      ZHILI_PASSWORD: 'correct horse battery',
    };
    const as = (user: string, ...args: string[]) =>
      run(
        process.execPath,
        [join(root, 'bin/zhili.js'), '--data-dir', s.dataDir, ...args, '--tenant', s.tenantId, '--as', user, '--json'],
        { cwd: root, env },
      );
    const [draft] = JSON.parse((await as('cli.analyst', 'reports', 'draft-large-value')).stdout) as {
      id: string;
      status: string;
    }[];
    expect(draft?.status).toBe('draft');
    await expect(as('cli.analyst', 'reports', 'approve', draft!.id)).rejects.toMatchObject({
      stderr: expect.stringMatching(/ZHILI_E_FOUR_EYES|ZHILI_E_FORBIDDEN/),
    });
    await s.login(['approver'], 'cli.approver');
    const [approved] = JSON.parse((await as('cli.approver', 'reports', 'approve', draft!.id)).stdout) as {
      status: string;
    }[];
    expect(approved?.status).toBe('approved');
    const [pkg] = JSON.parse((await as('cli.analyst', 'reports', 'submit', draft!.id)).stdout) as { name: string }[];
    expect(pkg?.name).toMatch(/^NBH.*\.ZIP$/);
    const out = join(s.dataDir, 'pkg.zip');
    await run(
      process.execPath,
      [
        join(root, 'bin/zhili.js'),
        '--data-dir',
        s.dataDir,
        'reports',
        'download',
        pkg!.name,
        '--out',
        out,
        '--tenant',
        s.tenantId,
        '--as',
        'cli.analyst',
      ],
      { cwd: root, env },
    );
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    // The operator is authenticated: an unknown one is refused like a wrong password.
    await expect(
      run(
        process.execPath,
        [
          join(root, 'bin/zhili.js'),
          '--data-dir',
          s.dataDir,
          'cases',
          'list',
          '--tenant',
          s.tenantId,
          '--as',
          'nobody',
        ],
        { cwd: root, env },
      ),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('ZHILI_E_UNAUTHENTICATED') });
  }, 180_000); // seven CLI processes, each starting Node and the TypeScript loader
});
