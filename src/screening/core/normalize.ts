/**
 * Name normalisation: any script to upper-case Latin tokens. Case, accents and punctuation are folded;
 * "SURNAME, Given" is put in reading order; titles, stop words and company suffixes are dropped (unless
 * nothing else would remain), because they say nothing about who a party is.
 */
import { hanziTokens, hasHanzi } from './chinese.ts';
import { hasArabic, hasCyrillic, romaniseArabic, romaniseCyrillic } from './translit.ts';

/** Which script the tokens came from: explanations say "pinyin" or "transliteration" for the others. */
export type Script = 'latin' | 'hanzi' | 'cyrillic' | 'arabic';

export interface NormalName {
  tokens: string[];
  script: Script;
}

const special: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'TH',
  ð: 'd',
  Ð: 'D',
  ʼ: '',
  ʻ: '',
  ʿ: '',
  ʾ: '',
  '’': '',
  '‘': '',
  "'": '',
  '`': '',
};
const specialRe = /[ßæÆøØłŁđĐıœŒþÞðÐʼʻʿʾ’‘'`]/gu;

const titles = new Set(
  'DR MR MRS MS MISS PROF SIR HAJI HAJJI HADJI SHEIKH SHAIKH SHAYKH SHEIK MAULANA MAWLANA MAULAVI MAWLAWI MAULVI MULLAH MULLA QARI SAYYID SAYED'.split(
    ' ',
  ),
);

/** Legal-form suffixes and stop words of organisation names, after dots are removed ("S.A." → SA). */
const orgWords = new Set(
  (
    'LTD LIMITED LLC LLP LP INC INCORPORATED CO COMPANY CORP CORPORATION SA SAS SARL SRL SPA SAL AG GMBH KG ' +
    'PLC BV NV OOO ZAO OAO PAO PJSC JSC OJSC CJSC AO TOO FZE FZCO FZC FZ SDN BHD PTE PVT CIA LTDA SAC CV ' +
    'EIRL KFT ZRT AB OY THE OF AND FOR ET'
  ).split(' '),
);

export function isOrgWord(token: string): boolean {
  return orgWords.has(token);
}

/** Accents off, special letters spelt out, upper case. */
export function fold(s: string): string {
  return s
    .replace(specialRe, (c) => special[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase();
}

/** "NORIEGA, Manuel Antonio" → "Manuel Antonio NORIEGA"; left alone when the part after the comma is a legal form. */
function readingOrder(s: string): string {
  const parts = s.split(',');
  if (parts.length !== 2) return s;
  const [sur = '', given = ''] = parts;
  const givenWords = fold(given).replace(/\./g, '').trim().split(/\s+/u);
  if (givenWords.length === 0 || givenWords.every((w) => orgWords.has(w) || w === '')) return s;
  if (sur.trim().split(/\s+/u).length > 4) return s;
  return `${given} ${sur}`;
}

function latinTokens(s: string): string[] {
  const cleaned = fold(s)
    // Pinyin tone numbers: JIN4PING2 → JINPING.
    .replace(/\b((?:[A-Z]+[1-5])+)(?=\s|$|[^A-Z0-9])/gu, (m) => m.replace(/[1-5]/gu, ''))
    // Dots of abbreviations disappear ("S.A." → SA, "J.P." → JP); other punctuation separates words.
    .replace(/(^|[^\p{L}\p{N}])(\p{L})\.(?=\p{L}\.|\s|$)/gu, '$1$2')
    .replace(/(\p{L})\.(?=\p{L}\.?(\s|$))/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return cleaned.length === 0 ? [] : cleaned.split(' ');
}

/**
 * Drops titles and legal-form words, but never every token. A person's name keeps legal-form look-alikes
 * (PAO, SA, CO are also surnames); Hanzi names had their company suffixes removed before romanising.
 */
function dropNoise(tokens: string[], keepOrgWords = false): string[] {
  const kept = tokens.filter((t) => !titles.has(t) && (keepOrgWords || !orgWords.has(t)));
  return kept.length > 0 ? kept : tokens;
}

/** The normalised token form of a name in any script; `person` keeps words that look like legal forms. */
export function normaliseName(raw: string, person = false): NormalName {
  const s = raw.normalize('NFC').trim();
  if (hasHanzi(s)) {
    return { tokens: dropNoise(hanziTokens(s).flatMap(latinTokens), true), script: 'hanzi' };
  }
  if (hasCyrillic(s)) {
    return { tokens: dropNoise(latinTokens(readingOrder(romaniseCyrillic(s))), person), script: 'cyrillic' };
  }
  if (hasArabic(s)) {
    return { tokens: dropNoise(latinTokens(romaniseArabic(s)), person), script: 'arabic' };
  }
  return { tokens: dropNoise(latinTokens(readingOrder(s)), person), script: 'latin' };
}
