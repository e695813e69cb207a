import { describe, expect, it } from 'vitest';
import { editDistance, tokenPair } from './align.ts';
import { hanziTokens } from './chinese.ts';
import { countryCode } from './countries.ts';
import { compareDob, parseDob } from './dates.ts';
import { jaroWinkler } from './jaro.ts';
import { normaliseName } from './normalize.ts';
import { phoneticKey } from './phonetic.ts';

const tokens = (s: string, person = false) => normaliseName(s, person).tokens;

describe('normaliseName', () => {
  it('folds case, accents and punctuation, and puts "SURNAME, Given" in reading order', () => {
    expect(tokens('NORIEGA, Manuel Antonio')).toEqual(['MANUEL', 'ANTONIO', 'NORIEGA']);
    expect(tokens("O'Brien, Seán")).toEqual(['SEAN', 'OBRIEN']);
    expect(tokens('Müller-Lüdenscheidt, Jürgen')).toEqual(['JURGEN', 'MULLER', 'LUDENSCHEIDT']);
  });
  it('drops company legal forms and titles, never every word', () => {
    expect(tokens('ANGLO-CARIBBEAN CO., LTD.')).toEqual(['ANGLO', 'CARIBBEAN']);
    expect(tokens('AL ZAWAHIRI, Dr. Ayman')).toEqual(['AYMAN', 'AL', 'ZAWAHIRI']);
    expect(tokens('J.P. Morgan Chase & Co.')).toEqual(['JP', 'MORGAN', 'CHASE']);
    expect(tokens('LTD')).toEqual(['LTD']);
    // PAO is a legal form (ПАО) but also a surname: a person keeps it.
    expect(tokens('PAO, Yu Liang', true)).toEqual(['YU', 'LIANG', 'PAO']);
  });
  it('romanises Hanzi as lists write Chinese names, simplified or traditional', () => {
    expect(tokens('习近平')).toEqual(['XI', 'JINPING']);
    expect(tokens('習近平')).toEqual(['XI', 'JINPING']);
    expect(tokens('欧阳修')).toEqual(['OUYANG', 'XIU']);
    expect(tokens('单雄信')).toEqual(['SHAN', 'XIONGXIN']);
    expect(hanziTokens('华为技术有限公司')).toEqual(['huawei', 'jishu']);
  });
  it('reads pinyin with tone marks or tone numbers', () => {
    expect(tokens('Xí Jìnpíng')).toEqual(['XI', 'JINPING']);
    expect(tokens('xi2 jin4ping2')).toEqual(['XI', 'JINPING']);
  });
  it('romanises Cyrillic and Arabic', () => {
    expect(tokens('Умаров Доку Хаматович')).toEqual(['UMAROV', 'DOKU', 'KHAMATOVICH']);
    expect(normaliseName('Умаров Доку').script).toBe('cyrillic');
    expect(tokens('صدام حسين التكريتي')).toEqual(['SDAM', 'HSIN', 'AL', 'TKRITI']);
  });
});

describe('phonetic key, Jaro-Winkler, edit distance', () => {
  it('gives transliteration variants one key', () => {
    for (const v of ['MUHAMMAD', 'MOHAMMED', 'MOHAMAD', 'MHMD']) expect(phoneticKey(v)).toBe(phoneticKey('MUHAMMAD'));
    expect(phoneticKey('HUSSEIN')).toBe(phoneticKey('HUSAYN'));
    expect(phoneticKey('KHAMATOVICH')).toBe(phoneticKey('HAMATOVICH'));
    expect(phoneticKey('SMITH')).not.toBe(phoneticKey('JONES'));
  });
  it('computes Jaro-Winkler and OSA distance', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('ABC', 'ABC')).toBe(1);
    expect(jaroWinkler('', 'ABC')).toBe(0);
    expect(editDistance('NORIEGA', 'XORIEGA')).toBe(1);
    expect(editDistance('NORIEGA', 'ONRIEGA')).toBe(1);
    expect(editDistance('KITTEN', 'SITTING')).toBe(3);
  });
  it('rates a first-letter typo as evidence, and unrelated words as none', () => {
    expect(tokenPair('XORIEGA', 'NORIEGA')?.evidence).toBeGreaterThan(0.7);
    expect(tokenPair('SMITH', 'JONES')).toBeUndefined();
    expect(tokenPair('J', 'JOHN')?.method).toBe('initial');
  });
});

describe('countries and dates', () => {
  it('maps names and codes in English and Chinese to ISO codes', () => {
    expect(countryCode('China')).toBe('CN');
    expect(countryCode('中国')).toBe('CN');
    expect(countryCode('Korea, North')).toBe('KP');
    expect(countryCode('Democratic Republic of the Congo')).toBe('CD');
    expect(countryCode('Russian Federation')).toBe('RU');
    expect(countryCode('Germany')).toBe('DE');
    expect(countryCode('Atlantis')).toBeUndefined();
  });
  it('reads list date formats and compares them', () => {
    expect(parseDob('19 Jun 1951')).toEqual({ year: 1951, month: 6, day: 19 });
    expect(parseDob('circa 1950')).toEqual({ year: 1949, toYear: 1951 });
    expect(parseDob('1948 to 1950')).toEqual({ year: 1948, toYear: 1950 });
    expect(parseDob('Dec 1948')).toEqual({ year: 1948, month: 12 });
    expect(parseDob('1971-02-05')).toEqual({ year: 1971, month: 2, day: 5 });
    expect(parseDob('unknown')).toBeUndefined();
    const e = [{ year: 1951, month: 6, day: 19 }];
    expect(compareDob(parseDob('1951-06-19'), e)).toBe('day');
    expect(compareDob(parseDob('1951'), e)).toBe('year');
    expect(compareDob(parseDob('1952'), e)).toBe('near');
    expect(compareDob(parseDob('1975'), e)).toBe('differs');
    expect(compareDob(undefined, e)).toBe('unknown');
  });
});
