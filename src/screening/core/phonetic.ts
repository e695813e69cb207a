/**
 * A consonant-skeleton phonetic key, tuned for romanised names (Arabic, Russian, Chinese, Western).
 * Transliteration variants mostly differ in vowels and in how one sound is spelt (PH/F, KH/H, Q/K,
 * DH/D, OU/U, double letters), so the key keeps the first sound and the consonants, merged into classes.
 * Examples: MUHAMMAD, MOHAMMED, MOHAMAD, mhmd (from Arabic script) all give MHMT.
 */

const digraphs: [RegExp, string][] = [
  [/SHCH/g, 'S'],
  [/SCH/g, 'S'],
  [/TCH/g, 'C'],
  [/DZH|DJ|DZ/g, 'J'],
  [/PH/g, 'F'],
  [/KH|GH/g, 'H'],
  [/TH|DH/g, 'T'],
  [/SH|ZH|CH/g, 'C'],
  [/TS|TZ/g, 'S'],
  [/CK|Q/g, 'K'],
  [/C(?=[EIY])/g, 'S'],
  [/X/g, 'KS'],
];

const classes: Record<string, string> = {
  B: 'P',
  P: 'P',
  F: 'F',
  V: 'F',
  W: 'F',
  D: 'T',
  T: 'T',
  G: 'K',
  K: 'K',
  C: 'K',
  J: 'J',
  S: 'S',
  Z: 'S',
  L: 'L',
  R: 'R',
  M: 'M',
  N: 'N',
  H: 'H',
};

const isVowel = (c: string) => c === 'A' || c === 'E' || c === 'I' || c === 'O' || c === 'U' || c === 'Y';

/** The key of one upper-case A–Z token; '' for tokens without letters. */
export function phoneticKey(token: string): string {
  if (token.length === 0) return '';
  let s = token;
  for (const [re, to] of digraphs) s = s.replace(re, to);
  let out = isVowel(s[0] ?? '') ? 'A' : '';
  let last = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    // Vowels and a non-initial H do not separate a repeated consonant class: Arabic script writes no
    // short vowels, so MHMD and MUHAMMAD must meet, and H is mostly a spelling artefact (Mohd, Ahmad).
    if (isVowel(c) || (c === 'H' && i > 0)) continue;
    const k = classes[c];
    if (k === undefined || k === last) continue;
    out += k;
    last = k;
  }
  return out;
}

const spellingRules: [RegExp, string][] = [
  [/SCH/g, 'SH'],
  [/KH/g, 'H'],
  [/GH/g, 'G'],
  [/PH/g, 'F'],
  [/DJ/g, 'J'],
  [/TZ/g, 'TS'],
  [/OU/g, 'U'],
  [/OO/g, 'U'],
  [/EE/g, 'I'],
  [/IY/g, 'I'],
  [/Y/g, 'I'],
  [/W/g, 'V'],
  [/Q/g, 'K'],
  [/CK/g, 'K'],
  [/(.)\1+/g, '$1'],
];

/**
 * A light spelling key that keeps the vowels: transliteration variants of one name (GEORGIOS and
 * GEORGYOS, HUSSEIN and HUSEIN, KHALIL and HALIL) give the same key, other names mostly do not.
 */
export function spellingKey(token: string): string {
  let s = token;
  for (const [re, to] of spellingRules) s = s.replace(re, to);
  return s;
}
