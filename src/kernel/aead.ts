/**
 * AES-256-GCM with a fresh 96-bit nonce per message and associated data binding a ciphertext to its
 * place (tenant, party, version), so a ciphertext copied to another row does not decrypt. Text format:
 * `v1.<base64url nonce>.<base64url tag>.<base64url ciphertext>`.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export function seal(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/**
 * A sealer whose nonces are a random 32-bit field fixed per sealer and a 64-bit counter (NIST SP 800-38D
 * §8.2.1, deterministic construction): unique without a call to the random source per message. Only for
 * keys that this sealer alone ever encrypts with (keys made by this process, never shared with another).
 * Output is the same format as `seal`, so `open` reads it.
 */
export function counterSealer(): (key: Buffer, plain: Buffer, aad: string) => string {
  const iv = Buffer.alloc(12);
  randomBytes(4).copy(iv, 0);
  let high = 0;
  let low = 0;
  return (key, plain, aad) => {
    low = (low + 1) >>> 0;
    if (low === 0) high = (high + 1) >>> 0;
    iv.writeUInt32BE(high, 4);
    iv.writeUInt32BE(low, 8);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([c.update(plain), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  };
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || iv === undefined || tag === undefined || body === undefined)
    throw new Error('unknown ciphertext format');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]);
}

export const newKey = (): Buffer => randomBytes(32);

/** A sub-key for one purpose (HKDF-SHA256), so the blind-index key never encrypts and vice versa. */
export function subKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `zhili-parties/${purpose}`, 32));
}

export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}
