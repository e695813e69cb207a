/**
 * The hub's pure core: the platform status state machine, the add-checkpoint body, cosignature/v1
 * (key ID, message and line per C2SP tlog-cosignature), the witness's judgement and staleness.
 */
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MemoryTree,
  consistencyProof,
  cosign,
  decodeBase64,
  ed25519PublicKeyBytes,
  encodeBase64,
  formatCosignerKey,
  formatCosignerVerifierKey,
  hashLeaf,
  parseCosignerKey,
  parseCosignerVerifierKey,
  signCheckpoint,
  verifyCosignature,
  type NoteSigner,
} from '../../src/ledger/index.ts';
import { parseVerifierKey, formatVerifierKey } from '../../src/ledger/index.ts';
import {
  allowedNext,
  checkDecision,
  checkTransition,
  formatAddCheckpoint,
  judgeCheckpoint,
  parseAddCheckpoint,
  platformStatuses,
  staleWitnesses,
} from '../../src/supervision/index.ts';

describe('platform status state machine', () => {
  it('allows only the listed transitions; exit is final', () => {
    const table = Object.fromEntries(platformStatuses.map((s) => [s, [...allowedNext(s)]]));
    expect(table).toEqual({
      applying: ['licensed', 'exited'],
      licensed: ['restricted', 'suspended', 'winding_down'],
      restricted: ['licensed', 'suspended', 'winding_down'],
      suspended: ['licensed', 'restricted', 'winding_down'],
      winding_down: ['exited'],
      exited: [],
    });
    for (const from of platformStatuses)
      for (const to of platformStatuses)
        expect(checkTransition(from, to).ok, `${from} → ${to}`).toBe(allowedNext(from).includes(to));
    const no = checkTransition('licensed', 'exited');
    expect(no.ok).toBe(false);
    if (!no.ok) expect(no.reasonZh).toContain('不能从 licensed 变更为 exited');
  });

  it('four eyes: the proposer cannot decide; a stale or decided proposal cannot be applied', () => {
    const c = { from: 'licensed', to: 'suspended', proposedBy: 'sup_a', decision: 'pending' } as const;
    expect(checkDecision(c, 'sup_a', 'licensed').ok).toBe(false);
    expect(checkDecision(c, 'sup_b', 'licensed').ok).toBe(true);
    expect(checkDecision(c, 'sup_b', 'restricted').ok).toBe(false);
    expect(checkDecision({ ...c, decision: 'approved' }, 'sup_b', 'licensed').ok).toBe(false);
  });
});

describe('add-checkpoint body (C2SP tlog-witness)', () => {
  it('round-trips and refuses malformed bodies', () => {
    const h = new Uint8Array(32).fill(7);
    const body = formatAddCheckpoint(5, [h, h], 'o\n9\nroot\n\n— o sig\n');
    expect(body).toBe(`old 5\n${encodeBase64(h)}\n${encodeBase64(h)}\n\no\n9\nroot\n\n— o sig\n`);
    const p = parseAddCheckpoint(body);
    expect(p.ok && p.request.oldSize).toBe(5);
    expect(p.ok && p.request.note).toBe('o\n9\nroot\n\n— o sig\n');
    for (const bad of [
      'old 05\n\nx',
      'old -1\n\nx',
      'new 1\n\nx',
      'old 1\nnot-base64\n\nx',
      `old 0\n${encodeBase64(h)}\n\nx`,
      'old 1',
      `old 1\n${`${encodeBase64(h)}\n`.repeat(64)}\nx`,
    ])
      expect(parseAddCheckpoint(bad).ok, bad.slice(0, 20)).toBe(false);
  });
});

const ed = () => generateKeyPairSync('ed25519').privateKey;

describe('cosignature/v1 (C2SP tlog-cosignature)', () => {
  const witness = { name: 'witness.example/w1', privateKey: ed() };

  it('computes the key ID with signature type 0x04 and signs "cosignature/v1\\ntime <t>\\n" + the checkpoint', () => {
    const pub = ed25519PublicKeyBytes(witness.privateKey);
    const vkey = formatCosignerVerifierKey(witness.name, witness.privateKey);
    const id = createHash('sha256').update(`${witness.name}\n`).update(Uint8Array.of(0x04)).update(pub).digest();
    expect(vkey).toBe(`${witness.name}+${id.subarray(0, 4).toString('hex')}+${encodeBase64(Uint8Array.of(4, ...pub))}`);
    const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const line = cosign(text, witness, 1679315147);
    expect(line).toMatch(/^— witness\.example\/w1 [A-Za-z0-9+/=]+\n$/);
    const blob = Buffer.from(decodeBase64(line.trim().split(' ')[2] ?? '') ?? []);
    expect(blob).toHaveLength(4 + 8 + 64);
    expect(blob.subarray(0, 4)).toEqual(id.subarray(0, 4));
    expect(blob.readBigUInt64BE(4)).toBe(1679315147n);
    const message = Buffer.from(`cosignature/v1\ntime 1679315147\n${text}`);
    expect(verify(null, message, witness.privateKey, blob.subarray(12))).toBe(true);
  });

  it('verifies only the pinned key, over this exact checkpoint', () => {
    const log: NoteSigner = { name: 'log.example', privateKey: ed() };
    const note = signCheckpoint({ origin: 'log.example', size: 3, rootHash: new Uint8Array(32) }, log);
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    const cosigned = `${note}${cosign(text, witness, 100)}`;
    const pinned = parseCosignerVerifierKey(formatCosignerVerifierKey(witness.name, witness.privateKey));
    if (!pinned.ok) throw new Error(pinned.reason);
    expect(verifyCosignature(cosigned, pinned.verifier)).toEqual({ ok: true, time: 100 });
    expect(verifyCosignature(note, pinned.verifier).ok).toBe(false);
    const other = parseCosignerVerifierKey(formatCosignerVerifierKey(witness.name, ed()));
    if (!other.ok) throw new Error(other.reason);
    expect(verifyCosignature(cosigned, other.verifier).ok).toBe(false);
    expect(verifyCosignature(cosigned.replace('\n3\n', '\n4\n'), pinned.verifier).ok).toBe(false);
    // A signed-note verifier key (type 0x01) is not a cosigner key, and the signer key round-trips.
    expect(parseCosignerVerifierKey(formatVerifierKey(witness.name, witness.privateKey)).ok).toBe(false);
    const back = parseCosignerKey(formatCosignerKey(witness));
    expect(back.ok && formatCosignerVerifierKey(back.cosigner.name, back.cosigner.privateKey)).toBe(
      formatCosignerVerifierKey(witness.name, witness.privateKey),
    );
  });
});

