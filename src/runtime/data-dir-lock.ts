import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZhiliError } from '../kernel/index.ts';

export interface DataDirLock {
  /** Lets the next server start (closing the process does the same). */
  release(): void;
}

const isBusy = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code: unknown }).code));

/**
 * One server per embedded data directory. The lock is an operating-system file lock, taken through
 * SQLite on `<dataDir>/serve.lock` in EXCLUSIVE locking mode and held as long as the connection is
 * open: the kernel drops it when the process ends in any way (kill -9 included), so a stale lock
 * cannot exist and no pid-liveness guess is needed. `serve.pid` only names the holder in the message.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pidFile = join(dataDir, 'serve.pid');
  const db = new Database(join(dataDir, 'serve.lock'), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A write takes the exclusive lock; EXCLUSIVE mode keeps it after COMMIT until close.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, started_at INTEGER NOT NULL)');
    db.exec('DELETE FROM holder');
    db.prepare('INSERT INTO holder (pid, started_at) VALUES (?, ?)').run(process.pid, Date.now());
    db.exec('COMMIT');
  } catch (e) {
    db.close();
    if (!isBusy(e)) throw e;
    let holder = '';
    try {
      holder = readFileSync(pidFile, 'utf8').trim();
    } catch {
      // the holder has not written its pid yet
    }
    const by = holder ? ` (pid ${holder})` : '';
    throw new ZhiliError('ZHILI_E_DATA_DIR_LOCKED', {
      message: `Another Zhili server${by} is already running on the data directory ${dataDir}; stop it first or use another data directory (--data-dir or ZHILI_DATA_DIR).`,
      messageZh: `另一个 Zhili 服务${holder ? `（进程 ${holder}）` : ''}正在使用数据目录 ${dataDir}；请先停止它，或改用其他数据目录（--data-dir 或 ZHILI_DATA_DIR）。`,
      cause: e,
    });
  }
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      rmSync(pidFile, { force: true });
      db.close();
    },
  };
}
