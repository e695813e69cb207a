import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../src/runtime/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const german = join(root, '../shared/testdata/credit/germancredit.csv');
const run = promisify(execFile);

// The life cycle from the command line against the database of a running server: train → save →
// submit → approve (another operator) → activate with `zhili`, then the server scores loan
// applications with the card once it has noticed the activation.
describe.skipIf(!existsSync(german))('zhili credit scorecards (CLI) with a running server', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ screeningLists: '' });
    for (const [username, roles] of [
      ['cli.analyst', ['analyst']],
      ['cli.approver', ['approver']],
    ] as const)
      await provisionUser(s.zhili.store, {
        tenantId: s.tenantId,
        username,
        password: 'correct horse battery',
        roles: [...roles],
      });
  });
  afterAll(async () => {
    await s?.close();
  });

  const zhili = async (user: string | undefined, ...args: string[]) => {
    const auth = user ? ['--tenant', s.tenantId, '--as', user, '--json'] : [];
    try {
      const r = await run(process.execPath, [join(root, 'bin/zhili.js'), '--data-dir', s.dataDir, ...args, ...auth], {
        cwd: root,
        env: { ...process.env, ZHILI_PASSWORD: 'correct horse battery' },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  it('saves, submits, approves with four eyes, activates, lists — and the server scores with the card', async () => {
    const card = join(s.dataDir, 'scorecard.json');
    const trained = await zhili(
      undefined,
      'credit',
      'train',
      '--data',
      german,
      '--target',
      'creditability',
      '--bad',
      'bad',
      '--seed',
      '1',
      '--out',
      card,
      '--no-progress',
    );
    expect(trained.code, trained.stderr).toBe(0);
    const limits = join(s.dataDir, 'limits.json');
    writeFileSync(limits, JSON.stringify({ currency: 'CNY', bands: [{ minScore: 0, limitMinor: 1_000_000 }] }));

    const saved = await zhili('cli.analyst', 'credit', 'scorecards', 'save', card, '--limits', limits);
    expect(saved.code, saved.stderr).toBe(0);
    const version = (JSON.parse(saved.stdout) as { version: string }).version;
    expect((await zhili('cli.analyst', 'credit', 'scorecards', 'submit', version)).code).toBe(0);
    const own = await zhili('cli.analyst', 'credit', 'scorecards', 'approve', version);
    expect(own.code).not.toBe(0);
    expect(own.stderr).toMatch(/ZHILI_E_FORBIDDEN|permission|权限/i);
    const approved = await zhili('cli.approver', 'credit', 'scorecards', 'approve', version, '--note', 'checked');
    expect(approved.code, approved.stderr).toBe(0);
    const active = await zhili('cli.analyst', 'credit', 'scorecards', 'activate', version);
    expect(JSON.parse(active.stdout)).toMatchObject({ version, status: 'active' });
    const listed = JSON.parse((await zhili('cli.approver', 'credit', 'scorecards', 'list')).stdout) as unknown[];
    expect(listed).toEqual([expect.objectContaining({ version, status: 'active', shadow: false })]);

    // The server notices the activation from the database (polled every 5 s) and scores with the card.
    let credit: { scorecard: string; reasons: unknown[]; limit: number } | undefined;
    for (let i = 0; i < 40 && credit?.scorecard !== version; i++) {
      const d = await s.call('POST', '/v1/events', {
        id: `cli-app-${process.pid}-${i}`,
        type: 'loan_application',
        occurredAt: '2026-11-26T10:00:00+08:00',
        debtor: { partyId: 'cust-cli', partyType: 'person' },
        attributes: { duration_in_month: 48, credit_amount: 12000 },
      });
      credit = d.body.credit;
      if (credit?.scorecard !== version) await new Promise((r) => setTimeout(r, 250));
    }
    expect(credit?.scorecard).toBe(version);
    expect(credit?.reasons.length).toBe(4);
    expect(credit?.limit).toBe(1_000_000);

    // Each CLI step is on the audit ledger, as over the API.
    const token = await s.login(['auditor']);
    const count = Number((await s.call('GET', '/v1/ledger/checkpoint', undefined, token)).body.split('\n')[1]);
    const actions: string[] = [];
    for (let i = 0; i < count; i++) {
      const e = (await s.call('GET', `/v1/ledger/entries/${i}`, undefined, token)).body.entry;
      if (e?.kind === 'audit' && e.action.startsWith('credit.scorecard.')) actions.push(e.action);
    }
    expect(actions).toEqual([
      'credit.scorecard.create',
      'credit.scorecard.submit',
      'credit.scorecard.approve',
      'credit.scorecard.activate',
    ]);
  }, 120_000);
});
