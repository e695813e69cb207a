import { describe, expect, it } from 'vitest';
import { tokenPair } from './align.ts';
import { buildIndex } from './index-build.ts';
import { pinyinSyllablesOf } from './pinyin.ts';
import { DEFAULT_THRESHOLD, screen } from './screen.ts';
import type { ListEntry, ScreenQuery } from './types.ts';

const person = (id: string, names: string[], over: Partial<ListEntry> = {}): ListEntry => ({
  id,
  listId: 'test',
  kind: 'person',
  names: names.map((full, i) => ({ full, kind: i === 0 ? 'primary' : 'aka', weak: false })),
  dobs: [],
  nationalities: [],
  countries: [],
  ids: [],
  programs: [],
  ...over,
});

const score = (ix: ReturnType<typeof buildIndex>, id: string, q: ScreenQuery) =>
  screen(ix, q, { threshold: 0, maxHits: 50 }).find((h) => h.entryId === id)?.score ?? 0;

describe('Hanzi against Hanzi', () => {
  const ix = buildIndex([person('liming', ['李明']), person('wangwei', ['王伟'], { dobs: [{ year: 1961 }] })]);

  it('scores the same reading in other characters (黎明) below the same characters (李明)', () => {
    const same = screen(ix, { name: '李明' }, { threshold: 0 })[0]!;
    const homophone = screen(ix, { name: '黎明' }, { threshold: 0 }).find((h) => h.entryId === 'liming');
    expect(same.entryId).toBe('liming');
    expect(same.parts.every((p) => p.method === 'characters')).toBe(true);
    expect(homophone?.score ?? 0).toBeLessThan(same.score);
    expect(homophone?.score ?? 0).toBeLessThan(DEFAULT_THRESHOLD);
    expect(homophone?.parts.find((p) => p.query === 'LI')).toMatchObject({ method: 'reading' });
  });

  it('explains how each part matched, in English and Chinese', () => {
    const same = screen(ix, { name: '李明' }, { threshold: 0 })[0]!;
    expect(same.parts[0]?.how?.en).toMatch(/identical characters/);
    expect(same.parts[0]?.how?.zh).toMatch(/汉字相同/);
    const homophone = screen(ix, { name: '黎明' }, { threshold: 0 }).find((h) => h.entryId === 'liming')!;
    const li = homophone.parts.find((p) => p.query === 'LI')!;
    expect(li.how?.en).toBe('same reading (li) in other characters: 黎 / 李');
    expect(li.how?.zh).toBe('读音相同（li）但汉字不同：黎 / 李');
    expect(homophone.explanation?.zh).toMatch(/读音/);
  });

  it('does not alert on 王伟 born 1990 against a listed 王伟 born 1961', () => {
    expect(score(ix, 'wangwei', { name: '王伟' })).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(score(ix, 'wangwei', { name: '王伟', dob: '1990-04-02' })).toBeLessThan(DEFAULT_THRESHOLD);
  });
});

