/**
 * Romanisation tables for Cyrillic (BGN/PCGN-like, as sanctions lists romanise Russian names) and
 * Arabic (a consonant-faithful scheme: Arabic script omits short vowels, so matching against
 * romanised list names relies on the phonetic consonant skeleton, see phonetic.ts).
 */

const cyrillic: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Ukrainian, Belarusian, Kazakh, Serbian/Macedonian letters that appear in listed names.
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
};

const arabic: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'u',
  ي: 'i',
  ى: 'a', // Persian and Urdu letters
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ک: 'k',
  ی: 'i',
  ے: 'e',
  ٹ: 't',
  ڈ: 'd',
  ڑ: 'r',
  ں: 'n',
  ھ: 'h',
};

const cyrillicRe = /[\u0400-\u04ff]/u;
const arabicRe = /[\u0600-\u06ff\u0750-\u077f]/u;

export function hasCyrillic(s: string): boolean {
  return cyrillicRe.test(s);
}
export function hasArabic(s: string): boolean {
  return arabicRe.test(s);
}

export function romaniseCyrillic(s: string): string {
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const r = cyrillic[lower];
    out += r === undefined ? ch : r;
  }
  return out;
}

/** One Arabic word to Latin: the article al- split off, an initial ayn or waw kept as a consonant sound. */
function romaniseArabicWord(w: string): string {
  let word = w.replace(/[\u064b-\u065f\u0670\u0640]/gu, ''); // harakat, dagger alif, tatweel
  let prefix = '';
  if (word.length > 3 && (word.startsWith('ال') || word.startsWith('آل'))) {
    prefix = 'al ';
    word = word.slice(2);
  }
  let out = '';
  [...word].forEach((ch, i) => {
    if (i === 0 && ch === 'ع') out += 'a';
    else if (i === 0 && ch === 'و') out += 'w';
    else if (i === 0 && ch === 'ي') out += 'y';
    else out += arabic[ch] ?? ch;
  });
  return prefix + out;
}

export function romaniseArabic(s: string): string {
  return s
    .split(/(\s+)/u)
    .map((w) => (arabicRe.test(w) ? romaniseArabicWord(w) : w))
    .join('');
}
