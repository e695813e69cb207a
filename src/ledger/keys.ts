/**
 * Checkpoint signing keys. The private key is kept as PKCS8, either plain (`pkcs8:<base64>`) or, when
 * a secret is configured, encrypted with AES-256-GCM under a key derived by scrypt
 * (`scrypt-aes256gcm:<salt>:<iv>:<tag>:<ciphertext>`, all base64).
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

function wrap(pkcs8: Buffer, secret: string | undefined): string {
  if (secret === undefined || secret === '') return `pkcs8:${pkcs8.toString('base64')}`;
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', scryptSync(secret, salt, 32, SCRYPT), iv);
  const ct = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return ['scrypt-aes256gcm', salt, iv, cipher.getAuthTag(), ct]
    .map((x) => (typeof x === 'string' ? x : x.toString('base64')))
    .join(':');
}

function unwrap(stored: string, secret: string | undefined): Buffer {
  const [kind, ...parts] = stored.split(':');
  if (kind === 'pkcs8' && parts.length === 1) return Buffer.from(parts[0] as string, 'base64');
  if (kind === 'scrypt-aes256gcm' && parts.length === 4) {
    if (secret === undefined || secret === '') {
      throw new Error('the ledger signing key is encrypted: set the ledger key secret (ZHILI_LEDGER_KEY_SECRET)');
    }
    const [salt, iv, tag, ct] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer, Buffer];
    const decipher = createDecipheriv('aes-256-gcm', scryptSync(secret, salt, 32, SCRYPT), iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ct), decipher.final()]);
    } catch (e) {
      throw new Error('cannot decrypt the ledger signing key: wrong key secret', { cause: e });
    }
  }
  throw new Error('unknown ledger private key format');
}

/** A fresh Ed25519 key named `name`: its verifier key string and its stored private key. */
export function newSigningKey(name: string, secret: string | undefined): { verifierKey: string; privateKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    verifierKey: formatVerifierKey(name, privateKey),
    privateKey: wrap(privateKey.export({ format: 'der', type: 'pkcs8' }), secret),
  };
}

/** The note signer of a stored key (its name is the verifier key's name). */
export function signerOf(verifierKey: string, storedPrivateKey: string, secret: string | undefined): NoteSigner {
  const key: KeyObject = createPrivateKey({ key: unwrap(storedPrivateKey, secret), format: 'der', type: 'pkcs8' });
  const name = verifierKey.slice(0, verifierKey.indexOf('+'));
  if (formatVerifierKey(name, key) !== verifierKey)
    throw new Error('stored ledger private key does not match its public key');
  return { name, privateKey: key };
}
