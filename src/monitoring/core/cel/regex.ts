/**
 * RE2 is CEL's regex dialect; JS RegExp is close enough once leading inline flags and a few escapes are mapped.
 * Backreferences and lookaround are refused, as RE2 refuses them, so a rule that runs here also runs elsewhere.
 * Returns the compiled regex or a message saying why the pattern is rejected.
 */
export function compileRegex(pattern: string): RegExp | string {
  let flags = 'u';
  let p = pattern;
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(p);
  if (inline !== null) {
    for (const f of inline[1] ?? '') {
      if (f !== 'i' && f !== 'm' && f !== 's') return `unsupported inline flag '${f}'`;
      if (!flags.includes(f)) flags += f;
    }
    p = p.slice(inline[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    const n = p[i + 1] ?? '';
    if (c === '\\') {
      if (!inClass && n >= '1' && n <= '9') return 'backreferences are not supported';
      if (n === 'k' && p[i + 2] === '<') return 'named backreferences are not supported';
      if (n === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (n === 'A' && !inClass) out += '(?<![\\s\\S])';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      // RE2 reads a `]` right after `[` or `[^` as a literal; JS would end the class there.
      const lead = n === '^' ? 2 : 1;
      if (p[i + lead] === ']') {
        out += p.slice(i, i + lead) + '\\]';
        i += lead;
        continue;
      }
    } else if (c === '(' && n === '?') {
      const rest = p.slice(i, i + 4);
      if (rest.startsWith('(?=') || rest.startsWith('(?!') || rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
        return 'lookaround assertions are not supported';
      }
      if (rest.startsWith('(?P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
    }
    out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    return e instanceof Error ? e.message : 'invalid regular expression';
  }
}
