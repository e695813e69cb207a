import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire as q } from '../../src/protection/suitability/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
let s: TestServer;

beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('zhili suitability', () => {
  it('checks a purchase and holds four eyes on the professional status', async () => {
    await s.login(['analyst'], 'cli.ana');
    await s.login(['approver'], 'cli.bob');
    const product = (risk: string) => ({
      name: { en: `Fund ${risk}`, zh: `${risk}基金` },
      risk,
      horizonMonths: 6,
      liquidity: 'daily',
      goals: ['income'],
    });
    await s.call('PUT', '/v1/products/p-r1', product('R1'));
    await s.call('PUT', '/v1/products/p-r5', product('R5'));
    // Lowest answers: C1, with every knowledge gap.
    const answers = Object.fromEntries(q.questions.map((x) => [x.id, [x.options.at(-1)!.id]]));
    Object.assign(answers, { loss: ['a'], k_rates: ['c'], k_diversify: ['c'], k_guarantee: ['c'], k_leverage: ['c'] });
    expect((await s.call('POST', '/v1/suitability/assessments', { customerId: 'cust-9', answers })).status).toBe(201);

    const cli = (as: string, ...args: string[]) =>
      run(
        process.execPath,
        [
          join(root, 'bin/zhili.js'),
          '--data-dir',
          s.dataDir,
          'suitability',
          ...args,
          '--tenant',
          s.tenantId,
          '--as',
          as,
        ],
        { cwd: root, env: { ...process.env, ZHILI_PASSWORD: 'correct horse battery' } },
      );
    const check = await cli('cli.ana', 'check', 'cust-9', 'p-r5');
    expect(check.stdout).toContain('C1 → R5: refused');
    expect(check.stdout).toContain('不得购买');
    const ana = await s.login(['analyst'], 'http.ana');
    const proposed = await s.call(
      'POST',
      '/v1/suitability/customers/cust-9/professional',
      { action: 'propose', basis: 'assets above CNY 5m' },
      ana,
    );
    expect(proposed.body.state).toBe('proposed');
    const self = await cli('http.ana', 'professional', 'cust-9', 'approve').catch((e: { stderr: string }) => e);
    expect(self.stderr).toContain('ZHILI_E_FOUR_EYES');
    expect((await cli('cli.bob', 'professional', 'cust-9', 'approve')).stdout).toContain('in force');
    const after = await s.call('POST', '/v1/suitability/check', { customerId: 'cust-9', productId: 'p-r5' });
    expect(after.body).toMatchObject({ professional: true, allowed: true });

    // The commands queued their ledger entries in their transactions; the server's ledger appends them.
    await s.zhili.ledger.catchUp();
    const actions: string[] = [];
    for (let i = 0; ; i++) {
      const row = await s.zhili.ledger.entry(i);
      if (!row) break;
      const e = JSON.parse(row.entry) as { action?: string };
      if (e.action) actions.push(e.action);
    }
    expect(actions).toEqual(expect.arrayContaining(['suitability.professional.approve']));
  }, 120_000); // three CLI processes: seconds each on a quiet machine, more on a loaded one
});
