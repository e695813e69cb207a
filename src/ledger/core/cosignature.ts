/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), the Ed25519 cosignature/v1 type: a
 * witness's note signature over
 *
 *   cosignature/v1\ntime <unix seconds>\n<checkpoint note text>
 *
 * written as `— <witness name> base64(key ID (4) ‖ timestamp (8, big-endian) ‖ Ed25519 signature (64))`,
 * with key ID = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4]. A verifier key is
 * `<name>+<key ID hex>+<base64(0x04 ‖ public key)>` (signed-note vkey with signature type 0x04).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { ed25519PublicKeyBytes, isValidKeyName } from './note.ts';

export const ALG_COSIGNATURE_V1 = 0x04;
const SIG_PREFIX = '\u2014 ';
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface Cosigner {
  readonly name: string;
  readonly privateKey: KeyObject;
}

export interface CosignatureVerifier {
  readonly name: string;
  readonly keyHash: number;
  readonly publicKey: KeyObject;
}

export type CosignatureCheck = { ok: true; time: number } | { ok: false; reason: string };

export function cosignatureKeyHash(name: string, publicKey: Uint8Array): number {
  const d = createHash('sha256').update(name, 'utf8').update('\n').update(Uint8Array.of(ALG_COSIGNATURE_V1));
  return d.update(publicKey).digest().readUInt32BE(0);
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

export function formatCosignerVerifierKey(name: string, key: KeyObject): string {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  const raw = ed25519PublicKeyBytes(key);
  return `${name}+${hex8(cosignatureKeyHash(name, raw))}+${encodeBase64(Uint8Array.of(ALG_COSIGNATURE_V1, ...raw))}`;
}

/** `PRIVATE+KEY+<name>+<key ID hex>+<base64(0x04 ‖ 32-byte seed)>`, by analogy with signed-note signer keys. */
export function formatCosignerKey(c: Cosigner): string {
  const jwk = c.privateKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') throw new TypeError('not an Ed25519 private key');
  const seed = Buffer.from(jwk.d, 'base64url');
  const id = cosignatureKeyHash(c.name, ed25519PublicKeyBytes(c.privateKey));
  return `PRIVATE+KEY+${c.name}+${hex8(id)}+${encodeBase64(Uint8Array.of(ALG_COSIGNATURE_V1, ...seed))}`;
}

function keyParts(text: string): { name: string; id: number; key: Uint8Array } | string {
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) return 'expected <name>+<key id>+<key>';
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  if (!isValidKeyName(name)) return 'invalid key name';
  if (!/^[0-9a-f]{8}$/.test(idHex)) return 'key id must be 8 lowercase hex digits';
  if (key?.length !== 33 || key[0] !== ALG_COSIGNATURE_V1) return 'not a cosignature/v1 key (0x04 ‖ 32 bytes)';
  return { name, id: Number.parseInt(idHex, 16), key: key.subarray(1) };
}

export function parseCosignerVerifierKey(
  vkey: string,
): { ok: true; verifier: CosignatureVerifier } | { ok: false; reason: string } {
  const p = keyParts(vkey.trim());
  if (typeof p === 'string') return { ok: false, reason: p };
  if (cosignatureKeyHash(p.name, p.key) !== p.id) return { ok: false, reason: 'key id does not match name and key' };
  try {
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519, p.key]), format: 'der', type: 'spki' });
    return { ok: true, verifier: { name: p.name, keyHash: p.id, publicKey } };
  } catch {
    return { ok: false, reason: 'not a usable Ed25519 public key' };
  }
}

export function parseCosignerKey(skey: string): { ok: true; cosigner: Cosigner } | { ok: false; reason: string } {
  if (!skey.startsWith('PRIVATE+KEY+')) return { ok: false, reason: 'expected PRIVATE+KEY+<name>+<key id>+<key>' };
  const p = keyParts(skey.trim().slice('PRIVATE+KEY+'.length));
  if (typeof p === 'string') return { ok: false, reason: p };
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, p.key]), format: 'der', type: 'pkcs8' });
  if (cosignatureKeyHash(p.name, ed25519PublicKeyBytes(privateKey)) !== p.id)
    return { ok: false, reason: 'key id does not match name and key' };
  return { ok: true, cosigner: { name: p.name, privateKey } };
}

/** The message a cosignature/v1 signs: header, time line, then the checkpoint note text. */
export function cosignedMessage(checkpointText: string, timeSeconds: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timeSeconds}\n${checkpointText}`, 'utf8');
}

/** The cosignature line (ending in a newline) over a checkpoint's note text (without signatures). */
export function cosign(checkpointText: string, c: Cosigner, timeSeconds: number): string {
  if (!Number.isSafeInteger(timeSeconds) || timeSeconds < 0) throw new RangeError('bad cosignature time');
  const id = Buffer.alloc(4);
  id.writeUInt32BE(cosignatureKeyHash(c.name, ed25519PublicKeyBytes(c.privateKey)));
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timeSeconds));
  const sig = sign(null, cosignedMessage(checkpointText, timeSeconds), c.privateKey);
  return `${SIG_PREFIX}${c.name} ${encodeBase64(Buffer.concat([id, ts, sig]))}\n`;
}

/** The note text of a signed note: everything up to and including the newline before the blank line. */
export function noteText(note: string): string | undefined {
  const split = note.lastIndexOf('\n\n');
  return split < 0 ? undefined : note.slice(0, split + 1);
}

/**
 * Finds the signature line of `verifier` (by name and key ID) in a signed note and verifies it as a
 * cosignature/v1 of the note's text. Lines of other keys are ignored, as the spec asks.
 */
export function verifyCosignature(note: string, verifier: CosignatureVerifier): CosignatureCheck {
  const text = noteText(note);
  if (text === undefined) return { ok: false, reason: 'malformed note: no blank line before the signatures' };
  const lines = note.slice(text.length + 1).split('\n');
  let seen = false;
  for (const line of lines) {
    if (!line.startsWith(`${SIG_PREFIX}${verifier.name} `)) continue;
    const blob = decodeBase64(line.slice(SIG_PREFIX.length + verifier.name.length + 1));
    if (!blob || blob.length !== 76) continue;
    const buf = Buffer.from(blob);
    if (buf.readUInt32BE(0) !== verifier.keyHash) continue;
    seen = true;
    const time = buf.readBigUInt64BE(4);
    if (time > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    let good = false;
    try {
      good = verify(null, cosignedMessage(text, Number(time)), verifier.publicKey, buf.subarray(12));
    } catch {
      good = false;
    }
    if (good) return { ok: true, time: Number(time) };
  }
  return { ok: false, reason: seen ? `invalid cosignature by ${verifier.name}` : `no cosignature by ${verifier.name}` };
}
