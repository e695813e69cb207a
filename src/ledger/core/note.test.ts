/** Signed notes: the golang.org/x/mod/sumdb/note published example, round trips and strict parsing. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatSignerKey,
  formatVerifierKey,
  isValidKeyName,
  keyHash,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifyNote,
} from './note.ts';
import type { NoteSigner, NoteVerifier } from './note.ts';

// Published in golang.org/x/mod/sumdb/note (package docs and note_test.go): a real Ed25519 key pair,
// and the note it signed. Ed25519 is deterministic, so signing must reproduce it byte for byte.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const ENOCH_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

function verifier(vkey: string): NoteVerifier {
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.verifier;
}

function signer(skey: string): NoteSigner {
  const parsed = parseSignerKey(skey);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.signer;
}

function freshSigner(name: string): NoteSigner & { vkey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { name, privateKey, vkey: formatVerifierKey(name, publicKey) };
}

describe('published golang.org/x/mod/sumdb/note example', () => {
  const peter = verifier(PETER_VKEY);
  const enoch = verifier(ENOCH_VKEY);

  it('parses the keys, whose key IDs match their names and keys', () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyHash).toBe(0xc74f20a3);
    expect(formatVerifierKey('PeterNeumann', peter.publicKey)).toBe(PETER_VKEY);
    const s = signer(PETER_SKEY);
    expect(formatSignerKey(s)).toBe(PETER_SKEY);
    expect(formatVerifierKey(s.name, s.privateKey)).toBe(PETER_VKEY);
  });

  it('reproduces the published signature byte for byte', () => {
    expect(signNote(TEXT, signer(PETER_SKEY))).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('verifies the published note and reports the unknown signer', () => {
    const result = verifyNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
    expect(result).toMatchObject({ ok: true, text: TEXT, verified: [{ name: 'PeterNeumann', keyHash: 0xc74f20a3 }] });
    expect(result.unverified).toEqual([
      { name: 'EnochRoot', keyHash: 0xaf0cfe78, base64: ENOCH_SIG.slice('\u2014 EnochRoot '.length, -1) },
    ]);
    const both = verifyNote(Buffer.from(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [peter, enoch]);
    expect(both.ok && both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('rejects a note signed by no known key, listing who signed it', () => {
    const result = verifyNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: 'note has no verifiable signatures' });
    expect(result.unverified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('rejects an altered text, a corrupted known signature and ambiguous verifiers', () => {
    expect(verifyNote(`${TEXT.replace('cryptography', 'cryptographY')}\n${PETER_SIG}`, [peter]).ok).toBe(false);
    const corrupted = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(verifyNote(corrupted, [peter])).toMatchObject({
      ok: false,
      reason: 'invalid signature for key PeterNeumann+c74f20a3',
    });
    expect(verifyNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch])).toMatchObject({
      ok: false,
      reason: 'ambiguous key EnochRoot+af0cfe78',
    });
    expect(verifyNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, enoch]).ok).toBe(true);
  });

  it('drops repeated signatures and caps their number at 100', () => {
    const result = verifyNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [peter]);
    expect(result.ok && [result.verified.length, result.unverified.length]).toEqual([1, 1]);
    expect(verifyNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter]).ok).toBe(false);
  });

  it('rejects malformed notes', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `\uD800${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG\n`,
      `${TEXT}\n\u2014 PeterNeumann AAAA\n`,
    ];
    for (const note of bad) expect(verifyNote(note, [peter]).ok, JSON.stringify(note)).toBe(false);
    expect(verifyNote(new Uint8Array([0xff, ...Buffer.from(`${TEXT}\n${PETER_SIG}`)]), [peter]).ok).toBe(false);
  });

  it('rejects mangled verifier and signer keys', () => {
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const mangled =
        PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      expect(parseVerifierKey(mangled).ok, mangled).toBe(false);
    }
    for (let i = 1; i < PETER_VKEY.length; i++) expect(parseVerifierKey(PETER_VKEY.slice(0, i)).ok).toBe(false);
    for (let i = 0; i < PETER_SKEY.length; i++) {
      const mangled =
        PETER_SKEY.slice(0, i) + String.fromCharCode(PETER_SKEY.charCodeAt(i) + 1) + PETER_SKEY.slice(i + 1);
      expect(parseSignerKey(mangled).ok, mangled).toBe(false);
    }
  });
});

describe('sign → verify round trip', () => {
  it('signs with several keys and verifies with any of them', () => {
    const log = freshSigner('zhili.example/audit');
    const witness = freshSigner('witness.example/w1');
    const note = signNote('hello\n\nworld\n', [log, witness]);
    const result = verifyNote(note, [verifier(witness.vkey)]);
    expect(result).toMatchObject({ ok: true, text: 'hello\n\nworld\n', verified: [{ name: 'witness.example/w1' }] });
    expect(result.unverified.map((s) => s.name)).toEqual(['zhili.example/audit']);
    const id = verifier(log.vkey).keyHash;
    expect(result.unverified[0]?.keyHash).toBe(id);
  });

  it('refuses to sign invalid text or with an invalid key name', () => {
    const log = freshSigner('zhili.example/audit');
    expect(() => signNote('no newline', log)).toThrow(TypeError);
    expect(() => signNote('tab\there\n', log)).toThrow(TypeError);
    expect(() => signNote('ok\n', { ...log, name: 'a+b' })).toThrow(TypeError);
    expect(() => signNote('ok\n', [])).toThrow(TypeError);
  });

  it('a same-name key with another key ID is unknown, not a failure of the known key', () => {
    const real = freshSigner('zhili.example/audit');
    const impostor = freshSigner('zhili.example/audit');
    const result = verifyNote(signNote('x\n', impostor), [verifier(real.vkey)]);
    expect(result).toMatchObject({ ok: false, reason: 'note has no verifiable signatures' });
    expect(result.unverified).toHaveLength(1);
  });

  it('validates key names', () => {
    expect(isValidKeyName('example.com/log42')).toBe(true);
    for (const name of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u2003b']) expect(isValidKeyName(name)).toBe(false);
    expect(keyHash('PeterNeumann', new Uint8Array(32))).toBeGreaterThanOrEqual(0);
  });
});
