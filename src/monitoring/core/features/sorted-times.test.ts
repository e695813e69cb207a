import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedTimes } from './sorted-times.ts';

describe('SortedTimes: a chunked sorted multiset', () => {
  it('counts, inserts and removes as a plain sorted array does (property)', () => {
    // Mostly ascending times with some late ones and many repeats, long enough for chunks to split and empty.
    const op = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.integer({ min: 0, max: 50 }) }), weight: 6 },
      {
        arbitrary: fc.record({ kind: fc.constant('late' as const), at: fc.integer({ min: 0, max: 3000 }) }),
        weight: 1,
      },
      { arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }), weight: 3 },
      {
        arbitrary: fc.record({ kind: fc.constant('count' as const), at: fc.integer({ min: 0, max: 3000 }) }),
        weight: 2,
      },
    );
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 4000 }),
        fc.array(fc.integer({ min: 0, max: 2000 })),
        (ops, seed) => {
          const s = SortedTimes.of(seed);
          const plain = [...seed].sort((a, b) => a - b);
          let clock = 0;
          for (const o of ops) {
            if (o.kind === 'add' || o.kind === 'late') {
              const t = o.kind === 'add' ? (clock += o.at) : Math.max(0, clock - o.at);
              s.insert(t);
              plain.push(t);
              plain.sort((a, b) => a - b);
            } else if (o.kind === 'remove') {
              if (plain.length === 0) continue;
              const t = plain[o.at % plain.length] as number;
              s.removeOne(t);
              plain.splice(plain.indexOf(t), 1);
            } else expect(s.countAtLeast(o.at)).toBe(plain.filter((t) => t >= o.at).length);
            expect(s.size).toBe(plain.length);
          }
          for (const x of [-1, 0, clock / 2, clock, clock + 1])
            expect(s.countAtLeast(x)).toBe(plain.filter((t) => t >= x).length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses to remove a value it does not hold', () => {
    const s = SortedTimes.of([1, 2, 3]);
    expect(() => s.removeOne(4)).toThrow('missing');
  });
});
