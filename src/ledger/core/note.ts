/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, compatible with
 * golang.org/x/mod/sumdb/note:
 *
 *   <text ending in \n>\n— <key name> <base64(4-byte key ID ‖ 64-byte signature)>\n…
 *
 * key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4]
 * verifier key = <name>+<key ID, 8 hex>+<base64(0x01 ‖ public key)>
 * signer key   = PRIVATE+KEY+<name>+<key ID, 8 hex>+<base64(0x01 ‖ 32-byte seed)>
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';

/** Signs notes: the key name and an Ed25519 private key. */
export interface NoteSigner {
  readonly name: string;
  readonly privateKey: KeyObject;
}

/** A trusted key, as parsed from a verifier key string. */
export interface NoteVerifier {
  readonly name: string;
  /** Key ID as an unsigned 32-bit integer. */
  readonly keyHash: number;
  readonly publicKey: KeyObject;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyHash: number;
  /** base64(key ID ‖ signature), as in the note. */
  readonly base64: string;
}

export type NoteVerification =
  | { ok: true; text: string; verified: NoteSignature[]; unverified: NoteSignature[] }
  | { ok: false; reason: string; unverified: NoteSignature[] };

export const ALG_ED25519 = 0x01;
/** Maximum number of signature lines accepted (as golang.org/x/mod/sumdb/note). */
export const MAX_SIGNATURES = 100;
const SIG_PREFIX = '\u2014 '; // em dash, space
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Non-empty, no Unicode spaces, no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && isWellFormed(name);
}

/** Valid note text: ends with a newline, no control characters but newline, no lone surrogates. */
export function isValidNoteText(text: string): boolean {
  return text.endsWith('\n') && !/[\u0000-\u0009\u000b-\u001f]/.test(text) && isWellFormed(text);
}

function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** The raw 32-byte Ed25519 public key of a public or private KeyObject. */
export function ed25519PublicKeyBytes(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  if (pub.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 key');
  const der = pub.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

/** Key ID of an Ed25519 key: first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), big-endian. */
export function keyHash(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update('\n')
    .update(Uint8Array.of(ALG_ED25519))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** `<name>+<key ID hex>+<base64(0x01 ‖ public key)>` for an Ed25519 public (or private) key. */
export function formatVerifierKey(name: string, key: KeyObject | Uint8Array): string {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  const raw = key instanceof Uint8Array ? key : ed25519PublicKeyBytes(key);
  if (raw.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes');
  return `${name}+${hex8(keyHash(name, raw))}+${encodeBase64(Uint8Array.of(ALG_ED25519, ...raw))}`;
}

/** Splits `<name>+<hex>+<base64>` and checks the key ID; the key bytes are [alg, ...key]. */
function parseKeyParts(text: string): { name: string; id: number; key: Uint8Array } | string {
  // The name and the key ID hold no '+'; the base64 key may.
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) return 'expected <name>+<key id>+<key>';
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  const keyB64 = text.slice(second + 1);
  if (!isValidKeyName(name)) return 'invalid key name';
  if (!/^[0-9a-f]{8}$/.test(idHex)) return 'key id must be 8 lowercase hex digits';
  const key = decodeBase64(keyB64);
  if (key === undefined) return 'key is not valid base64';
  if (key.length !== 33 || key[0] !== ALG_ED25519) return 'not an Ed25519 key (0x01 ‖ 32 bytes)';
  return { name, id: Number.parseInt(idHex, 16), key: key.subarray(1) };
}

/** Parses a verifier key string; its key ID must match the name and key. */
export function parseVerifierKey(vkey: string): { ok: true; verifier: NoteVerifier } | { ok: false; reason: string } {
  const parts = parseKeyParts(vkey);
  if (typeof parts === 'string') return { ok: false, reason: parts };
  if (keyHash(parts.name, parts.key) !== parts.id) return { ok: false, reason: 'key id does not match name and key' };
  try {
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519, parts.key]), format: 'der', type: 'spki' });
    return { ok: true, verifier: { name: parts.name, keyHash: parts.id, publicKey } };
  } catch {
    return { ok: false, reason: 'not a usable Ed25519 public key' };
  }
}

/** `PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 ‖ seed)>` for an Ed25519 private key. */
export function formatSignerKey(signer: NoteSigner): string {
  if (!isValidKeyName(signer.name)) throw new TypeError(`invalid key name ${JSON.stringify(signer.name)}`);
  const jwk = signer.privateKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') throw new TypeError('not an Ed25519 private key');
  const seed = Buffer.from(jwk.d, 'base64url');
  const id = keyHash(signer.name, ed25519PublicKeyBytes(signer.privateKey));
  return `PRIVATE+KEY+${signer.name}+${hex8(id)}+${encodeBase64(Uint8Array.of(ALG_ED25519, ...seed))}`;
}

