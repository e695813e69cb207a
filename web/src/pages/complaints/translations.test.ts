// Every string of the consumer-protection pages exists in both languages, and none is empty.
import { describe, expect, it } from 'vitest';
import cmpEn from './en.json';
import cmpZh from './zh-CN.json';
import dscEn from '../disclosures/en.json';
import dscZh from '../disclosures/zh-CN.json';
import prvEn from '../privacy/en.json';
import prvZh from '../privacy/zh-CN.json';
import suiEn from '../suitability/en.json';
import suiZh from '../suitability/zh-CN.json';

function leaves(v: unknown, path = ''): [string, unknown][] {
  if (v && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
  return [[path, v]];
}

describe.each([
  ['complaints', cmpEn, cmpZh],
  ['disclosures', dscEn, dscZh],
  ['privacy', prvEn, prvZh],
  ['suitability', suiEn, suiZh],
])('%s translations', (_page, en, zh) => {
  it('have the same keys in English and Chinese, each a non-empty string', () => {
    const e = leaves(en);
    const z = leaves(zh);
    expect(z.map(([k]) => k).sort()).toEqual(e.map(([k]) => k).sort());
    for (const [k, v] of [...e, ...z]) expect(typeof v === 'string' && v.trim() !== '', k).toBe(true);
  });

  it('keep the same interpolations in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const zhOf = new Map(leaves(zh));
    for (const [k, v] of leaves(en)) expect(vars(zhOf.get(k)), k).toEqual(vars(v));
  });
});
