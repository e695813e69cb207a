import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkScores, type NetworkTally } from './network.ts';

/** The definition, computed the slow way: per account, walk every scored account's counterparties. */
function reference(
  tallies: Map<string, NetworkTally>,
  nb: Map<string, Set<string>>,
  share: number,
  degree: number,
  cap: number,
): Map<string, number> {
  const ids = new Set([...tallies.keys(), ...nb.keys()]);
  const out = new Map<string, number>();
  for (const a of ids) {
    let s = tallies.get(a)?.score ?? 0;
    s += degree * (nb.get(a)?.size ?? 0);
    for (const [b, t] of tallies) {
      const bn = nb.get(b);
      const suspicion = t.alerted ? 1 : Math.min(1, t.score / cap);
      if (bn?.has(a)) s += (share * suspicion) / bn.size;
    }
    out.set(a, s);
  }
  return out;
}

describe('networkScores', () => {
  it('spreads each alerted account over its counterparties, and others in proportion to their score', () => {
    const tallies = new Map<string, NetworkTally>([
      ['mule', { score: 100, alerted: true }],
      ['shop', { score: 40, alerted: true }],
      ['weak', { score: 30, alerted: false }],
    ]);
    const nb = new Map<string, Set<string>>([
      ['mule', new Set(['a', 'b'])],
      ['shop', new Set(['a', 'c', 'd', 'e'])],
      ['a', new Set(['mule', 'shop'])],
      ['b', new Set(['mule', 'weak'])],
      ['weak', new Set(['b'])],
    ]);
    const s = networkScores(tallies, nb, { share: 100, degree: 0, cap: 60 });
    expect(s.get('b')).toBe(100);
    expect(s.get('a')).toBe(75);
    expect(s.get('c')).toBe(25);
    expect(s.get('mule')).toBe(100);
  });

  it('matches the brute-force definition on random graphs', () => {
    const id = fc.integer({ min: 0, max: 12 }).map((n) => `acc${n}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, id), { maxLength: 40 }),
        fc.array(fc.tuple(id, fc.integer({ min: 0, max: 300 }), fc.boolean()), { maxLength: 13 }),
        (edges, tallyRows) => {
          const nb = new Map<string, Set<string>>();
          const link = (x: string, y: string): void => {
            if (!nb.has(x)) nb.set(x, new Set());
            nb.get(x)?.add(y);
          };
          for (const [x, y] of edges) {
            if (x === y) continue;
            link(x, y);
            link(y, x);
          }
          const tallies = new Map(tallyRows.map(([a, score, alerted]) => [a, { score, alerted }]));
          const got = networkScores(tallies, nb, { share: 100, degree: 0.5, cap: 60 });
          const want = reference(tallies, nb, 100, 0.5, 60);
          expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
          for (const [a, v] of want) expect(got.get(a)).toBeCloseTo(v, 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
