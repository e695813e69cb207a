import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerDisclosure } from '../../src/cli/disclosure.ts';
import { startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
let s: TestServer;

beforeAll(async () => {
  s = await startServer({ screeningLists: '' });
  await s.login(['admin'], 'cli.adm');
  await s.login(['approver'], 'cli.bob');
  const r = await s.call('POST', '/v1/events', {
    id: `cli-dsc-${process.pid}`,
    type: 'loan_disbursement',
    occurredAt: '2026-10-08T10:00:00+08:00',
    amount: { value: '8000.00', currency: 'CNY' },
    debtor: { partyId: 'fund-a', partyType: 'organization' },
    creditor: { partyId: 'c9', partyType: 'person' },
    channel: 'api',
    attributes: { loanId: 'CL1', termMonths: 1, payments: '8080.00' },
  });
  expect(r.status).toBe(200);
});
afterAll(() => s.close());

// The commands run in this process (a spawned CLI takes ~10 s to start here); the last one is spawned,
// through bin/zhili.js, to show the command is registered and verifies from another process.
async function cli(as: string, ...args: string[]): Promise<string> {
  const program = new Command().option('--data-dir <dir>').option('--database-url <url>').exitOverride();
  registerDisclosure(program);
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...x: unknown[]) => void out.push(x.join(' ')));
  process.env.ZHILI_PASSWORD = 'correct horse battery';
  try {
    await program.parseAsync(['--data-dir', s.dataDir, 'disclosure', ...args, '--tenant', s.tenantId, '--as', as], {
      from: 'user',
    });
  } finally {
    log.mockRestore();
    delete process.env.ZHILI_PASSWORD;
  }
  return out.join('\n');
}
const spawned = (as: string, ...args: string[]) =>
  run(
    process.execPath,
    [join(root, 'bin/zhili.js'), '--data-dir', s.dataDir, 'disclosure', ...args, '--tenant', s.tenantId, '--as', as],
    { cwd: root, env: { ...process.env, ZHILI_PASSWORD: 'correct horse battery' } },
  );

describe('zhili disclosure compute | submit | approve | publish | verify | related-party', () => {
  it('takes a month to publication with four eyes and verifies it against the ledger', async () => {
    const draft = JSON.parse(await cli('cli.adm', 'compute', '2026-10', '--json')) as {
      id: string;
      doc: { currencies: { outstanding: { amount: string } }[] };
    };
    expect(draft.doc.currencies[0]!.outstanding.amount).toBe('8000.00');
    await cli('cli.adm', 'submit', draft.id);
    await expect(cli('cli.adm', 'approve', draft.id)).rejects.toMatchObject({ code: 'ZHILI_E_FOUR_EYES' });
    expect(await cli('cli.bob', 'approve', draft.id)).toContain('approved');
    expect(await cli('cli.adm', 'publish', draft.id)).toContain('published');
    expect(await cli('cli.bob', 'show', '2026-10')).toContain(`${draft.id}  2026-10 v1  published`);
    const verified = await spawned('cli.bob', 'verify', draft.id);
    expect(verified.stdout).toContain('OK');
    // The server sees the same publication and the same proof.
    const page = await fetch(`${s.url}/portal/${s.tenantId}/disclosures/2026-10/verify`);
    expect(((await page.json()) as { ok: boolean }).ok).toBe(true);
  }, 60_000);

  it('keeps the related-party register: an admin adds an entry, an approver reads it but cannot change it', async () => {
    expect(
      await cli(
        'cli.adm',
        'related-party',
        'c9',
        '--relation',
        '董事亲属',
        '--since',
        '2026-01-01',
        '--until',
        '2026-12-01',
      ),
    ).toBe('c9  董事亲属  2026-01-01 → 2026-12-01');
    expect(await cli('cli.bob', 'related-party')).toBe('c9  董事亲属  2026-01-01 → 2026-12-01');
    await expect(
      cli('cli.bob', 'related-party', 'c8', '--relation', 'x', '--since', '2026-01-01'),
    ).rejects.toMatchObject({ code: 'ZHILI_E_FORBIDDEN' });
  });
});