describe('the witness judgement', () => {
  const log: NoteSigner = { name: 'p.example/audit', privateKey: ed() };
  const keys = (() => {
    const v = parseVerifierKey(formatVerifierKey(log.name, log.privateKey));
    if (!v.ok) throw new Error(v.reason);
    return [v.verifier];
  })();
  const tree = new MemoryTree();
  for (let i = 0; i < 12; i++) tree.append(hashLeaf(`entry ${i}`));
  const note = (size: number, signer = log, root = tree.root(size)) =>
    signCheckpoint({ origin: log.name, size, rootHash: root }, signer);
  const accepted = (size: number) => ({ size, rootHash: encodeBase64(tree.root(size)), note: note(size) });

  it('cosigns the first checkpoint and a consistent extension', () => {
    expect(judgeCheckpoint({ oldSize: 0, proof: [], note: note(5) }, keys, log.name, undefined).kind).toBe('cosign');
    const proof = consistencyProof(tree, 5, 12);
    expect(judgeCheckpoint({ oldSize: 5, proof, note: note(12) }, keys, log.name, accepted(5)).kind).toBe('cosign');
    expect(judgeCheckpoint({ oldSize: 5, proof: [], note: note(5) }, keys, log.name, accepted(5)).kind).toBe('cosign');
  });

  it('answers a size mismatch with the latest size, and alarms forks, bad proofs, shrinking and unknown keys', () => {
    expect(judgeCheckpoint({ oldSize: 0, proof: [], note: note(12) }, keys, log.name, accepted(5))).toEqual({
      kind: 'size_mismatch',
      latestSize: 5,
    });
    const fork = judgeCheckpoint(
      { oldSize: 5, proof: [], note: note(5, log, tree.root(6)) },
      keys,
      log.name,
      accepted(5),
    );
    expect(fork).toMatchObject({ kind: 'conflict', alert: 'inconsistent', latestSize: 5 });
    const rewritten = new MemoryTree();
    for (let i = 0; i < 12; i++) rewritten.append(hashLeaf(i === 2 ? 'forged' : `entry ${i}`));
    const bad = judgeCheckpoint(
      { oldSize: 5, proof: consistencyProof(rewritten, 5, 12), note: note(12, log, rewritten.root(12)) },
      keys,
      log.name,
      accepted(5),
    );
    expect(bad).toMatchObject({ kind: 'bad_proof', alert: 'inconsistent' });
    expect(judgeCheckpoint({ oldSize: 5, proof: [], note: note(3) }, keys, log.name, accepted(5))).toMatchObject({
      kind: 'bad_request',
      alert: 'inconsistent',
    });
    const stranger = { name: log.name, privateKey: ed() };
    expect(
      judgeCheckpoint({ oldSize: 5, proof: [], note: note(5, stranger) }, keys, log.name, accepted(5)),
    ).toMatchObject({ kind: 'unknown_key', alert: 'unknown_key' });
  });
});

describe('staleness', () => {
  it('flags watched platforms silent for longer than the interval, from registration when never seen', () => {
    const p = (platformId: string, status: 'licensed' | 'applying' | 'exited', lastAdvancedAt: number | null) => ({
      platformId,
      status,
      registeredAt: 0,
      lastAdvancedAt,
    });
    const got = staleWitnesses(
      [
        p('a', 'licensed', 1000),
        p('b', 'licensed', 9000),
        p('c', 'licensed', null),
        p('d', 'applying', null),
        p('e', 'exited', 0),
      ],
      10_000,
      5000,
    );
    expect(got).toEqual([
      { platformId: 'a', since: 1000, silentMs: 9000 },
      { platformId: 'c', since: 0, silentMs: 10_000 },
    ]);
  });
});
