import { all, first, parseTextproto, sub, text } from '../textproto.ts';
import type { TpMessage, TpValue } from '../textproto.ts';

/** An engine-neutral CEL value: what a test expects, and what each engine's result is turned into. */
export type NV =
  | { t: 'int'; v: bigint }
  | { t: 'uint'; v: bigint }
  | { t: 'double'; v: number }
  | { t: 'string'; v: string }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'list'; v: NV[] }
  | { t: 'map'; v: [NV, NV][] }
  | { t: 'timestamp'; v: bigint }
  | { t: 'duration'; v: bigint }
  | { t: 'type'; v: string };

/** A declared variable type from `type_env`, reduced to what CEL without protobuf messages can express. */
export type DeclType =
  | { k: 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'bool' | 'null' | 'dyn' | 'timestamp' | 'duration' }
  | { k: 'list'; elem: DeclType }
  | { k: 'map'; key: DeclType; value: DeclType }
  | { k: 'unsupported'; what: string };

export interface SimpleTest {
  readonly section: string;
  readonly name: string;
  readonly expr: string;
  readonly disableCheck: boolean;
  readonly checkOnly: boolean;
  readonly container: string;
  readonly decls: Record<string, DeclType>;
  /** Declarations of functions: no engine here can take them, so such a test is skipped. */
  readonly declaresFunctions: boolean;
  readonly bindings: Record<string, NV>;
  readonly expect: { kind: 'value'; value: NV } | { kind: 'error' } | { kind: 'none' };
  /** Set when the test needs something out of scope (protobuf messages, enums, unknowns). */
  readonly outOfScope?: string;
}

class OutOfScope extends Error {}

const intOf = (v: TpValue | undefined): bigint => BigInt(text(v) ?? '0');

function doubleOf(v: TpValue | undefined): number {
  const s = (text(v) ?? '0').toLowerCase();
  if (s === 'inf' || s === 'infinity') return Infinity;
  if (s === '-inf' || s === '-infinity') return -Infinity;
  if (s === 'nan') return NaN;
  return Number(s.replace(/f$/, ''));
}

function anyValue(m: TpMessage): NV {
  const [[name, vals]] = [...m.fields.entries()] as [[string, TpValue[]]];
  const body = vals[0];
  if (body?.kind !== 'message') throw new OutOfScope(`object_value ${name}`);
  const ns = (): bigint => intOf(first(body, 'seconds')) * 1_000_000_000n + intOf(first(body, 'nanos'));
  if (name.endsWith('google.protobuf.Duration]')) return { t: 'duration', v: ns() };
  if (name.endsWith('google.protobuf.Timestamp]')) return { t: 'timestamp', v: ns() };
  throw new OutOfScope(`protobuf message ${name.slice(1, -1).split('/').pop() ?? name}`);
}

export function valueOf(m: TpMessage): NV {
  const [entry] = [...m.fields.entries()];
  if (entry === undefined) throw new OutOfScope('empty value');
  const [field, vals] = entry;
  const v = vals[0];
  switch (field) {
    case 'int64_value':
      return { t: 'int', v: intOf(v) };
    case 'uint64_value':
      return { t: 'uint', v: intOf(v) };
    case 'double_value':
      return { t: 'double', v: doubleOf(v) };
    case 'string_value':
      return { t: 'string', v: text(v) ?? '' };
    case 'bytes_value':
      return { t: 'bytes', v: v?.kind === 'scalar' ? (v.bytes ?? new Uint8Array()) : new Uint8Array() };
    case 'bool_value':
      return { t: 'bool', v: text(v) === 'true' };
    case 'null_value':
      return { t: 'null' };
    case 'type_value':
      return { t: 'type', v: text(v) ?? '' };
    case 'list_value':
      return { t: 'list', v: v?.kind === 'message' ? all(v, 'values').map((x) => valueOf(x as TpMessage)) : [] };
    case 'map_value': {
      const entries = v?.kind === 'message' ? all(v, 'entries') : [];
      return {
        t: 'map',
        v: entries.map((en) => {
          const e = en as TpMessage;
          return [valueOf(sub(e, 'key') as TpMessage), valueOf(sub(e, 'value') as TpMessage)];
        }),
      };
    }
    case 'object_value':
      return anyValue(v as TpMessage);
    default:
      throw new OutOfScope(field.replace(/_value$/, ''));
  }
}

