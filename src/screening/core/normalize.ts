/**
 * Name normalisation: any script to upper-case Latin tokens. Case, accents and punctuation are folded;
 * "SURNAME, Given" is put in reading order; titles, stop words and company suffixes are dropped (unless
 * nothing else would remain), because they say nothing about who a party is.
 */
import { hanziParts, hasHanzi } from './chinese.ts';
import { hasArabic, hasCyrillic, romaniseArabic, romaniseCyrillic } from './translit.ts';

/** Which script the tokens came from: explanations say "pinyin" or "transliteration" for the others. */
export type Script = 'latin' | 'hanzi' | 'cyrillic' | 'arabic';

export interface NormalName {
  tokens: string[];
  script: Script;
  /** Positions of the family-name tokens when the name says which they are ("SURNAME, Given", Hanzi). */
  family?: number[];
  /** Simplified Hanzi behind each token ('' for a token not written in Hanzi): compared character by character. */
  chars?: string[];
  /** The spelling each token had before abbreviations and ordinals were written out, for explanations. */
  raw?: string[];
  /** Legal forms found (canonical: AG, LLC, LTD, ...), compared as equal whichever way they were written. */
  legal?: string[];
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
    'EIRL KFT ZRT AB OY PJSC PLC THE OF AND FOR ET'
  ).split(' '),
);

/** Legal forms spelt out, to the abbreviation that the same form has on other lists. */
const legalPhrases: [string[], string][] = (
  [
    ['LIMITED LIABILITY COMPANY', 'LLC'],
    ['LIMITED LIABILITY PARTNERSHIP', 'LLP'],
    ['LIMITED PARTNERSHIP', 'LP'],
    ['PUBLIC LIMITED COMPANY', 'PLC'],
    ['OPEN JOINT STOCK COMPANY', 'OJSC'],
    ['CLOSED JOINT STOCK COMPANY', 'CJSC'],
    ['PUBLIC JOINT STOCK COMPANY', 'PJSC'],
    ['JOINT STOCK COMPANY', 'JSC'],
    ['GESELLSCHAFT MIT BESCHRANKTER HAFTUNG', 'GMBH'],
    ['SOCIETE ANONYME', 'SA'],
    ['SOCIEDAD ANONIMA', 'SA'],
    ['SOCIETA PER AZIONI', 'SPA'],
    ['BESLOTEN VENNOOTSCHAP', 'BV'],
    ['NAAMLOZE VENNOOTSCHAP', 'NV'],
    ['PRIVATE LIMITED', 'PTE'],
    ['AKTIENGESELLSCHAFT', 'AG'],
    ['KOMMANDITGESELLSCHAFT', 'KG'],
    ['LIMITED', 'LTD'],
    ['INCORPORATED', 'INC'],
    ['CORPORATION', 'CORP'],
    ['COMPANY', 'CO'],
    ['AKTIEBOLAG', 'AB'],
  ] as const
).map(([p, c]) => [p.split(' '), c]);

/** Abbreviations and ordinals, written out so that both spellings give the same token. */
const abbreviations: Record<string, string> = {
  INTL: 'INTERNATIONAL',
  INTERNATL: 'INTERNATIONAL',
  NATL: 'NATIONAL',
  MFG: 'MANUFACTURING',
  BROS: 'BROTHERS',
  ASSN: 'ASSOCIATION',
  ASSOC: 'ASSOCIATION',
  INDS: 'INDUSTRIES',
  SVCS: 'SERVICES',
  MGMT: 'MANAGEMENT',
  GRP: 'GROUP',
  HLDG: 'HOLDING',
  HLDGS: 'HOLDINGS',
  DEPT: 'DEPARTMENT',
  TRDG: 'TRADING',
  SHPG: 'SHIPPING',
  INVT: 'INVESTMENT',
  ENGG: 'ENGINEERING',
  CTR: 'CENTER',
  CENTRE: 'CENTER',
  '1ST': 'FIRST',
  '2ND': 'SECOND',
  '3RD': 'THIRD',
  '4TH': 'FOURTH',
  '5TH': 'FIFTH',
  '6TH': 'SIXTH',
  '7TH': 'SEVENTH',
  '8TH': 'EIGHTH',
  '9TH': 'NINTH',
  '10TH': 'TENTH',
};

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