/** Parses a signer key string; its key ID must match the name and the derived public key. */
export function parseSignerKey(skey: string): { ok: true; signer: NoteSigner } | { ok: false; reason: string } {
  if (!skey.startsWith('PRIVATE+KEY+')) return { ok: false, reason: 'expected PRIVATE+KEY+<name>+<key id>+<key>' };
  const parts = parseKeyParts(skey.slice('PRIVATE+KEY+'.length));
  if (typeof parts === 'string') return { ok: false, reason: parts };
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, parts.key]), format: 'der', type: 'pkcs8' });
  if (keyHash(parts.name, ed25519PublicKeyBytes(privateKey)) !== parts.id) {
    return { ok: false, reason: 'key id does not match name and key' };
  }
  return { ok: true, signer: { name: parts.name, privateKey } };
}

/**
 * Signs `text` (a valid note text, ending in a newline) with each signer, in order, and returns the
 * signed note. Throws TypeError for invalid text, key names or keys (caller bugs).
 */
export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): string {
  if (!isValidNoteText(text))
    throw new TypeError('invalid note text: must end with a newline and hold no control characters');
  const list: readonly NoteSigner[] = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (list.length === 0) throw new TypeError('at least one signer is required');
  const message = Buffer.from(text, 'utf8');
  let lines = '';
  for (const signer of list) {
    if (!isValidKeyName(signer.name)) throw new TypeError(`invalid key name ${JSON.stringify(signer.name)}`);
    const id = Buffer.alloc(4);
    id.writeUInt32BE(keyHash(signer.name, ed25519PublicKeyBytes(signer.privateKey)));
    const signature = sign(null, message, signer.privateKey);
    lines += `${SIG_PREFIX}${signer.name} ${encodeBase64(Buffer.concat([id, signature]))}\n`;
  }
  return `${text}\n${lines}`;
}

function safeVerify(message: Uint8Array, publicKey: KeyObject, signature: Uint8Array): boolean {
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

function decodeNote(note: string | Uint8Array): string | undefined {
  if (typeof note === 'string') return note;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    return undefined;
  }
}

/**
 * Opens a signed note: checks its syntax, verifies every signature whose (name, key ID) is among
 * `verifiers`, and lists the others as unverified. Fails when the note is malformed, when a known
 * key's signature does not verify, when two verifiers share a name and key ID, or when no known key
 * signed it. Repeated identical signature lines count once. Never throws.
 */
export function verifyNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): NoteVerification {
  const unverified: NoteSignature[] = [];
  const fail = (reason: string): NoteVerification => ({ ok: false, reason, unverified });
  const msg = decodeNote(note);
  if (msg === undefined) return fail('malformed note: not valid UTF-8');
  if (!isValidNoteText(msg)) return fail('malformed note: control characters, bad UTF-16 or no final newline');
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) return fail('malformed note: no blank line before the signatures');
  const text = msg.slice(0, split + 1);
  const sigLines = msg.slice(split + 2, -1);
  if (sigLines.length === 0) return fail('malformed note: no signatures');
  const lines = sigLines.split('\n');
  if (lines.length > MAX_SIGNATURES) return fail(`malformed note: more than ${MAX_SIGNATURES} signatures`);

  const message = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) return fail('malformed note: signature line must start with "— "');
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = rest.slice(0, space);
    const b64 = rest.slice(space + 1);
    const blob = space < 0 ? undefined : decodeBase64(b64);
    if (blob === undefined || !isValidKeyName(name) || blob.length < 5)
      return fail('malformed note: bad signature line');
    const id = Buffer.from(blob.buffer, blob.byteOffset, 4).readUInt32BE(0);
    const signature: NoteSignature = { name, keyHash: id, base64: b64 };
    const matches = verifiers.filter((v) => v.name === name && v.keyHash === id);
    if (matches.length > 1) return fail(`ambiguous key ${name}+${hex8(id)}`);
    const key = matches[0];
    const tag = `${name}+${id}+${key === undefined ? b64 : ''}`; // a known key signs once; unknown lines dedupe exactly
    if (seen.has(tag)) continue;
    seen.add(tag);
    if (key === undefined) {
      unverified.push(signature);
      continue;
    }
    const sig = blob.subarray(4);
    if (sig.length !== 64 || !safeVerify(message, key.publicKey, sig)) {
      return fail(`invalid signature for key ${name}+${hex8(id)}`);
    }
    verified.push(signature);
  }
  if (verified.length === 0) return fail('note has no verifiable signatures');
  return { ok: true, text, verified, unverified };
}
