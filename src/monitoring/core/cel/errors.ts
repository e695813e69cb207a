/** A place in the rule source. Line and column are 1-based; column counts UTF-16 code units. */
export interface Pos {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export type CelDiagnosticCode =
  | 'syntax'
  | 'unknown_identifier'
  | 'unknown_field'
  | 'unknown_function'
  | 'wrong_arity'
  | 'type_mismatch'
  | 'invalid_argument';

export interface CelDiagnostic {
  line: number;
  column: number;
  message: string;
  code: CelDiagnosticCode;
}

export const diag = (code: CelDiagnosticCode, at: Pos, message: string): CelDiagnostic => ({
  line: at.line,
  column: at.column,
  message,
  code,
});

export type CelRuntimeCode =
  | 'no_such_variable'
  | 'no_such_field'
  | 'no_such_key'
  | 'index_out_of_range'
  | 'division_by_zero'
  | 'overflow'
  | 'type_mismatch'
  | 'no_matching_overload'
  | 'invalid_argument'
  | 'function_error';

/**
 * Every failure while a program runs surfaces as this class, so the host can tell "the rule could not be
 * evaluated" (fail closed) from a bug in the host itself.
 */
export class CelRuntimeError extends Error {
  readonly code: CelRuntimeCode;
  readonly line: number;
  readonly column: number;

  constructor(code: CelRuntimeCode, message: string, at: Pos, cause?: unknown) {
    super(`${message} (at ${at.line}:${at.column})`, cause === undefined ? undefined : { cause });
    this.name = 'CelRuntimeError';
    this.code = code;
    this.line = at.line;
    this.column = at.column;
  }
}

export function fail(code: CelRuntimeCode, message: string, at: Pos, cause?: unknown): never {
  throw new CelRuntimeError(code, message, at, cause);
}

export const isCelRuntimeError = (e: unknown): e is CelRuntimeError => e instanceof CelRuntimeError;

// Terminals draw CJK and most emoji two cells wide; without this the caret drifts left on Chinese rule text.
function cellWidth(cp: number): number {
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

function caretPad(linePrefix: string): string {
  let pad = '';
  for (const ch of linePrefix) pad += ch === '\t' ? '\t' : ' '.repeat(cellWidth(ch.codePointAt(0) ?? 0));
  return pad;
}

/** Renders diagnostics like a compiler: `line:col: message`, the source line, and a caret under the column. */
export function formatDiagnostics(source: string, errors: readonly CelDiagnostic[]): string {
  const lines = source.split(/\r\n|\r|\n/);
  const gutter = String(Math.max(1, ...errors.map((e) => e.line))).length;
  return errors
    .map((e) => {
      const text = lines[e.line - 1] ?? '';
      const num = String(e.line).padStart(gutter);
      const blank = ' '.repeat(gutter);
      const caret = caretPad(text.slice(0, Math.max(0, e.column - 1)));
      return `${e.line}:${e.column}: error[${e.code}]: ${e.message}\n ${num} | ${text}\n ${blank} | ${caret}^`;
    })
    .join('\n');
}
