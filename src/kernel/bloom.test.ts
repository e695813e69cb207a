import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScalableBloom } from './bloom.ts';

describe('ScalableBloom', () => {
  it('never forgets a key it was given (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 500 }), (keys) => {
        const b = new ScalableBloom(64); // tiny, so layers are added
        for (const k of keys) b.add(k);
        for (const k of keys) expect(b.mightContain(k)).toBe(true);
      }),
    );
  });

  it('keeps false positives near 1% as it grows past its first layer', () => {
    const b = new ScalableBloom(10_000);
    for (let i = 0; i < 40_000; i++) b.add(`ten_1\u0000evt-${i}`);
    let fp = 0;
    for (let i = 0; i < 20_000; i++) if (b.mightContain(`ten_1\u0000other-${i}`)) fp++;
    expect(fp / 20_000).toBeLessThan(0.04);
  });
});
