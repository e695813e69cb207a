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

/** The plain definition: keys sorted by Array.prototype.sort at every level. */
const reference = (v: unknown): string => {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  const o = v as Record<string, unknown>;
  const parts = Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`);
  return `{${parts.join(',')}}`;
};

describe('canonicalJson', () => {
  it('sorts keys exactly as Array.prototype.sort does, short objects and long, any characters (property)', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constant('__proto__x'),
    );
    const obj = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 40 });
    fc.assert(
      fc.property(fc.oneof(obj, fc.array(obj, { maxLength: 3 }), fc.dictionary(key, obj, { maxKeys: 6 })), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 500 },
    );
  });

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
