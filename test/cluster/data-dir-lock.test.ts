import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/runtime/data-dir-lock.ts';

/**
 * One server per embedded data directory, with real processes: a holder process takes the lock as
 * `zhili serve` does; a second `zhili serve` refuses; the lock goes with its process, whether it exits
 * or is killed with SIGKILL.
 */
const root = join(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

function run(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** A process that holds the lock until it is told to exit (SIGTERM) or killed. */
async function holder(dir: string): Promise<ReturnType<typeof run>> {
  const code = `const m = await import('./src/runtime/data-dir-lock.ts');
const lock = m.lockDataDir(${JSON.stringify(dir)});
process.on('SIGTERM', () => { lock.release(); process.exit(0); });
console.log('locked'); setInterval(() => {}, 60000);`;
  const h = run(['--import', 'tsx', '--input-type=module', '-e', code]);
  await new Promise<void>((resolve, reject) => {
    h.child.stdout?.on('data', () => h.output().includes('locked') && resolve());
    void h.exited.then(() => reject(new Error(`holder exited: ${h.output()}`)));
  });
  return h;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('one server per embedded data directory', () => {
  it('refuses a second zhili serve with a clear bilingual message, naming the holder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-lock-'));
    const h = await holder(dir);
    const second = run([join(root, 'bin/zhili.js'), '--data-dir', dir, 'serve', '--port', '0']);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `Another Zhili server (pid ${h.child.pid}) is already running on the data directory`,
    );
    expect(second.output()).toContain(`另一个 Zhili 服务（进程 ${h.child.pid}）正在使用数据目录`);
    expect(second.output()).not.toContain('listening on');
    h.child.kill('SIGTERM');
    expect(await h.exited).toBe(0);
  }, 60_000);

  it('is free again after its holder exits, and after its holder is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-lock-'));
    const a = await holder(dir);
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ code: 'ZHILI_E_DATA_DIR_LOCKED' }));
    a.child.kill('SIGTERM');
    await a.exited;
    const mine = lockDataDir(dir);
    mine.release();

    const b = await holder(dir);
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ code: 'ZHILI_E_DATA_DIR_LOCKED' }));
    b.child.kill('SIGKILL'); // no clean-up runs: the stale pid file stays, the OS lock does not
    await b.exited;
    const again = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ code: 'ZHILI_E_DATA_DIR_LOCKED' }));
    again.release();
    lockDataDir(dir).release();
  }, 60_000);
});
