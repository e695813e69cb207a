import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, Expr } from './ast.ts';
import type { Pos } from './errors.ts';
import { CelRuntimeError, T, compile, parse, printExpr } from './index.ts';
import type { CelEnv, CelType } from './index.ts';

const P: Pos = { offset: 0, line: 1, column: 1 };
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

// ---- int arithmetic against a BigInt reference ---------------------------------------------------------

const VARS = ['v0', 'v1', 'v2', 'v3'] as const;
type Leaf = { kind: 'int'; value: number; pos: Pos } | { kind: 'ident'; name: string; pos: Pos };

const intLeaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc
    .oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }))
    .map((value) => ({ kind: 'int', value, pos: P }) as const),
  fc.constantFrom(...VARS).map((name) => ({ kind: 'ident', name, pos: P }) as const),
);

function intExpr(depth: number): fc.Arbitrary<Expr> {
  if (depth === 0) return intLeaf;
  const sub = intExpr(depth - 1);
  return fc.oneof(
    { weight: 1, arbitrary: intLeaf },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom<BinaryOp>('+', '-', '*', '/', '%'), sub, sub)
        .map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right, pos: P })),
    },
    { weight: 1, arbitrary: sub.map((operand): Expr => ({ kind: 'unary', op: '-', operand, pos: P })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom<BinaryOp>('<', '<=', '==', '!='), sub, sub, sub, sub)
        .map(([op, a, b, then, els]): Expr => ({
          kind: 'cond',
          cond: { kind: 'binary', op, left: a, right: b, pos: P },
          then,
          else: els,
          pos: P,
        })),
    },
  );
}

type Ref = { ok: true; value: bigint } | { ok: false };
const bad: Ref = { ok: false };

/** The reference: exact BigInt arithmetic, failing wherever an int64 would leave its range. */
function reference(e: Expr, vars: Record<string, bigint>): Ref {
  const safe = (v: bigint): Ref => (v > INT64_MAX || v < INT64_MIN ? bad : { ok: true, value: v });
  switch (e.kind) {
    case 'int':
      return { ok: true, value: BigInt(e.value) };
    case 'ident':
      return { ok: true, value: vars[e.name] ?? 0n };
    case 'unary': {
      const x = reference(e.operand, vars);
      return x.ok ? safe(-x.value) : bad;
    }
    case 'cond': {
      if (e.cond.kind !== 'binary') return bad;
      const a = reference(e.cond.left, vars);
      const b = reference(e.cond.right, vars);
      if (!a.ok || !b.ok) return bad;
      const c = {
        '<': a.value < b.value,
        '<=': a.value <= b.value,
        '==': a.value === b.value,
        '!=': a.value !== b.value,
      }[e.cond.op as '<'];
      return reference(c ? e.then : e.else, vars);
    }
    case 'binary': {
      const a = reference(e.left, vars);
      const b = reference(e.right, vars);
      if (!a.ok || !b.ok) return bad;
      const [x, y] = [a.value, b.value];
      if ((e.op === '/' || e.op === '%') && y === 0n) return bad;
      switch (e.op) {
        case '+':
          return safe(x + y);
        case '-':
          return safe(x - y);
        case '*':
          return safe(x * y);
        case '/':
          return safe(x / y); // BigInt division truncates toward zero, as CEL's does
        case '%':
          return safe(x % y);
        default:
          return bad;
      }
    }
    default:
      return bad;
  }
}

function outcome(run: () => unknown): Ref | { ok: true; value: unknown } {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    if (e instanceof CelRuntimeError) return bad;
    throw e;
  }
}

describe('properties', () => {
  const safeInt = fc.oneof(
    fc.integer({ min: -30, max: 30 }),
    fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  );

  it.each([
    ['typed', T.int],
    ['dyn', T.dyn],
  ] as [string, CelType][])(
    'int arithmetic (%s variables) matches a BigInt reference, errors included',
    (_label, varType) => {
      const env: CelEnv = { variables: Object.fromEntries(VARS.map((v) => [v, varType])) };
      const seen = { value: 0, error: 0 };
      fc.assert(
        fc.property(intExpr(4), fc.tuple(safeInt, safeInt, safeInt, safeInt), (e, values) => {
          const vars = Object.fromEntries(VARS.map((v, i) => [v, values[i] ?? 0]));
          const src = printExpr(e);
          const r = compile(src, env);
          if (!r.ok) throw new Error(`${src}: ${r.errors[0]?.message}`);
          const want = reference(e, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, BigInt(v)])));
          const got = outcome(() => r.program(vars));
          expect(got.ok, src).toBe(want.ok);
          seen[got.ok ? 'value' : 'error']++;
          if (got.ok && want.ok) {
            // Canonical form: a number while safe, a bigint only beyond.
            const v = got.value as number | bigint;
            expect(typeof v === 'number' ? Number.isSafeInteger(v) : v > MAX_SAFE || v < -MAX_SAFE, src).toBe(true);
            expect(BigInt(v), src).toBe(want.value);
          }
        }),
        { numRuns: 400 },
      );
      // Both outcomes must be well represented, or the property would not be testing much.
      expect(seen.value).toBeGreaterThan(100);
      expect(seen.error).toBeGreaterThan(20);
    },
  );

  it('&& and || give the same outcome in either operand order, as CEL requires', () => {
    const operands = ['true', 'false', '(1 / 0 == 1)', 'd.t', 'd.f', 'd.s', 'd.missing'];
    const env: CelEnv = { variables: { d: T.dyn } };
    const act = { d: { t: true, f: false, s: 'str' } };
    fc.assert(
      fc.property(
        fc.constantFrom(...operands),
        fc.constantFrom(...operands),
        fc.constantFrom('&&', '||'),
        (a, b, op) => {
          const run = (src: string): unknown => {
            const r = compile(src, env);
            if (!r.ok) throw new Error(src);
            const o = outcome(() => r.program(act));
            return o.ok ? o.value : 'error';
          };
          const ab = run(`${a} ${op} ${b}`);
          expect(ab).toBe(run(`${b} ${op} ${a}`));
          const value = (s: string): unknown => run(s);
          const [va, vb] = [value(a), value(b)];
          const decisive = op === '||';
          const want =
            va === decisive || vb === decisive ? decisive : va === !decisive && vb === !decisive ? !decisive : 'error';
          expect(ab).toBe(want);
        },
      ),
    );
  });
});

