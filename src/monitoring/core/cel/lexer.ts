import { diag } from './errors.ts';
import { INT64_MIN, UINT64_MAX } from './int64.ts';
import type { CelDiagnostic, Pos } from './errors.ts';

export type TokenKind = 'ident' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Operator or identifier text; for literals, the raw source slice. */
  text: string;
  /**
   * Decoded literal value: number for double and safe ints, bigint for larger ints (up to 2^63, the magnitude
   * of the most negative int) and for uints, string for strings, Uint8Array for bytes.
   */
  value: number | bigint | string | Uint8Array;
  pos: Pos;
}

// Longest first, so `<=` is not read as `<` then `=`.
const OPERATORS = [
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
];

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
  '?': '?',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const UTF8 = new TextEncoder();

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isIdentPart = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);

export function tokenize(src: string): { tokens: Token[]; errors: CelDiagnostic[] } {
  const tokens: Token[] = [];
  const errors: CelDiagnostic[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Pos => ({ offset: i, line, column: i - lineStart + 1 });
  const posAt = (offset: number): Pos => ({ offset, line, column: offset - lineStart + 1 });
  const newline = (at: number): void => {
    line++;
    lineStart = at + 1;
  };

  // A leading-dot double (`.5`) is only a number where an operand may start; after an operand it is a select.
  const operandMayStart = (): boolean => {
    const last = tokens[tokens.length - 1];
    if (last === undefined) return true;
    if (last.kind !== 'op') return false;
    return last.text !== ')' && last.text !== ']' && last.text !== '}';
  };

  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) {
      newline(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    const start = i;
    const pos = here();
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1]) && operandMayStart())) {
      tokens.push(lexNumber());
      continue;
    }
    if ((c === 'r' || c === 'R') && (src[i + 1] === '"' || src[i + 1] === "'")) {
      i++;
      tokens.push(lexString(pos, true));
      continue;
    }
    if (c === '"' || c === "'") {
      tokens.push(lexString(pos, false));
      continue;
    }
    if ((c === 'b' || c === 'B') && (src[i + 1] === '"' || src[i + 1] === "'")) {
      i++;
      tokens.push(lexBytes(pos, false));
      continue;
    }
    if (
      ((c === 'b' || c === 'B') && (src[i + 1] === 'r' || src[i + 1] === 'R')) ||
      ((c === 'r' || c === 'R') && (src[i + 1] === 'b' || src[i + 1] === 'B'))
    ) {
      if (src[i + 2] === '"' || src[i + 2] === "'") {
        i += 2;
        tokens.push(lexBytes(pos, true));
        continue;
      }
    }
    if (isIdentStart(c)) {
      while (isIdentPart(src[i])) i++;
      const text = src.slice(start, i);
      tokens.push({ kind: 'ident', text, value: text, pos });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op !== undefined) {
      i += op.length;
      tokens.push({ kind: 'op', text: op, value: op, pos });
      continue;
    }
    errors.push(diag('syntax', pos, `unexpected character '${c}'`));
    i++;
  }
  tokens.push({ kind: 'eof', text: '', value: '', pos: here() });
  return { tokens, errors };

  function lexNumber(): Token {
    const start = i;
    const pos = here();
    if (src[i] === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
      i += 2;
      while (/[0-9a-fA-F]/.test(src[i] ?? '')) i++;
      return intToken(start, pos, src.slice(start + 2, i), 16);
    }
    while (isDigit(src[i])) i++;
    let isDouble = false;
    if (src[i] === '.' && isDigit(src[i + 1])) {
      isDouble = true;
      i++;
      while (isDigit(src[i])) i++;
    }
    const e = src[i];
    if (
      (e === 'e' || e === 'E') &&
      (isDigit(src[i + 1]) || ((src[i + 1] === '+' || src[i + 1] === '-') && isDigit(src[i + 2])))
    ) {
      isDouble = true;
      i += 2;
      while (isDigit(src[i])) i++;
    }
    const text = src.slice(start, i);
    if (isDouble) return { kind: 'double', text, value: Number(text), pos };
    return intToken(start, pos, text, 10);
  }

  function intToken(start: number, pos: Pos, digits: string, radix: number): Token {
    const unsigned = src[i] === 'u' || src[i] === 'U';
    if (unsigned) i++;
    const text = src.slice(start, i);
    if (digits === '') {
      errors.push(diag('syntax', pos, `malformed integer literal '${text}'`));
      return { kind: 'int', text, value: 0, pos };
    }
    const big = BigInt(radix === 16 ? `0x${digits}` : digits);
    // 2^63 is allowed here only so that `-9223372036854775808` parses; the parser rejects it unnegated.
    if (big > (unsigned ? UINT64_MAX : -INT64_MIN)) {
      const range = unsigned ? 'uint64 (0 to 2^64-1)' : 'int64 (-2^63 to 2^63-1)';
      errors.push(diag('syntax', pos, `integer literal ${text} is outside the range of ${range}`));
      return { kind: 'int', text, value: 0, pos };
    }
    if (unsigned) return { kind: 'uint', text, value: big, pos };
    return { kind: 'int', text, value: big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big, pos };
  }

  /** `b"..."`: escapes are bytes (`\xff` is one byte), other characters are their UTF-8 encoding. */
  function lexBytes(pos: Pos, raw: boolean): Token {
    const start = i;
    const str = lexString(pos, raw, true);
    const bytes: number[] = [];
    for (const ch of str.value as string) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp >= 0xe0000 && cp <= 0xe00ff) bytes.push(cp - 0xe0000);
      else bytes.push(...UTF8.encode(ch));
    }
    return { kind: 'bytes', text: src.slice(start - 1, i), value: Uint8Array.from(bytes), pos };
  }

  function lexString(pos: Pos, raw: boolean, bytes = false): Token {
    const q = src[i] as string;
    const triple = src.startsWith(q.repeat(3), i);
    const close = triple ? q.repeat(3) : q;
    const start = raw ? i - 1 : i;
    i += close.length;
    let out = '';
    for (;;) {
      if (i >= src.length || (!triple && (src[i] === '\n' || src[i] === '\r'))) {
        errors.push(diag('syntax', pos, 'unterminated string literal'));
        break;
      }
      if (src.startsWith(close, i)) {
        i += close.length;
        break;
      }
      const ch = src[i] as string;
      if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) newline(i);
      if (ch === '\\' && !raw) {
        out += escape(bytes);
        continue;
      }
      out += ch;
      i++;
    }
    return { kind: 'string', text: src.slice(start, i), value: out, pos };
  }

  /** In a bytes literal, octal and \\x escapes are single bytes: returned as private code points U+E0000+b. */
  function escape(bytes: boolean): string {
    const at = posAt(i);
    const k = src[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[k];
    if (simple !== undefined) {
      i += 2;
      return simple;
    }
    const hexLen = k === 'x' || k === 'X' ? 2 : k === 'u' ? 4 : k === 'U' ? 8 : 0;
    const digits = hexLen > 0 ? src.slice(i + 2, i + 2 + hexLen) : src.slice(i + 1, i + 4);
    const ok = hexLen > 0 ? new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(digits) : /^[0-3][0-7]{2}$/.test(digits);
    if (!ok) {
      errors.push(diag('syntax', at, `invalid escape sequence '\\${k}'`));
      i += 2;
      return '';
    }
    i += hexLen > 0 ? 2 + hexLen : 4;
    const cp = parseInt(digits, hexLen > 0 ? 16 : 8);
    if (bytes && hexLen <= 2) return String.fromCodePoint(0xe0000 + cp);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      errors.push(diag('syntax', at, `escape '\\${k}${digits}' is not a valid code point`));
      return '';
    }
    return String.fromCodePoint(cp);
  }
}
