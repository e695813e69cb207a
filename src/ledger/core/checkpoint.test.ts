import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import { formatVerifierKey, parseVerifierKey, signNote, verifyNote } from './note.ts';
import type { NoteSigner, NoteVerifier } from './note.ts';
import { MemoryTree } from './memory-tree.ts';

// The example checkpoint of the C2SP tlog-checkpoint spec (its public key is not published, so only
// the text and the signature line syntax can be checked).
const SPEC_EXAMPLE =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
  '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';

function keys(name: string): { signer: NoteSigner; verifier: NoteVerifier } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const parsed = parseVerifierKey(formatVerifierKey(name, publicKey));
  if (!parsed.ok) throw new Error(parsed.reason);
  return { signer: { name, privateKey }, verifier: parsed.verifier };
}

const ORIGIN = 'zhili.example/audit';
const tree = new MemoryTree();
for (let i = 0; i < 10; i++) tree.appendEntry(`event ${i}`);
const checkpoint = { origin: ORIGIN, size: tree.size, rootHash: tree.root() };

describe('checkpoint text', () => {
  it('formats origin, size and base64 root, one per line', () => {
    const text = formatCheckpoint(checkpoint);
    expect(text).toBe(`${ORIGIN}\n10\n${Buffer.from(tree.root()).toString('base64')}\n`);
    const parsed = parseCheckpoint(text);
    expect(parsed.ok && parsed.checkpoint).toEqual({
      ...checkpoint,
      rootHash: new Uint8Array(tree.root()),
      extensions: [],
    });
  });

  it('round-trips extension lines and the empty tree', () => {
    const text = formatCheckpoint({
      origin: ORIGIN,
      size: 0,
      rootHash: new MemoryTree().root(),
      extensions: ['ext one', 'two'],
    });
    const parsed = parseCheckpoint(text);
    expect(parsed.ok && parsed.checkpoint.extensions).toEqual(['ext one', 'two']);
    expect(parsed.ok && parsed.checkpoint.size).toBe(0);
  });

  it('parses the C2SP spec example and reports its unknown signer', () => {
    const opened = verifyNote(SPEC_EXAMPLE, []);
    expect(opened.ok).toBe(false);
    expect(opened.unverified).toEqual([
      expect.objectContaining({ name: 'example.com/behind-the-sofa', keyHash: 0x033de0ae }),
    ]);
    const parsed = parseCheckpoint(SPEC_EXAMPLE.slice(0, SPEC_EXAMPLE.indexOf('\n\n') + 1));
    expect(parsed.ok && [parsed.checkpoint.origin, parsed.checkpoint.size]).toEqual([
      'example.com/behind-the-sofa',
      20852163,
    ]);
  });

  it('rejects malformed checkpoints', () => {
    const root = Buffer.from(tree.root()).toString('base64');
    const bad = [
      '',
      `${ORIGIN}\n10\n${root}`, // no final newline
      `${ORIGIN}\n10\n`, // no root line
      `\n10\n${root}\n`, // empty origin
      `${ORIGIN}\n010\n${root}\n`, // leading zero
      `${ORIGIN}\n+10\n${root}\n`,
      `${ORIGIN}\n-1\n${root}\n`,
      `${ORIGIN}\n1e3\n${root}\n`,
      `${ORIGIN}\n 10\n${root}\n`,
      `${ORIGIN}\n18446744073709551616\n${root}\n`, // beyond 2^64, and beyond 2^53
      `${ORIGIN}\n10\n${root.slice(0, -1)}\n`, // bad padding
      `${ORIGIN}\n10\n${Buffer.alloc(31).toString('base64')}\n`, // 31-byte hash
      `${ORIGIN}\n10\n${root.replace(/=$/, '')}\n`,
      `${ORIGIN}\n10\n${root}\n\n`, // empty extension line
      `${ORIGIN}\n10\n${root}\n\next\n`,
      `${ORIGIN}\r\n10\n${root}\n`, // control character
      SPEC_EXAMPLE, // a whole signed note is not a checkpoint text
    ];
    for (const text of bad) expect(parseCheckpoint(text).ok, JSON.stringify(text)).toBe(false);
    expect(() => formatCheckpoint({ ...checkpoint, origin: 'a\nb' })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...checkpoint, size: -1 })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...checkpoint, rootHash: new Uint8Array(31) })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...checkpoint, extensions: [''] })).toThrow(TypeError);
  });
});

describe('signed checkpoints', () => {
  const log = keys(ORIGIN);
  const stranger = keys('stranger.example/log');

  it('sign → open round trip', () => {
    const note = signCheckpoint(checkpoint, log.signer);
    expect(note.startsWith(formatCheckpoint(checkpoint) + '\n\u2014 zhili.example/audit ')).toBe(true);
    const opened = openCheckpoint(note, [log.verifier], ORIGIN);
    expect(opened).toMatchObject({ ok: true, checkpoint: { origin: ORIGIN, size: 10 }, verified: [{ name: ORIGIN }] });
    expect(opened.ok && Buffer.from(opened.checkpoint.rootHash).equals(Buffer.from(tree.root()))).toBe(true);
  });

  it('a changed size, root or origin fails verification', () => {
    const note = signCheckpoint(checkpoint, log.signer);
    const root = Buffer.from(tree.root()).toString('base64');
    const otherRoot = Buffer.from(tree.root(9)).toString('base64');
    const tampered = [
      note.replace('\n10\n', '\n11\n'),
      note.replace(root, otherRoot),
      note.replace(`${ORIGIN}\n`, 'zhili.example/other\n'),
    ];
    for (const t of tampered) {
      expect(t).not.toBe(note);
      expect(openCheckpoint(t, [log.verifier])).toMatchObject({
        ok: false,
        reason: `invalid signature for key ${ORIGIN}+${log.verifier.keyHash.toString(16).padStart(8, '0')}`,
      });
    }
  });

  it('reports a checkpoint signed only by an unknown key', () => {
    const note = signCheckpoint(checkpoint, stranger.signer);
    const opened = openCheckpoint(note, [log.verifier]);
    expect(opened).toMatchObject({ ok: false, reason: 'note has no verifiable signatures' });
    expect(opened.unverified).toEqual([
      expect.objectContaining({ name: 'stranger.example/log', keyHash: stranger.verifier.keyHash }),
    ]);
  });

  it('rejects a well-signed note whose text is not a checkpoint, or with another origin', () => {
    expect(openCheckpoint(signNote('hello\n', log.signer), [log.verifier]).ok).toBe(false);
    expect(openCheckpoint(signCheckpoint(checkpoint, log.signer), [log.verifier], 'zhili.example/other')).toMatchObject(
      { ok: false },
    );
  });
});
