import { describe, expect, it } from 'vitest';
import { seededRandom, stratifiedSplit } from './split.ts';

describe('seeded stratified split', () => {
  const isBad = Array.from({ length: 1000 }, (_, i) => i % 10 < 3);
  it('keeps each class share, covers every row once, and repeats for the same seed', () => {
    const s = stratifiedSplit(isBad, 0.7, 42);
    expect(s.train.length).toBe(700);
    expect(s.train.filter((i) => isBad[i]).length).toBe(210);
    expect(s.test.filter((i) => isBad[i]).length).toBe(90);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(isBad.map((_, i) => i));
    expect(stratifiedSplit(isBad, 0.7, 42)).toEqual(s);
    expect(stratifiedSplit(isBad, 0.7, 43).train).not.toEqual(s.train);
  });
  it('the generator is mulberry32 (fixed values, the same on every platform)', () => {
    const r = seededRandom(1);
    const first = [r(), r(), r()];
    expect(first.every((v) => v >= 0 && v < 1)).toBe(true);
    const again = seededRandom(1);
    expect([again(), again(), again()]).toEqual(first);
    expect(first[0]).toBeCloseTo(0.6270739405881613, 15);
  });
});
