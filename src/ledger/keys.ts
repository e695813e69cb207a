/**
 * Checkpoint signing keys. The private key (PKCS8) is never stored in clear: it is wrapped with
 * AES-256-GCM either under the master key (the default: `kek-aes256gcm:<kek id>:<iv>:<tag>:<ct>`) or,
 * when ZHILI_LEDGER_KEY_SECRET is set, under a key derived from that secret by scrypt
 * (`scrypt-aes256gcm:<salt>:<iv>:<tag>:<ct>`), all base64. Keys stored in clear by older versions
 * (`pkcs8:<base64>`) are still read, and re-wrapped at start (see LedgerService).
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { formatVerifierKey, type NoteSigner } from './core/note.ts';

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The key-encryption key: 32 bytes and its public id (see the parties module's master key). */
export interface KeyEncryptionKey {
  key: Buffer;
  id: string;
}

/** How a signing key is protected at rest: a configured secret wins over the master key. */
export interface KeyProtection {
  secret?: string | undefined;
  master?: KeyEncryptionKey | undefined;
}

const b64 = (x: Buffer): string => x.toString('base64');

function seal(key: Buffer, plain: Buffer): [Buffer, Buffer, Buffer] {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct];
}

function open(key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer, what: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch (e) {
    throw new Error(`cannot decrypt the ledger signing key: wrong ${what}`, { cause: e });
  }
}

/** Wraps a PKCS8 key; throws when there is nothing to wrap it with (it is never stored in clear). */
export function wrapKey(pkcs8: Buffer, p: KeyProtection): string {
  if (p.secret) {
    const salt = randomBytes(16);
    return ['scrypt-aes256gcm', b64(salt), ...seal(scryptSync(p.secret, salt, 32, SCRYPT), pkcs8).map(b64)].join(':');
  }
  if (p.master) return ['kek-aes256gcm', p.master.id, ...seal(p.master.key, pkcs8).map(b64)].join(':');
  throw new Error('the ledger signing key needs the master key or ZHILI_LEDGER_KEY_SECRET to be stored');
}

export function unwrapKey(stored: string, p: KeyProtection): Buffer {
  const [kind, ...parts] = stored.split(':');
  const bufs = (xs: string[]) => xs.map((x) => Buffer.from(x, 'base64')) as [Buffer, Buffer, Buffer];
  if (kind === 'pkcs8' && parts.length === 1) return Buffer.from(parts[0] as string, 'base64');
  if (kind === 'scrypt-aes256gcm' && parts.length === 4) {
    if (!p.secret)
      throw new Error('the ledger signing key is encrypted: set the ledger key secret (ZHILI_LEDGER_KEY_SECRET)');
    const salt = Buffer.from(parts[0] as string, 'base64');
    return open(scryptSync(p.secret, salt, 32, SCRYPT), ...bufs(parts.slice(1)), 'key secret');
  }
  if (kind === 'kek-aes256gcm' && parts.length === 4) {
    if (!p.master) throw new Error('the ledger signing key is wrapped under the master key, which is not loaded');
    if (p.master.id !== parts[0])
      throw new Error(`the ledger signing key is wrapped under master key ${parts[0]}, not ${p.master.id}`);
    return open(p.master.key, ...bufs(parts.slice(1)), 'master key');
  }
  throw new Error('unknown ledger private key format');
}

/** True when a stored key is in clear (written by an older version). */
export const isClearKey = (stored: string): boolean => stored.startsWith('pkcs8:');

/** A fresh Ed25519 key named `name`: its verifier key string and its stored (wrapped) private key. */
export function newSigningKey(name: string, p: KeyProtection): { verifierKey: string; privateKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    verifierKey: formatVerifierKey(name, privateKey),
    privateKey: wrapKey(privateKey.export({ format: 'der', type: 'pkcs8' }), p),
  };
}

/** The note signer of a stored key (its name is the verifier key's name). */
export function signerOf(verifierKey: string, storedPrivateKey: string, p: KeyProtection): NoteSigner {
  const key: KeyObject = createPrivateKey({ key: unwrapKey(storedPrivateKey, p), format: 'der', type: 'pkcs8' });
  const name = verifierKey.slice(0, verifierKey.indexOf('+'));
  if (formatVerifierKey(name, key) !== verifierKey)
    throw new Error('stored ledger private key does not match its public key');
  return { name, privateKey: key };
}
