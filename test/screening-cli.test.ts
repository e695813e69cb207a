import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerScreenCommands } from '../src/screening/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhili-screen-'));
const listFile = join(dir, 'own.json');
writeFileSync(listFile, JSON.stringify([{ id: 'T-1', name: 'XI, Jinping', kind: 'person', dob: '1953-06-15' }]));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const program = new Command().exitOverride();
  registerScreenCommands(program);
  await program.parseAsync(['node', 'zhili', ...args]);
  log.mockRestore();
  return out.join('\n');
}

afterEach(() => {
  process.exitCode = 0;
});

describe('zhili screen / zhili lists', () => {
  it('screens a Hanzi name against a list given on the command line, as JSON', async () => {
    const out = JSON.parse(
      await run('screen', '习近平', '--dob', '1953', '--list', `generic=${listFile}#own`, '--json'),
    );
    expect(out.hits[0]).toMatchObject({ listId: 'own', entryId: 'T-1' });
    expect(out.listVersions[0]).toMatch(/^own@[0-9a-f]{12}$/);
  });
  it('prints a readable hit with its explanation', async () => {
    const out = await run('screen', 'Jinping Xi', '--list', `generic=${listFile}#own`);
    expect(out).toContain('own:T-1');
    expect(out).toMatch(/JINPING→JINPING exact/);
  });
  it('loads a list and prints its version, hash and counts', async () => {
    const out = JSON.parse(await run('lists', 'load', 'generic', listFile, '--list-id', 'own', '--json'));
    expect(out).toMatchObject({ listId: 'own', source: 'generic', counts: { entries: 1, persons: 1 } });
    expect(out.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
