/**
 * A reader for the protobuf text format, enough for the CEL conformance files: messages (`f { }`, `f: { }`,
 * `f < >`), scalars (numbers, identifiers such as enum names, quoted strings with C escapes), lists
 * (`f: [a, b]`) and `#` comments. It knows no schema: every field is a list of values in source order, and a
 * string stays as its bytes until the caller says whether it is text or bytes.
 */
export type TpValue = TpMessage | TpScalar;
export interface TpScalar {
  readonly kind: 'scalar';
  /** Unquoted token text (number, enum name, true/false), or undefined for a quoted string. */
  readonly token?: string;
  /** The decoded bytes of a quoted string. */
  readonly bytes?: Uint8Array;
}
export interface TpMessage {
  readonly kind: 'message';
  readonly fields: Map<string, TpValue[]>;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const enc = new TextEncoder();

export function parseTextproto(src: string): TpMessage {
  let i = 0;
  let line = 1;
  const fail = (msg: string): never => {
    throw new SyntaxError(`textproto line ${line}: ${msg}`);
  };
  const skip = (): void => {
    for (;;) {
      const c = src[i];
      if (c === '\n') {
        line++;
        i++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === ';') i++;
      else if (c === '#') while (i < src.length && src[i] !== '\n') i++;
      else return;
    }
  };
  const ident = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_.]*|^\[[^\]]*\]/.exec(src.slice(i, i + 200));
    if (m === null) return fail(`expected a field name at '${src.slice(i, i + 20)}'`);
    i += m[0].length;
    return m[0];
  };

  function message(close: string | undefined): TpMessage {
    const fields = new Map<string, TpValue[]>();
    for (;;) {
      skip();
      if (i >= src.length) {
        if (close !== undefined) fail('unexpected end of input');
        return { kind: 'message', fields };
      }
      if (close !== undefined && src[i] === close) {
        i++;
        return { kind: 'message', fields };
      }
      const name = ident();
      skip();
      let colon = false;
      if (src[i] === ':') {
        colon = true;
        i++;
        skip();
      }
      const list = fields.get(name) ?? [];
      fields.set(name, list);
      if (src[i] === '[' && colon) {
        i++;
        for (;;) {
          skip();
          if (src[i] === ']') {
            i++;
            break;
          }
          list.push(value());
        }
      } else list.push(value());
    }
  }

  function value(): TpValue {
    const c = src[i];
    if (c === '{' || c === '<') {
      i++;
      return message(c === '{' ? '}' : '>');
    }
    if (c === '"' || c === "'") {
      // Adjacent string literals concatenate, as in C.
      const parts: Uint8Array[] = [];
      while (src[i] === '"' || src[i] === "'") {
        parts.push(quoted());
        skip();
      }
      return { kind: 'scalar', bytes: concat(parts) };
    }
    const m = /^[-+]?[A-Za-z0-9_.+-]+/.exec(src.slice(i, i + 100));
    if (m === null) return fail(`unexpected '${c ?? 'end of input'}'`);
    i += m[0].length;
    return { kind: 'scalar', token: m[0] };
  }

  function quoted(): Uint8Array {
    const q = src[i];
    i++;
    const out: number[] = [];
    for (;;) {
      const c = src[i];
      if (c === undefined || c === '\n') return fail('unterminated string');
      i++;
      if (c === q) return Uint8Array.from(out);
      if (c !== '\\') {
        const cp = src.codePointAt(i - 1) ?? 0;
        if (cp > 0xffff) i++;
        out.push(...enc.encode(String.fromCodePoint(cp)));
        continue;
      }
      const e = src[i] ?? '';
      i++;
      const simple: Record<string, number> = {
        n: 10,
        r: 13,
        t: 9,
        a: 7,
        b: 8,
        f: 12,
        v: 11,
        '\\': 92,
        "'": 39,
        '"': 34,
        '?': 63,
      };
      if (simple[e] !== undefined) out.push(simple[e]);
      else if (e === 'x' || e === 'X') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(i, i + 2)) ?? fail('bad \\x escape');
        out.push(parseInt(m[0], 16));
        i += m[0].length;
      } else if (e >= '0' && e <= '7') {
        const m = /^[0-7]{1,3}/.exec(src.slice(i - 1, i + 2)) ?? fail('bad octal escape');
        out.push(parseInt(m[0], 8) & 0xff);
        i += m[0].length - 1;
      } else if (e === 'u' || e === 'U') {
        const n = e === 'u' ? 4 : 8;
        const cp = parseInt(src.slice(i, i + n), 16);
        i += n;
        out.push(...enc.encode(String.fromCodePoint(cp)));
      } else fail(`unknown escape \\${e}`);
    }
  }

  return message(undefined);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const text = (v: TpValue | undefined): string | undefined =>
  v?.kind === 'scalar' ? (v.bytes !== undefined ? utf8.decode(v.bytes) : v.token) : undefined;

export const first = (m: TpMessage, field: string): TpValue | undefined => m.fields.get(field)?.[0];
export const all = (m: TpMessage, field: string): TpValue[] => m.fields.get(field) ?? [];
export const sub = (m: TpMessage, field: string): TpMessage | undefined => {
  const v = first(m, field);
  return v?.kind === 'message' ? v : undefined;
};
