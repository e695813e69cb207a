import { describe, expect, it } from 'vitest';
import { counterSealer, newKey, open, seal } from './aead.ts';

describe('AES-256-GCM envelopes', () => {
  it('opens what seal and a counter sealer write, and refuses another place (AAD)', () => {
    const key = newKey();
    const plain = Buffer.from('王秀英 110101199003071234', 'utf8');
    const sealCounter = counterSealer();
    for (const sealed of [seal(key, plain, 'a|1'), sealCounter(key, plain, 'a|1')]) {
      expect(open(key, sealed, 'a|1').toString('utf8')).toBe('王秀英 110101199003071234');
      expect(() => open(key, sealed, 'a|2')).toThrow();
    }
  });

  it('never repeats a nonce within a counter sealer, and sealers start from different random fields', () => {
    const key = newKey();
    const a = counterSealer();
    const b = counterSealer();
    const nonce = (s: string) => s.split('.')[1];
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 10_000; i++) seen.add(nonce(a(key, Buffer.from('x'), 'aad')));
    expect(seen.size).toBe(10_000);
    // The 4-byte random field differs between sealers (a collision has probability 2^-32).
    expect(Buffer.from(nonce(a(key, Buffer.from('x'), 'aad')) ?? '', 'base64url').subarray(0, 4)).not.toEqual(
      Buffer.from(nonce(b(key, Buffer.from('x'), 'aad')) ?? '', 'base64url').subarray(0, 4),
    );
  });
});