// ---- print / parse round trip ------------------------------------------------------------------------

const NAMES = ['a', 'b', 'event', 'x_1', 'amount', 'size', 'matches', 'Ab'];

function anyExpr(depth: number): fc.Arbitrary<Expr> {
  const name = fc.constantFrom(...NAMES);
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map((value): Expr => ({ kind: 'int', value, pos: P })),
    fc
      .double({ min: 0, noNaN: true, noDefaultInfinity: true })
      .map((value): Expr => ({ kind: 'double', value: value + 0, pos: P })),
    fc.string({ unit: 'grapheme', maxLength: 6 }).map((value): Expr => ({ kind: 'string', value, pos: P })),
    fc.boolean().map((value): Expr => ({ kind: 'bool', value, pos: P })),
    fc.constant<Expr>({ kind: 'null', pos: P }),
    name.map((n): Expr => ({ kind: 'ident', name: n, pos: P })),
  );
  if (depth === 0) return leaf;
  const sub = anyExpr(depth - 1);
  const ops: BinaryOp[] = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%'];
  return fc.oneof(
    leaf,
    fc.tuple(sub, name).map(([operand, field]): Expr => ({ kind: 'select', operand, field, pos: P })),
    fc.tuple(sub, sub).map(([operand, index]): Expr => ({ kind: 'index', operand, index, pos: P })),
    fc
      .tuple(name, fc.option(sub, { nil: undefined }), fc.array(sub, { maxLength: 3 }))
      .map(([fn, target, args]): Expr => ({ kind: 'call', fn, target, args, pos: P })),
    fc
      .tuple(fc.constantFrom<'!' | '-'>('!', '-'), sub)
      .map(([op, operand]): Expr => ({ kind: 'unary', op, operand, pos: P })),
    fc
      .tuple(fc.constantFrom(...ops), sub, sub)
      .map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right, pos: P })),
    fc.tuple(sub, sub, sub).map(([cond, then, els]): Expr => ({ kind: 'cond', cond, then, else: els, pos: P })),
    fc.array(sub, { maxLength: 3 }).map((elems): Expr => ({ kind: 'list', elems, pos: P })),
    fc
      .array(fc.tuple(sub, sub), { maxLength: 2 })
      .map((es): Expr => ({ kind: 'map', entries: es.map(([key, value]) => ({ key, value })), pos: P })),
  );
}

const shape = (e: Expr): string => JSON.stringify(e, (k, v: unknown) => (k === 'pos' ? undefined : v));

describe('print / parse', () => {
  it('printing any tree and parsing it back gives the same tree', () => {
    fc.assert(
      fc.property(anyExpr(4), (e) => {
        const src = printExpr(e);
        const r = parse(src);
        if (!r.ok) throw new Error(`${src}: ${r.errors[0]?.message}`);
        expect(shape(r.expr)).toBe(shape(e));
      }),
      { numRuns: 500 },
    );
  });
});

// ---- purity --------------------------------------------------------------------------------------------

function deepFreeze<V>(v: V): V {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('purity', () => {
  const env: CelEnv = {
    variables: {
      event: T.object('Event', { amount: T.int, tags: T.list(T.string), attrs: T.map(T.string, T.int) }),
      xs: T.list(T.int),
    },
  };
  const programs = [
    'event.tags + ["x"]',
    'xs.map(x, x * 2) + xs.filter(x, x > 0)',
    'xs.exists(x, x > event.amount) || event.tags.all(t, t.size() < 3)',
    "event.attrs.map(k, k + '!')",
    "{'a': xs, 'b': event.tags}",
    'event.amount / (size(xs) - 1) > 0 && "k" in event.attrs',
    '[xs, xs][0]',
  ].map((src) => {
    const r = compile(src, env);
    if (!r.ok) throw new Error(`${src}: ${r.errors[0]?.message}`);
    return r.program;
  });

  it('a program returns the same result for the same activation and never writes to it', () => {
    const activation = fc.record({
      event: fc.record({
        amount: fc.integer({ min: -1000, max: 1000 }),
        tags: fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 }),
        attrs: fc.dictionary(fc.string({ maxLength: 3 }), fc.integer()),
      }),
      xs: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(activation, fc.constantFrom(...programs), (act, program) => {
        const before = structuredClone(act);
        const frozen = deepFreeze(act);
        const first = outcome(() => program(frozen));
        const second = outcome(() => program(frozen));
        expect(second).toEqual(first);
        expect(frozen).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
