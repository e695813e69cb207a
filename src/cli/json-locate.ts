/**
 * Where things are in a JSON file: the offset of the value at each JSON pointer, so that a rule
 * set's errors can be reported at file line and column, as a compiler would.
 */
export class JsonLocateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function locateValues(text: string): Map<string, number> {
  const at = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) throw new JsonLocateError('unterminated string', start);
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const value = (ptr: string): void => {
    ws();
    at.set(ptr, i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new JsonLocateError('expected a property name', i);
        const key = str();
        ws();
        if (text[i] !== ':') throw new JsonLocateError("expected ':'", i);
        i++;
        value(`${ptr}/${esc(key)}`);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        throw new JsonLocateError("expected ',' or '}'", i);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${ptr}/${n}`);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        throw new JsonLocateError("expected ',' or ']'", i);
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) throw new JsonLocateError('unexpected character', i);
    i += m[0].length;
  };
  value('');
  ws();
  if (i < text.length) throw new JsonLocateError('unexpected text after the JSON value', i);
  return at;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The file offset of (line, column) inside the decoded JSON string that starts at `stringOffset`
 * (its opening quote): escapes such as \n take two characters in the file and one in the string.
 */
export function offsetInString(text: string, stringOffset: number, line: number, column: number): number {
  let i = stringOffset + 1;
  let l = 1;
  let c = 1;
  while (i < text.length && text[i] !== '"' && (l < line || c < column)) {
    if (text[i] === '\\') {
      if (text[i + 1] === 'n') {
        l++;
        c = 1;
      } else c++;
      i += text[i + 1] === 'u' ? 6 : 2;
    } else {
      c++;
      i++;
    }
  }
  return i;
}
