import { sha256Hex } from '../../kernel/index.ts';

/** Tazama's entity key: `Othr[0].Id` followed by `SchmeNm.Prtry` (TMS API, tenant prefix left out). */
export const entityKey = (othrId: string, prtry: string): string => `${othrId}${prtry}`;

/** Tazama's account key: `Othr[0].Id`, `SchmeNm.Prtry`, then the agent's clearing-system `MmbId`. */
export const accountKey = (othrId: string, prtry: string, mmbId: string): string => `${othrId}${prtry}${mmbId}`;

const zhiliId = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const tailChar = /[A-Za-z0-9._:/-]/;
const MAX = 128;

/**
 * A Tazama key as a Zhili id (events, parties and accounts allow `[A-Za-z0-9._:@/-]`, first character
 * alphanumeric, at most 128). A key that already fits (and has no `@`) is used unchanged, so
 * `dbtr_…MSISDN` stays `dbtr_…MSISDN`. Anything else becomes `iso:` followed by the key with every other
 * character (and `@`, and a non-alphanumeric first character) written `@HH` per UTF-8 byte: such ids
 * always contain `@` and plain ones never do, so two keys never share an id. Keys too long either way
 * become `iso:sha256:<hex>`.
 */
export function toZhiliId(key: string): string {
  if (key.length <= MAX && zhiliId.test(key) && !key.includes('@')) return key;
  let out = 'iso:';
  let first = true;
  for (const ch of key) {
    const keep = first ? /[A-Za-z0-9]/.test(ch) : tailChar.test(ch);
    out += keep ? ch : escape(ch);
    first = false;
  }
  return out.length <= MAX ? out : `iso:sha256:${sha256Hex(key)}`;
}

const escape = (ch: string): string =>
  [...Buffer.from(ch, 'utf8')].map((b) => `@${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
