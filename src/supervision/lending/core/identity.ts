import { err, ok, type Result } from '../../../kernel/index.ts';

/** GB 11643-1999 weights of the first 17 digits; the check digit is ISO 7064 MOD 11-2. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

const checkDigit = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * weights[i]!;
  return checkChars[sum % 11]!;
};

const validDate = (yyyymmdd: string): boolean => {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
};

/**
 * A resident identity number (居民身份证号) in the one form every platform must use, so the same
 * person yields the same token everywhere: full-width digits and spaces folded, `x` upper-cased, a
 * 15-digit first-generation number widened to 18 digits (century 19, check digit computed), and the
 * birth date and check digit verified. The error says what is wrong in both languages.
 */
export function normaliseIdNumber(raw: string): Result<string, { en: string; zh: string }> {
  let s = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff10 && c <= 0xff19) s += String.fromCharCode(c - 0xff10 + 48);
    else if (ch === 'ｘ' || ch === 'Ｘ' || ch === 'x') s += 'X';
    else if (ch === ' ' || ch === '\u3000' || ch === '-') continue;
    else s += ch;
  }
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = first17 + checkDigit(first17);
  }
  if (!/^\d{17}[\dX]$/.test(s))
    return err({
      en: 'An identity number has 18 characters: 17 digits and a digit or X.',
      zh: '身份证号应为 18 位：17 位数字加 1 位数字或 X。',
    });
  if (!validDate(s.slice(6, 14)))
    return err({ en: 'The birth date in the identity number is not a real date.', zh: '身份证号中的出生日期无效。' });
  if (checkDigit(s.slice(0, 17)) !== s[17])
    return err({ en: 'The check digit of the identity number is wrong.', zh: '身份证号校验码错误。' });
  return ok(s);
}

/**
 * The OPRF input for an identity: domain-separated by scheme and version, so a later scheme (other
 * document types, a new normalisation) never collides with this one.
 */
export function identityInput(normalisedId: string): Uint8Array {
  return new TextEncoder().encode(`zhili/multi-lending/v1/cn-ric/${normalisedId}`);
}
