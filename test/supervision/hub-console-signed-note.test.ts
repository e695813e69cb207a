import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatVerifierKey, signNote } from '../../src/ledger/index.ts';
import { parseSignedNote } from '../../web/src/hub/signed-note.ts';

describe('parseSignedNote', () => {
  it("reads size, root and the signer's key hash as in the verifier key", () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const text = 'hub.example/audit\n42\nq2Vmm0w2n8uSa6tH0Vw4jN2qGm9+8pWqTsc3rF9zv0E=\n';
    const note = signNote(text, [{ name: 'hub.example', privateKey }]);
    const v = parseSignedNote(note);
    expect(v).toMatchObject({ origin: 'hub.example/audit', size: 42, rootHash: text.split('\n')[2] });
    const vkey = formatVerifierKey('hub.example', privateKey);
    expect(vkey.startsWith(`${v?.signatures[0]?.name}+${v?.signatures[0]?.keyHash}+`)).toBe(true);
  });
  it('refuses text that is not a checkpoint', () => {
    expect(parseSignedNote('nope')).toBeUndefined();
    expect(parseSignedNote('o\nx\nroot\n\n— k AAAA\n')).toBeUndefined();
  });
});
