import type { DeclType, NV, SimpleTest } from './model.ts';

/** The outcome of one test on one engine, before it is compared with the expectation. */
export type Outcome =
  | { kind: 'value'; value: NV }
  | { kind: 'compile_error'; message: string }
  | { kind: 'eval_error'; message: string }
  | { kind: 'skip'; reason: string };

export interface Engine {
  readonly name: string;
  run(test: SimpleTest): Outcome;
}

/** Reasons a test is out of scope for every engine here: it needs protobuf messages or a CEL service feature. */
export function commonSkip(t: SimpleTest): string | undefined {
  if (t.outOfScope !== undefined) return `needs ${t.outOfScope}`;
  if (/\b(TestAllTypes|NestedTestAllTypes|google\.protobuf\.[A-Z]\w*\s*\{|GlobalEnum|NestedEnum)\b/.test(t.expr))
    return 'needs protobuf messages or enums';
  if (/\b[A-Z][A-Za-z0-9_.]*\s*\{/.test(t.expr)) return 'needs protobuf message construction';
  if (t.container !== '') return 'needs a container (namespace resolution)';
  if (t.declaresFunctions) return 'declares host functions in type_env';
  if (t.checkOnly) return 'type deduction only (check_only)';
  return undefined;
}

export const isUnsupportedDecl = (t: DeclType): boolean =>
  t.k === 'unsupported' ||
  (t.k === 'list' && isUnsupportedDecl(t.elem)) ||
  (t.k === 'map' && (isUnsupportedDecl(t.key) || isUnsupportedDecl(t.value)));

/** Whether an engine's outcome meets the test's expectation. A compile error stands for an evaluation error only
 * when the test disables checking (the error would then surface at run time). */
export function judge(t: SimpleTest, o: Outcome): { pass: boolean; why: string } {
  if (o.kind === 'skip') return { pass: false, why: o.reason };
  if (t.expect.kind === 'error') {
    if (o.kind === 'eval_error') return { pass: true, why: '' };
    if (o.kind === 'compile_error')
      return t.disableCheck ? { pass: true, why: '' } : { pass: false, why: `compile error: ${o.message}` };
    return { pass: false, why: `expected an error, got ${show(o.value)}` };
  }
  if (t.expect.kind === 'none') return { pass: o.kind === 'value', why: o.kind === 'value' ? '' : o.message };
  if (o.kind !== 'value') return { pass: false, why: `${o.kind}: ${o.message}` };
  return nvEquals(t.expect.value, o.value)
    ? { pass: true, why: '' }
    : { pass: false, why: `expected ${show(t.expect.value)}, got ${show(o.value)}` };
}

export function nvEquals(want: NV, got: NV): boolean {
  switch (want.t) {
    case 'null':
      return got.t === 'null';
    case 'double':
      return got.t === 'double' && (want.v === got.v || (Number.isNaN(want.v) && Number.isNaN(got.v)));
    case 'bytes':
      return got.t === 'bytes' && want.v.length === got.v.length && want.v.every((b, i) => got.v[i] === b);
    case 'list':
      return got.t === 'list' && want.v.length === got.v.length && want.v.every((x, i) => nvEquals(x, got.v[i] as NV));
    case 'map':
      return (
        got.t === 'map' &&
        want.v.length === got.v.length &&
        want.v.every(([k, v]) => got.v.some(([gk, gv]) => keyEquals(k, gk) && nvEquals(v, gv)))
      );
    default:
      return got.t === want.t && (got as { v: unknown }).v === want.v;
  }
}

// An engine that keeps maps as plain objects has only string keys; `{1: x}` then reads back as `{'1': x}`.
const keyEquals = (want: NV, got: NV): boolean =>
  nvEquals(want, got) ||
  (got.t === 'string' && (want.t === 'int' || want.t === 'uint' || want.t === 'bool') && String(want.v) === got.v);

export function show(v: NV): string {
  switch (v.t) {
    case 'null':
      return 'null';
    case 'list':
      return `[${v.v.map(show).join(', ')}]`;
    case 'map':
      return `{${v.v.map(([k, x]) => `${show(k)}: ${show(x)}`).join(', ')}}`;
    case 'bytes':
      return `b[${[...v.v].join(',')}]`;
    case 'string':
      return JSON.stringify(v.v);
    default:
      return `${v.t}(${String(v.v)})`;
  }
}