/**
 * "NORIEGA, Manuel Antonio" → given "Manuel Antonio", family "NORIEGA"; undefined when there is no
 * such comma or the part after it is a legal form.
 */
function splitFamily(s: string): { given: string; family: string } | undefined {
  const parts = s.split(',');
  if (parts.length !== 2) return undefined;
  const [sur = '', given = ''] = parts;
  const givenWords = fold(given).replace(/\./g, '').trim().split(/\s+/u);
  if (givenWords.length === 0 || givenWords.every((w) => orgWords.has(w) || w === '')) return undefined;
  if (sur.trim().split(/\s+/u).length > 4 || !sur.trim()) return undefined;
  return { given, family: sur };
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

interface Tok {
  t: string;
  raw: string;
  family: boolean;
  chars: string;
}

/** Spelt-out legal forms to their abbreviation, abbreviations and ordinals written out. */
function canonical(toks: Tok[], legal: string[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const phrase = legalPhrases.find(([p]) => p.every((w, k) => toks[i + k]?.t === w));
    const tok = toks[i] as Tok;
    if (phrase && !tok.chars) {
      const [words, form] = phrase;
      out.push({
        ...tok,
        t: form,
        raw: toks
          .slice(i, i + words.length)
          .map((x) => x.raw)
          .join(' '),
      });
      i += words.length - 1;
      continue;
    }
    out.push({ ...tok, t: abbreviations[tok.t] ?? tok.t });
  }
  for (const x of out)
    if (orgWords.has(x.t) && x.t.length >= 2 && !['THE', 'OF', 'AND', 'FOR', 'ET'].includes(x.t)) legal.push(x.t);
  return out;
}

/**
 * Drops titles and legal-form words, but never every token. A person's name keeps legal-form look-alikes
 * (PAO, SA, CO are also surnames); Hanzi names had their company suffixes removed before romanising.
 */
function dropNoise(tokens: Tok[], keepOrgWords = false): Tok[] {
  const kept = tokens.filter((x) => !titles.has(x.t) && (keepOrgWords || !orgWords.has(x.t)));
  return kept.length > 0 ? kept : tokens;
}

const plain = (ts: string[], family = false): Tok[] => ts.map((t) => ({ t, raw: t, family, chars: '' }));

function latinOrdered(s: string): Tok[] {
  const split = splitFamily(s);
  if (!split) return plain(latinTokens(s));
  return [...plain(latinTokens(split.given)), ...plain(latinTokens(split.family), true)];
}

function finish(toks: Tok[], script: Script, legal: string[]): NormalName {
  const out: NormalName = { tokens: toks.map((x) => x.t), script };
  const family = toks.flatMap((x, i) => (x.family ? [i] : []));
  if (family.length > 0 && family.length < toks.length) out.family = family;
  if (toks.some((x) => x.chars)) out.chars = toks.map((x) => x.chars);
  if (toks.some((x) => x.raw !== x.t)) out.raw = toks.map((x) => x.raw);
  if (legal.length > 0) out.legal = [...new Set(legal)];
  return out;
}

/** The normalised token form of a name in any script; `person` keeps words that look like legal forms. */
export function normaliseName(raw: string, person = false): NormalName {
  const s = raw.normalize('NFC').trim();
  const legal: string[] = [];
  if (hasHanzi(s)) {
    const toks = hanziParts(s).flatMap((p) => {
      const ts = latinTokens(p.text);
      // A romanised token keeps its characters only when it is the whole part (not "Jin Tiesan (金铁三)"'s Latin).
      return ts.map((t) => ({ t, raw: t, family: p.family, chars: ts.length === 1 ? p.chars : '' }));
    });
    return finish(dropNoise(toks, true), 'hanzi', legal);
  }
  if (hasCyrillic(s)) {
    return finish(
      dropNoise(canonical(latinOrdered(romaniseCyrillic(s)), legal), person),
      'cyrillic',
      person ? [] : legal,
    );
  }
  if (hasArabic(s)) {
    return finish(
      dropNoise(canonical(plain(latinTokens(romaniseArabic(s))), legal), person),
      'arabic',
      person ? [] : legal,
    );
  }
  return finish(dropNoise(canonical(latinOrdered(s), legal), person), 'latin', person ? [] : legal);
}
