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

  it('keeps false positives at or under 1% at capacity and as it grows past its first layer', () => {
    const rate = (b: ScalableBloom): number => {
      let fp = 0;
      for (let i = 0; i < 20_000; i++) if (b.mightContain(`ten_1\u0000other-${i}`)) fp++;
      return fp / 20_000;
    };
    const full = new ScalableBloom(40_000);
    for (let i = 0; i < 40_000; i++) full.add(`ten_1\u0000evt-${i}`);
    expect(rate(full)).toBeLessThanOrEqual(0.01);
    // Three layers (10k, 20k, 40k capacity): each adds at most its own 1%, and the sizes round up.
    const grown = new ScalableBloom(10_000);
    for (let i = 0; i < 40_000; i++) grown.add(`ten_1\u0000evt-${i}`);
    expect(rate(grown)).toBeLessThanOrEqual(0.01);
  });
});
