import { RE2 } from 're2-wasm';

/** A compiled `matches` pattern. */
export interface Pattern {
  test(input: string): boolean;
}

/**
 * RE2 is CEL's regex dialect, and RE2 itself (re2-wasm) runs it: matching is linear in the input, so a
 * rule author's pattern can never backtrack exponentially on the hot path (`^(a+)+$` against 10,000
 * characters takes milliseconds, not centuries). Backreferences and lookaround are refused, as in every
 * CEL implementation. Returns the compiled pattern or a message saying why it is rejected.
 */
export function compileRegex(pattern: string): Pattern | string {
  try {
    return new RE2(pattern, 'u');
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    // RE2's own words for the two features authors reach for most, said as CEL's other implementations say them.
    if (/invalid escape sequence: \\[1-9]/.test(m)) return 'backreferences are not supported';
    if (/\(\?<?[=!]/.test(pattern) && m.includes('invalid perl operator'))
      return 'lookaround assertions are not supported';
    return m.replace(/^Invalid regular expression: \/.*\/u: /, '') || 'invalid regular expression';
  }
}
