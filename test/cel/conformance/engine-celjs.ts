import { Environment } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { commonSkip } from './engine.ts';
import type { Engine, Outcome } from './engine.ts';
import type { DeclType, NV, SimpleTest } from './model.ts';

function typeString(d: DeclType): string {
  switch (d.k) {
    case 'list':
      return `list<${typeString(d.elem)}>`;
    case 'map':
      return `map<${typeString(d.key)}, ${typeString(d.value)}>`;
    case 'null':
      return 'null_type';
    case 'timestamp':
      return 'google.protobuf.Timestamp';
    case 'duration':
      return 'google.protobuf.Duration';
    case 'unsupported':
      return 'dyn';
    default:
      return d.k;
  }
}

const BILLION = 1_000_000_000n;

export function toCelJs(v: NV): unknown {
  switch (v.t) {
    case 'uint':
      return new UnsignedInt(v.v);
    case 'null':
      return null;
    case 'list':
      return v.v.map(toCelJs);
    case 'map':
      return v.v.every(([k]) => k.t === 'string')
        ? Object.fromEntries(v.v.map(([k, x]) => [(k as { v: string }).v, toCelJs(x)]))
        : new Map(v.v.map(([k, x]) => [toCelJs(k), toCelJs(x)]));
    case 'timestamp':
      return new Date(Number(v.v / 1_000_000n));
    case 'duration':
      return new Duration(v.v / BILLION, Number(v.v % BILLION));
    case 'type':
      return v.v;
    default:
      return v.v;
  }
}

export function fromCelJs(x: unknown): NV {
  if (x === null) return { t: 'null' };
  if (typeof x === 'bigint') return { t: 'int', v: x };
  if (typeof x === 'number') return { t: 'double', v: x };
  if (typeof x === 'string') return { t: 'string', v: x };
  if (typeof x === 'boolean') return { t: 'bool', v: x };
  if (x instanceof Uint8Array) return { t: 'bytes', v: x };
  if (x instanceof UnsignedInt) return { t: 'uint', v: x.value };
  if (x instanceof Date) return { t: 'timestamp', v: BigInt(x.getTime()) * 1_000_000n };
  if (x instanceof Duration) return { t: 'duration', v: BigInt(x.seconds) * BILLION + BigInt(x.nanos) };
  if (Array.isArray(x)) return { t: 'list', v: x.map(fromCelJs) };
  if (x instanceof Map) return { t: 'map', v: [...x].map(([k, e]) => [fromCelJs(k), fromCelJs(e)]) };
  if (typeof x === 'object' && x.constructor?.name === 'Type') return { t: 'type', v: (x as { name: string }).name };
  if (typeof x === 'object')
    return { t: 'map', v: Object.entries(x).map(([k, e]) => [{ t: 'string', v: k }, fromCelJs(e)]) };
  return { t: 'string', v: `<${typeof x}>` };
}

export const celJs: Engine = {
  name: '@marcbachmann/cel-js',
  run(test: SimpleTest): Outcome {
    const skip = commonSkip(test);
    if (skip !== undefined) return { kind: 'skip', reason: skip };
    try {
      const env = new Environment({
        unlistedVariablesAreDyn: test.disableCheck,
        homogeneousAggregateLiterals: !test.disableCheck,
        enableOptionalTypes: true,
      });
      for (const [k, d] of Object.entries(test.decls)) env.registerVariable(k, typeString(d));
      if (!test.disableCheck) {
        for (const k of Object.keys(test.bindings)) if (!env.hasVariable(k)) env.registerVariable(k, 'dyn');
      }
      const parsed = env.parse(test.expr);
      if (!test.disableCheck) {
        const c = parsed.check();
        if (!c.valid) return { kind: 'compile_error', message: c.error?.message ?? 'invalid' };
      }
      const activation = Object.fromEntries(Object.entries(test.bindings).map(([k, v]) => [k, toCelJs(v)]));
      return { kind: 'value', value: fromCelJs(parsed(activation)) };
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      const message = e instanceof Error ? e.message : String(e);
      return name === 'ParseError' ? { kind: 'compile_error', message } : { kind: 'eval_error', message };
    }
  },
};
