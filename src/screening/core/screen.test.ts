import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from './index-build.ts';
import { isOrgWord } from './normalize.ts';
import { DEFAULT_THRESHOLD, screen } from './screen.ts';
import type { ListEntry } from './types.ts';

const entry = (id: string, names: (string | [string, boolean])[], over: Partial<ListEntry> = {}): ListEntry => ({
  id,
  listId: 'test',
  kind: 'person',
  names: names.map((n, i) =>
    typeof n === 'string'
      ? { full: n, kind: i === 0 ? 'primary' : 'aka', weak: false }
      : { full: n[0], kind: 'aka', weak: n[1] },
  ),
  dobs: [],
  nationalities: [],
  countries: [],
  ids: [],
  programs: [],
  ...over,
});

const list = [
  entry('1', ['XI, Jinping'], { dobs: [{ year: 1953, month: 6, day: 15 }], nationalities: ['CN'] }),
  entry('2', ['NORIEGA, Manuel Antonio'], { dobs: [{ year: 1934, month: 2, day: 11 }] }),
  entry('3', ['AL-ZAWAHIRI, Ayman', ['ABU MUHAMMAD', true]], {
    ids: [{ type: 'Passport', number: '1084010', country: 'EG' }],
  }),
  entry('4', ['BANCO NACIONAL DE CUBA', 'NATIONAL BANK OF CUBA'], { kind: 'organisation' }),
  entry('5', ['Умаров Доку Хаматович', 'UMAROV, Doku Khamatovich']),
];
const index = buildIndex(list);
const top = (name: string, extra = {}) => screen(index, { name, ...extra }, { threshold: 0 })[0];

describe('screen', () => {
  it('finds XI Jinping from 习近平 and 習近平, and explains it as a pinyin match', () => {
    for (const q of ['习近平', '習近平', 'Xi Jinping', 'Jinping Xi', 'XIJINPING', 'xi jin ping', 'Xí Jìnpíng']) {
      const h = screen(index, { name: q })[0];
      expect(h?.entryId, q).toBe('1');
      expect(h!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    }
    const h = screen(index, { name: '习近平' })[0]!;
    expect(h.parts.map((p) => p.method)).toContain('pinyin');
    expect(h.parts.find((p) => p.entry === 'JINPING')).toMatchObject({ query: 'JINPING', similarity: 1 });
  });
  it('finds misspelt, reordered, initialled and transliterated names', () => {
    expect(top('Manuel Noriega')?.entryId).toBe('2');
    expect(top('Xanuel Antonio Noriega')?.entryId).toBe('2');
    expect(top('Ayman al-Zawahri')?.entryId).toBe('3');
    expect(top('Banco Nacional de Cuba S.A.')?.entryId).toBe('4');
    expect(top('Доку Умаров')?.entryId).toBe('5');
    expect(top('Doku Umarov')!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
  it('does not alert on unrelated names', () => {
    for (const q of ['John Smith', '王伟', 'Golden Harbor Logistics Ltd', 'Olga Petrova']) {
      expect(screen(index, { name: q }), q).toEqual([]);
    }
  });
  it('adds date of birth and nationality to the score, and says by how much', () => {
    const plain = top('Xi Jinping')!;
    const same = top('Xi Jinping', { dob: '1953-06-15', country: 'CN' })!;
    const other = top('Xi Jinping', { dob: '1990-01-01' })!;
    expect(same.score).toBeGreaterThan(plain.score);
    expect(other.score).toBeLessThan(plain.score);
    expect(same.factors.find((f) => f.factor === 'dob')!.logOdds).toBeGreaterThan(0);
    expect(other.factors.find((f) => f.factor === 'dob')!.logOdds).toBeLessThan(0);
  });
  it('treats an identical ID document number as decisive', () => {
    const h = screen(index, { name: 'Someone Else', ids: [{ type: 'passport', number: '1084-010' }] })[0]!;
    expect(h).toMatchObject({ entryId: '3', decisive: true, score: 1, recommendation: 'block' });
  });
  it('never recommends blocking on a weak alias alone', () => {
    const h = screen(index, { name: 'Abu Muhammad' })[0];
    expect(h).toMatchObject({ entryId: '3', weakOnly: true, recommendation: 'review' });
  });
  it('honours per-list thresholds', () => {
    expect(screen(index, { name: 'Manuel Noriega' }, { thresholds: { test: 0.9999 } })).toEqual([]);
  });
});

// Words that are organisation forms (LTD, OAO, …) are left out of names by design when screening; a
// random name made of one (the seed that found it: "Aaa Oao") matches only on its other words. That
// recall gap for persons with such a word in their name is a known limit; these properties
// are about everything else.
const word = fc.stringMatching(/^[A-Z][a-z]{2,9}$/).filter((w) => !isOrgWord(w.toUpperCase()));
const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

describe('matcher properties', () => {
  it('a listed name always finds itself at or above the threshold, in any word order', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 8 }), fc.nat(), (names, k) => {
        const ix = buildIndex(names.map((n, i) => entry(String(i), [n])));
        const i = k % names.length;
        const words = (names[i] ?? '').split(' ');
        for (const q of [names[i] ?? '', [...words].reverse().join(' ')]) {
          const hits = screen(ix, { name: q }, { maxHits: 50 });
          const self = hits.find((h) => h.entryId === String(i) || names[Number(h.entryId)] === names[i]);
          if (!self || self.score < DEFAULT_THRESHOLD) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
  it('scores are probabilities in [0,1], and an exact name outscores any variant of it', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const ix = buildIndex([entry('a', [a])]);
        const exact = screen(ix, { name: a }, { threshold: 0 })[0]?.score ?? 0;
        const other = screen(ix, { name: b }, { threshold: 0 })[0]?.score ?? 0;
        return exact >= 0 && exact <= 1 && other >= 0 && other <= 1 && exact >= other - 1e-9;
      }),
      { numRuns: 200 },
    );
  });
  it('adding agreeing date of birth never lowers a score; a contradicting one never raises it', () => {
    fc.assert(
      fc.property(name, (a) => {
        const ix = buildIndex([entry('a', [a], { dobs: [{ year: 1970, month: 5, day: 4 }] })]);
        const base = screen(ix, { name: a }, { threshold: 0 })[0]?.score ?? 0;
        const agree = screen(ix, { name: a, dob: '1970-05-04' }, { threshold: 0 })[0]?.score ?? 0;
        const differ = screen(ix, { name: a, dob: '1990-01-01' }, { threshold: 0 })[0]?.score ?? 0;
        return agree >= base && differ <= base;
      }),
      { numRuns: 100 },
    );
  });
});