const PRIMITIVES: Record<string, DeclType> = {
  INT64: { k: 'int' },
  UINT64: { k: 'uint' },
  DOUBLE: { k: 'double' },
  STRING: { k: 'string' },
  BYTES: { k: 'bytes' },
  BOOL: { k: 'bool' },
};

export function declType(m: TpMessage | undefined): DeclType {
  if (m === undefined) return { k: 'dyn' };
  const prim = text(first(m, 'primitive'));
  if (prim !== undefined) return PRIMITIVES[prim] ?? { k: 'unsupported', what: prim };
  if (m.fields.has('dyn')) return { k: 'dyn' };
  if (m.fields.has('null')) return { k: 'null' };
  const wk = text(first(m, 'well_known'));
  if (wk === 'TIMESTAMP') return { k: 'timestamp' };
  if (wk === 'DURATION') return { k: 'duration' };
  const msg = text(first(m, 'message_type'));
  if (msg === 'google.protobuf.Timestamp') return { k: 'timestamp' };
  if (msg === 'google.protobuf.Duration') return { k: 'duration' };
  const list = sub(m, 'list_type');
  if (list !== undefined) return { k: 'list', elem: declType(sub(list, 'elem_type')) };
  const map = sub(m, 'map_type');
  if (map !== undefined)
    return { k: 'map', key: declType(sub(map, 'key_type')), value: declType(sub(map, 'value_type')) };
  const what = msg ?? wk ?? (m.fields.has('wrapper') ? 'wrapper types' : [...m.fields.keys()].join(','));
  return { k: 'unsupported', what };
}

function unsupportedIn(t: DeclType): string | undefined {
  if (t.k === 'unsupported') return t.what;
  if (t.k === 'list') return unsupportedIn(t.elem);
  if (t.k === 'map') return unsupportedIn(t.key) ?? unsupportedIn(t.value);
  return undefined;
}

function readTest(section: string, t: TpMessage): SimpleTest {
  const name = text(first(t, 'name')) ?? '?';
  const expr = text(first(t, 'expr')) ?? '';
  const decls: Record<string, DeclType> = {};
  let declaresFunctions = false;
  let outOfScope: string | undefined;
  for (const d of all(t, 'type_env') as TpMessage[]) {
    const n = text(first(d, 'name')) ?? '';
    if (d.fields.has('function')) declaresFunctions = true;
    else decls[n] = declType(sub(sub(d, 'ident') ?? d, 'type'));
    outOfScope ??= unsupportedIn(decls[n] ?? { k: 'dyn' });
  }
  const bindings: Record<string, NV> = {};
  let expect: SimpleTest['expect'] = { kind: 'none' };
  try {
    for (const b of all(t, 'bindings') as TpMessage[]) {
      const key = text(first(b, 'key')) ?? '';
      const holder = sub(b, 'value');
      const inner = holder === undefined ? undefined : sub(holder, 'value');
      if (inner === undefined) throw new OutOfScope('unknown or error bindings');
      bindings[key] = valueOf(inner);
    }
    const value = sub(t, 'value') ?? sub(sub(t, 'typed_result') ?? t, 'result');
    if (value !== undefined) expect = { kind: 'value', value: valueOf(value) };
    else if (t.fields.has('eval_error')) expect = { kind: 'error' };
    else if (t.fields.has('unknown') || t.fields.has('any_unknowns')) throw new OutOfScope('unknown values');
    else if (t.fields.has('any_eval_errors')) expect = { kind: 'error' };
    else expect = { kind: 'value', value: { t: 'bool', v: true } };
  } catch (e) {
    if (!(e instanceof OutOfScope)) throw e;
    outOfScope ??= e.message;
  }
  return {
    section,
    name,
    expr,
    disableCheck: text(first(t, 'disable_check')) === 'true',
    checkOnly: text(first(t, 'check_only')) === 'true',
    container: text(first(t, 'container')) ?? '',
    decls,
    declaresFunctions,
    bindings,
    expect,
    ...(outOfScope === undefined ? {} : { outOfScope }),
  };
}

/** The tests of one `SimpleTestFile`, in file order. */
export function readSimpleTestFile(src: string): SimpleTest[] {
  const file = parseTextproto(src);
  return (all(file, 'section') as TpMessage[]).flatMap((s) =>
    (all(s, 'test') as TpMessage[]).map((t) => readTest(text(first(s, 'name')) ?? '?', t)),
  );
}
