import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash.ts';

const shuffle = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(shuffle);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, shuffle(x)]),
    );
  }
  return v;
};

describe('canonicalJson', () => {
  it('is valid JSON of the same value, and the same text whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalJson(shuffle(v))).toBe(text);
      }),
    );
  });
});
