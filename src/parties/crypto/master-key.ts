/**
 * The key-encryption key (KEK) that wraps every tenant's data key.
 *
 * - `ZHILI_MASTER_KEY`: 32 bytes as 64 hex digits or base64/base64url (44/43 characters). Use this in
 *   a cluster (every node needs the same KEK) and keep it in a secret manager, not next to the data.
 * - Otherwise `<dataDir>/master.key` is read, or generated (32 random bytes, base64, mode 0600) on the
 *   first start. Embedded mode only: whoever copies the data directory copies the key with it.
 *
 * Losing the KEK makes every party's C2 data unreadable. The KEK's id (first 16 hex of its SHA-256)
 * is stored with each wrapped tenant key, so starting with another KEK fails clearly.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../kernel/index.ts';

export interface MasterKey {
  key: Buffer;
  /** First 16 hex of the SHA-256 of the key: names it without revealing it. */
  id: string;
  source: 'env' | 'file' | 'generated';
}

export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t)
    ? Buffer.from(t, 'hex')
    : Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (buf.length !== 32) throw new Error('ZHILI_MASTER_KEY must be 32 bytes (64 hex digits or base64)');
  return buf;
}

const named = (key: Buffer, source: MasterKey['source']): MasterKey => ({
  key,
  id: sha256Hex(key).slice(0, 16),
  source,
});

/** `configured` is ZHILI_MASTER_KEY from the configuration; without it, the data directory's key file. */
export function loadMasterKey(opts: { configured?: string | undefined; dataDir: string }): MasterKey {
  if (opts.configured) return named(parseMasterKey(opts.configured), 'env');
  const file = join(opts.dataDir, 'master.key');
  if (existsSync(file)) return named(parseMasterKey(readFileSync(file, 'utf8')), 'file');
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // 'wx': another process starting at the same moment wins; then read what it wrote.
    writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
    return named(key, 'generated');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return named(parseMasterKey(readFileSync(file, 'utf8')), 'file');
    throw e;
  }
}