describe('Hanzi against a romanised list name', () => {
  const ix = buildIndex([
    person('xi', ['XI, Jinping'], { dobs: [{ year: 1953, month: 6, day: 15 }], nationalities: ['CN'] }),
    person('liming', ['LI, Ming'], { dobs: [{ year: 1970, month: 3, day: 2 }], nationalities: ['CN'] }),
  ]);

  it('matches by reading, and needs date of birth, nationality or ID before it recommends a block', () => {
    const plain = screen(ix, { name: '习近平' })[0]!;
    expect(plain).toMatchObject({ entryId: 'xi', recommendation: 'review', corroborated: false });
    expect(plain.parts.map((p) => p.method)).toEqual(['pinyin', 'pinyin']);
    expect(plain.explanation?.en).toMatch(/reading only/);
    const withDob = screen(ix, { name: '习近平', dob: '1953-06-15', country: 'CN' })[0]!;
    expect(withDob).toMatchObject({ entryId: 'xi', recommendation: 'block', corroborated: true });
  });

  it('weighs a two-character name matched by reading alone far below a three-character one, and never blocks it', () => {
    const two = screen(ix, { name: '黎明' }, { threshold: 0 }).find((h) => h.entryId === 'liming')!;
    const pinyin = screen(ix, { name: 'Li Ming' }, { threshold: 0 }).find((h) => h.entryId === 'liming')!;
    const three = screen(ix, { name: '习近平' })[0]!;
    expect(two.score).toBeLessThan(three.score - 0.05);
    expect(pinyin.score).toBeLessThan(three.score - 0.05);
    expect([two.recommendation, pinyin.recommendation]).toEqual(['review', 'review']);
    const withDob = screen(ix, { name: '黎明', dob: '1970-03-02' }).find((h) => h.entryId === 'liming')!;
    expect(withDob.score).toBeGreaterThan(two.score);
    expect(withDob).toMatchObject({ corroborated: true });
  });

  it('respects family-name order: a given-name-first reading does not meet a surname-first listed name', () => {
    const dob = '1970-03-02';
    // "Ming Li" does not say which part is the family name: Li Ming written the Western way still matches.
    expect(score(ix, 'liming', { name: 'Ming Li', dob })).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    // 明李 and "MING, Li" say the family name is Ming: another person, even with the same date of birth.
    expect(score(ix, 'liming', { name: '明李', dob })).toBeLessThan(DEFAULT_THRESHOLD);
    expect(score(ix, 'liming', { name: 'MING, Li', dob })).toBeLessThan(DEFAULT_THRESHOLD);
    expect(score(ix, 'liming', { name: 'LI, Ming', dob })).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
});

describe('attributes that contradict, and kinds', () => {
  const ix = buildIndex([
    person('noriega', ['NORIEGA, Manuel Antonio'], {
      dobs: [{ year: 1934, month: 2, day: 11 }],
      nationalities: ['PA'],
    }),
    { ...person('vessel', ['GOLDEN STAR']), kind: 'vessel' },
    { ...person('bank', ['BANCO NACIONAL DE CUBA']), kind: 'organisation' },
  ]);

  it('pulls the score down decisively on a clearly different date of birth or nationality', () => {
    const plain = score(ix, 'noriega', { name: 'Manuel Antonio Noriega' });
    expect(plain).toBeGreaterThan(0.9);
    expect(score(ix, 'noriega', { name: 'Manuel Antonio Noriega', dob: '1970-01-01' })).toBeLessThan(DEFAULT_THRESHOLD);
    expect(score(ix, 'noriega', { name: 'Manuel Antonio Noriega', country: 'US' })).toBeLessThan(DEFAULT_THRESHOLD);
    // A year apart is how lists err: it lowers the score a little, it does not decide.
    expect(score(ix, 'noriega', { name: 'Manuel Antonio Noriega', dob: '1935' })).toBeGreaterThan(0.8);
  });

  it('a person query does not alert on vessels or companies unless asked, nor the other way round', () => {
    expect(screen(ix, { name: 'Golden Star', kind: 'person' })).toEqual([]);
    expect(screen(ix, { name: 'Banco Nacional de Cuba', kind: 'person' })).toEqual([]);
    expect(screen(ix, { name: 'Manuel Antonio Noriega', kind: 'organisation' })).toEqual([]);
    expect(screen(ix, { name: 'Golden Star' })[0]?.entryId).toBe('vessel');
    const asked = screen(ix, { name: 'Banco Nacional de Cuba', kind: 'person' }, { crossKind: true, threshold: 0 });
    expect(asked[0]?.entryId).toBe('bank');
  });
});

describe('pinyin syllable by syllable', () => {
  it('splits romanised Chinese into syllables, and nothing else', () => {
    expect(pinyinSyllablesOf('JINPING')).toEqual(['JIN', 'PING']);
    expect(pinyinSyllablesOf('XIANHUA')).toEqual(['XIAN', 'HUA']);
    expect(pinyinSyllablesOf('NORIEGA')).toBeUndefined();
  });
  it('does not call MING and MENG the same by their consonants', () => {
    expect(tokenPair('MING', 'MENG')?.method).toBe('phonetic');
    const py = tokenPair('MING', 'MENG', undefined, undefined, true);
    expect(py?.evidence ?? 0).toBeLessThan(0.5);
    expect(tokenPair('JINPIN', 'JINPING', undefined, undefined, true)?.evidence ?? 0).toBeLessThan(0.7);
    expect(tokenPair('JINPING', 'JINPING', undefined, undefined, true)?.evidence).toBe(1);
  });
  it('scores another syllable in a listed Chinese name below the listed syllables', () => {
    const ix = buildIndex([person('z', ['ZHANG, Mingyu'])]);
    expect(score(ix, 'z', { name: 'Zhang Mengyu' })).toBeLessThan(score(ix, 'z', { name: 'Zhang Mingyu' }));
    expect(score(ix, 'z', { name: 'Zhang Mengyu' })).toBeLessThan(DEFAULT_THRESHOLD);
  });
});
