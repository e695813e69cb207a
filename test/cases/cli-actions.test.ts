import { execFile } from 'node:child_process';
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

const zhili = (user: string, ...args: string[]) =>
  run(
    process.execPath,
    [join(root, 'bin/zhili.js'), '--data-dir', s.dataDir, ...args, '--tenant', s.tenantId, '--as', user, '--json'],
    {
      cwd: root,
      env: {
        ...process.env,
        ZHILI_PASSWORD: 'correct horse battery',
        ZHILI_PBOC_INSTITUTION_CODE: 'ZHILI000000004',
        ZHILI_PBOC_AREA_CODE: 'CHN310000',
      },
    },
  );

describe('zhili cases act and zhili reports draft-suspicious (issue 16)', () => {
  it('works a case and drafts a BSTR from the command line; the auditor then no longer sees the case', async () => {
    const token = await s.login(['analyst'], 'cli.ana');
    await s.login(['auditor'], 'cli.aud');
    const d = await s.call(
      'POST',
      '/v1/events',
      event({
        amount: { value: '99000.00', currency: 'CNY' },
        debtor: { partyId: 'cust-cli-str', partyType: 'person', accountId: '6222000000000010', country: 'CN' },
        attributes: { debtorName: '冯二', debtorIdType: '110001', debtorIdNumber: '110101197501011234' },
      }),
    );
    expect(d.body.outcome).toBe('review');
    let cases: { id: string }[] = [];
    for (let i = 0; i < 100 && cases.length === 0; i++) {
      cases = (await s.call('GET', '/v1/cases?customerId=cust-cli-str', undefined, token)).body.cases ?? [];
      if (cases.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    const caseId = cases[0]!.id;
    const anaId = (await s.zhili.store.findUserByName(s.tenantId, 'cli.ana'))!.id;
    const [assigned] = JSON.parse(
      (await zhili('cli.ana', 'cases', 'act', caseId, 'assign', '--assignee', anaId)).stdout,
    );
    expect(assigned).toMatchObject({ id: caseId, status: 'assigned' });
    const [started] = JSON.parse((await zhili('cli.ana', 'cases', 'act', caseId, 'start')).stdout);
    expect(started.status).toBe('investigating');
    await expect(zhili('cli.ana', 'cases', 'act', caseId, 'fly')).rejects.toMatchObject({
      stderr: expect.stringContaining('未知的案件操作'),
    });

    const [bstr] = JSON.parse(
      (
        await zhili(
          'cli.ana',
          'reports',
          'draft-suspicious',
          '--case',
          caseId,
          '--narrative',
          '客户单日大额提现后即转出。',
          '--analysis',
          '疑似过渡账户。',
          '--codes',
          '0904',
        )
      ).stdout,
    );
    expect(bstr).toMatchObject({ format: 'pboc_bstr', str: true, status: 'draft', caseId });
    await zhili('cli.ana', 'cases', 'act', caseId, 'tag', '--remove', 'str');
    const seen = JSON.parse((await zhili('cli.aud', 'cases', 'list')).stdout) as { id: string }[] | string;
    expect(Array.isArray(seen) ? seen.map((c) => c.id) : []).not.toContain(caseId);
  }, 300_000);
});
