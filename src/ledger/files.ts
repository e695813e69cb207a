/**
 * Data files readable by their owner only: the SQLite database (and its -wal/-shm, which SQLite
 * creates with the database file's mode) holds hashes, wrapped keys and personal data.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/** Creates `file` as 0600 when it does not exist yet; tightens it (and its -wal/-shm) to 0600 when it does. */
export function ownerOnlyFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Creates the data directory as 0700, or tightens an existing one to 0700. */
export function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
