import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/adapters.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

async function zhili(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [join(root, 'bin/zhili.js'), ...args], { cwd: root });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('zhili CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-cli-'));

  it('creates a tenant and prints its key once as JSON; only the hash is stored', async () => {
    const r = await zhili('--data-dir', dataDir, 'tenant', 'create', 'Acme Pay 顶点支付', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { tenantId: string; apiKey: string };
    expect(out.tenantId).toMatch(/^ten_/);
    expect(out.apiKey).toMatch(/^zk_/);
    const store = openSqliteStore(join(dataDir, 'zhili.db'));
    expect((await store.getTenant(out.tenantId))?.name).toBe('Acme Pay 顶点支付');
    expect(await store.findApiKey(out.apiKey)).toBeUndefined();
    expect((await store.getActiveRuleSet(out.tenantId))?.version).toBe('cn-default-2026.11.2');

    const u = await zhili(
      '--data-dir',
      dataDir,
      'user',
      'create',
      '--tenant',
      out.tenantId,
      '--username',
      'li.lei',
      '--roles',
      'analyst,approver',
      '--json',
    );
    expect(u.code).toBe(0);
    const user = JSON.parse(u.stdout) as { roles: string[]; password: string };
    expect(user.roles).toEqual(['analyst', 'approver']);
    expect(user.password.length).toBeGreaterThanOrEqual(10);
    expect((await store.findUserByName(out.tenantId, 'li.lei'))?.passwordHash).not.toContain(user.password);
    await store.close();

    const bad = await zhili(
      '--data-dir',
      dataDir,
      'user',
      'create',
      '--tenant',
      out.tenantId,
      '--username',
      'x',
      '--roles',
      'king',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown role/);
  });

  it('checks a rule set file and reports errors at file line:column', async () => {
    const ok = await zhili('rules', 'check', 'src/monitoring/packs/default.json');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/OK/);

    const doc = JSON.parse(readFileSync(join(root, 'src/monitoring/packs/default.json'), 'utf8'));
    doc.rules[2].expression = "event.amount.minor >= cny(500000) && event.debtor.partyTyp == 'person'";
    doc.features[0].window = '400d';
    const file = join(dataDir, 'bad-rules.json');
    const text = JSON.stringify(doc, null, 2);
    writeFileSync(file, text);
    const r = await zhili('rules', 'check', file);
    expect(r.code).toBe(1);
    const lines = text.split('\n');
    const exprLine = lines.findIndex((l) => l.includes('partyTyp ==')) + 1;
    const col = lines[exprLine - 1]!.indexOf('partyTyp') + 1;
    expect(r.stderr).toContain(`${file}:${exprLine}:${col}:`);
    expect(r.stderr).toMatch(/partyTyp/);
    expect(r.stderr).toMatch(/\[\/features\/0\/window\]/);

    writeFileSync(file, '{\n  "version": "x",\n  "rules": [,]\n}');
    const syntax = await zhili('rules', 'check', file);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain(`${file}:3:`);
  });
});
