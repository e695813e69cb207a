import { compile, isCelRuntimeError, T } from '../../../src/monitoring/core/cel/index.ts';
import type { CelType } from '../../../src/monitoring/core/cel/index.ts';
import { CelDuration, CelTimestamp, CelTypeValue, CelUint } from '../../../src/monitoring/core/cel/values.ts';
import { commonSkip } from './engine.ts';
import type { Engine, Outcome } from './engine.ts';
import type { DeclType, NV, SimpleTest } from './model.ts';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const hasKind = (k: string): boolean => Object.hasOwn(T, k);

function celType(d: DeclType): CelType {
  switch (d.k) {
    case 'list':
      return T.list(celType(d.elem));
    case 'map':
      return T.map(celType(d.key), celType(d.value));
    case 'unsupported':
      return T.dyn;
    default:
      return hasKind(d.k) ? ((T as unknown as Record<string, CelType>)[d.k] ?? T.dyn) : T.dyn;
  }
}

/** NV → the JS value our runtime takes for it. */
export function toOurs(v: NV): unknown {
  switch (v.t) {
    case 'int':
      return v.v >= -SAFE && v.v <= SAFE ? Number(v.v) : v.v;
    case 'uint':
      return new CelUint(v.v);
    case 'null':
      return null;
    case 'list':
      return v.v.map(toOurs);
    case 'map':
      return new Map(v.v.map(([k, x]) => [toOurs(k), toOurs(x)]));
    case 'timestamp':
      return new CelTimestamp(v.v);
    case 'duration':
      return new CelDuration(v.v);
    case 'type':
      return new CelTypeValue(v.v);
    default:
      return v.v;
  }
}

/** Our result → NV; the static type tells an int from an integral double where the value alone cannot. */
export function fromOurs(x: unknown, t: CelType | undefined): NV {
  if (x === null) return { t: 'null' };
  if (typeof x === 'bigint') return { t: 'int', v: x };
  if (typeof x === 'number') {
    const asInt = t?.kind === 'int' || (t?.kind !== 'double' && Number.isInteger(x) && !Object.is(x, -0));
    return asInt ? { t: 'int', v: BigInt(x) } : { t: 'double', v: x };
  }
  if (typeof x === 'string') return { t: 'string', v: x };
  if (typeof x === 'boolean') return { t: 'bool', v: x };
  if (x instanceof Uint8Array) return { t: 'bytes', v: x };
  if (x instanceof CelUint) return { t: 'uint', v: x.v };
  if (x instanceof CelTimestamp) return { t: 'timestamp', v: x.ns };
  if (x instanceof CelDuration) return { t: 'duration', v: x.ns };
  if (x instanceof CelTypeValue) return { t: 'type', v: x.name };
  const elem = t?.kind === 'list' ? t.elem : undefined;
  if (Array.isArray(x)) return { t: 'list', v: x.map((e) => fromOurs(e, elem)) };
  const [kt, vt] = t?.kind === 'map' ? [t.key, t.value] : [undefined, undefined];
  if (x instanceof Map) return { t: 'map', v: [...x].map(([k, e]) => [fromOurs(k, kt), fromOurs(e, vt)]) };
  if (typeof x === 'object')
    return { t: 'map', v: Object.entries(x).map(([k, e]) => [{ t: 'string', v: k }, fromOurs(e, vt)]) };
  return { t: 'string', v: `<${typeof x}>` };
}

export const ours: Engine = {
  name: 'zhili',
  run(test: SimpleTest): Outcome {
    const skip = commonSkip(test);
    if (skip !== undefined) return { kind: 'skip', reason: skip };
    const variables: Record<string, CelType> = {};
    for (const k of Object.keys(test.bindings)) variables[k] = T.dyn;
    for (const [k, d] of Object.entries(test.decls)) variables[k] = celType(d);
    const r = compile(test.expr, { variables });
    if (!r.ok) return { kind: 'compile_error', message: r.errors.map((e) => e.message).join('; ') };
    const activation = Object.fromEntries(Object.entries(test.bindings).map(([k, v]) => [k, toOurs(v)]));
    try {
      return { kind: 'value', value: fromOurs(r.program(activation), r.type) };
    } catch (e) {
      if (isCelRuntimeError(e)) return { kind: 'eval_error', message: e.message };
      return { kind: 'eval_error', message: `host exception: ${e instanceof Error ? e.message : String(e)}` };
    }
  },
};
