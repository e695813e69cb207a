import type { BinaryOp, Expr, ExprOf } from './ast.ts';
import { hostOverloads } from './env.ts';
import type { CelEnv } from './env.ts';
import { diag } from './errors.ts';
import type { CelDiagnosticCode, Pos } from './errors.ts';
import { checkComprehension, checkHas } from './check-macros.ts';
import { COMPREHENSIONS, FAILED, TYPE_NAMES } from './checked.ts';
import type { CheckContext, Checked, Comprehension, Scope } from './checked.ts';
import { GLOBALS, MEMBERS, OPERATORS } from './functions.ts';
import type { Overload } from './functions.ts';
import { compileRegex } from './regex.ts';
import { didYouMean } from './suggest.ts';
import { T, comparable, isAssignable, join, typeName } from './types.ts';
import type { CelType } from './types.ts';

export function check(root: Expr, env: CelEnv): Checked {
  const out: Checked = { types: new Map(), calls: new Map(), macros: new Map(), bindings: new Map(), diagnostics: [] };
  const hostFns = new Map(Object.entries(env.functions ?? {}).map(([n, d]) => [n, hostOverloads(n, d)] as const));

  const report = (code: CelDiagnosticCode, at: Pos, message: string): CelType => {
    out.diagnostics.push(diag(code, at, message));
    return FAILED;
  };

  const visit = (e: Expr, scope: Scope | undefined): CelType => {
    const t = infer(e, scope);
    out.types.set(e, t);
    return t;
  };

  const resolve = (e: Expr, label: string, overloads: Overload[], args: CelType[], isOp: boolean): CelType => {
    const byArity = overloads.filter((o) => o.params.length === args.length);
    if (byArity.length === 0) {
      const arities = [...new Set(overloads.map((o) => o.params.length))].join(' or ');
      return report('wrong_arity', e.pos, `${label} takes ${arities} argument(s), got ${args.length}`);
    }
    const fits = byArity.filter((o) => o.params.every((p, i) => isAssignable(p, args[i] ?? T.dyn)));
    if (fits.length === 0) {
      const shown = args.map(typeName);
      return report(
        'type_mismatch',
        e.pos,
        isOp
          ? `operator ${label} cannot be applied to ${shown.join(' and ')}`
          : `no overload of ${label} accepts (${shown.join(', ')})`,
      );
    }
    out.calls.set(e, fits);
    const first = fits[0] as Overload;
    return fits.every((o) => typeName(o.result) === typeName(first.result)) ? first.result : T.dyn;
  };

  const needBool = (e: Expr, t: CelType, what: string): boolean => {
    if (t.kind === 'bool' || t.kind === 'dyn') return true;
    report('type_mismatch', e.pos, `${what} must be bool, got ${typeName(t)}`);
    return false;
  };

  function infer(e: Expr, scope: Scope | undefined): CelType {
    switch (e.kind) {
      case 'int':
      case 'uint':
      case 'double':
      case 'string':
      case 'bytes':
      case 'bool':
      case 'null':
        return T[e.kind];
      case 'ident':
        return ident(e, scope);
      case 'select':
        return select(e, visit(e.operand, scope));
      case 'index':
        return index(e, visit(e.operand, scope), visit(e.index, scope));
      case 'unary': {
        const t = visit(e.operand, scope);
        return t === FAILED ? FAILED : resolve(e, `'${e.op}'`, OPERATORS[e.op === '-' ? 'neg' : '!'] ?? [], [t], true);
      }
      case 'binary':
        return binary(e, e.op, visit(e.left, scope), visit(e.right, scope));
      case 'cond': {
        needBool(e.cond, visit(e.cond, scope), 'the condition of ?:');
        const a = visit(e.then, scope);
        const b = visit(e.else, scope);
        return (
          join(a, b) ??
          report('type_mismatch', e.pos, `the branches of ?: have different types: ${typeName(a)} and ${typeName(b)}`)
        );
      }
      case 'list':
        return T.list(
          e.elems
            .map((x) => visit(x, scope))
            .reduce<CelType | undefined>((acc, t) => (acc === undefined ? t : (join(acc, t) ?? T.dyn)), undefined) ??
            T.dyn,
        );
      case 'map': {
        let key: CelType | undefined;
        let value: CelType | undefined;
        for (const en of e.entries) {
          const k = visit(en.key, scope);
          if (!['int', 'uint', 'string', 'bool', 'dyn'].includes(k.kind))
            report('type_mismatch', en.key.pos, `map keys must be int, uint, string or bool, got ${typeName(k)}`);
          const v = visit(en.value, scope);
          key = key === undefined ? k : (join(key, k) ?? T.dyn);
          value = value === undefined ? v : (join(value, v) ?? T.dyn);
        }
        return T.map(key ?? T.dyn, value ?? T.dyn);
      }
      case 'call':
        return call(e, scope);
    }
  }

  function ident(e: ExprOf<'ident'>, scope: Scope | undefined): CelType {
    for (let s = scope; s !== undefined; s = s.parent) {
      if (s.name === e.name) {
        out.bindings.set(e, { kind: 'iter', owner: s.owner });
        return s.type;
      }
    }
    const t = Object.hasOwn(env.variables, e.name) ? env.variables[e.name] : undefined;
    if (t === undefined && TYPE_NAMES.has(e.name)) {
      out.bindings.set(e, { kind: 'type', name: e.name });
      return T.type;
    }
    if (t === undefined) {
      // Innermost names first: on a tie the iteration variable in hand is the likelier intent.
      const names: string[] = [];
      for (let s = scope; s !== undefined; s = s.parent) names.push(s.name);
      names.push(...Object.keys(env.variables));
      return report('unknown_identifier', e.pos, `unknown identifier '${e.name}'${didYouMean(e.name, names)}`);
    }
    out.bindings.set(e, { kind: 'var', name: e.name });
    return t;
  }

  function select(e: ExprOf<'select'>, t: CelType): CelType {
    switch (t.kind) {
      case 'dyn':
        return T.dyn;
      case 'object': {
        const f = Object.hasOwn(t.fields, e.field) ? t.fields[e.field] : undefined;
        return (
          f ??
          report(
            'unknown_field',
            e.pos,
            `${t.name} has no field '${e.field}'${didYouMean(e.field, Object.keys(t.fields))}`,
          )
        );
      }
      case 'map':
        if (isAssignable(t.key, T.string)) return t.value;
        return report(
          'type_mismatch',
          e.pos,
          `cannot select '${e.field}' from ${typeName(t)}: its keys are not strings`,
        );
      default:
        return report('type_mismatch', e.pos, `cannot select field '${e.field}' from ${typeName(t)}`);
    }
  }

  function index(e: ExprOf<'index'>, t: CelType, i: CelType): CelType {
    if (t.kind === 'dyn') return T.dyn;
    if (t.kind === 'list') {
      return isAssignable(T.int, i)
        ? t.elem
        : report('type_mismatch', e.index.pos, `a list index must be int, got ${typeName(i)}`);
    }
    if (t.kind === 'map') {
      return comparable(t.key, i)
        ? t.value
        : report('type_mismatch', e.index.pos, `${typeName(t)} cannot be indexed by ${typeName(i)}`);
    }
    return report('type_mismatch', e.pos, `cannot index into ${typeName(t)}`);
  }

  function binary(e: Expr, op: BinaryOp, l: CelType, r: CelType): CelType {
    if (l === FAILED || r === FAILED)
      return op === '&&' || op === '||' || op === '==' || op === '!=' || op === 'in' ? T.bool : FAILED;
    switch (op) {
      case '&&':
      case '||':
        needBool(e, l, `the left operand of '${op}'`);
        needBool(e, r, `the right operand of '${op}'`);
        return T.bool;
      case '==':
      case '!=':
        return comparable(l, r)
          ? T.bool
          : report('type_mismatch', e.pos, `operator '${op}' cannot compare ${typeName(l)} with ${typeName(r)}`);
      case 'in': {
        const elem = r.kind === 'list' ? r.elem : r.kind === 'map' ? r.key : r.kind === 'dyn' ? T.dyn : undefined;
        if (elem === undefined)
          return report('type_mismatch', e.pos, `'in' needs a list or map on the right, got ${typeName(r)}`);
        return comparable(l, elem)
          ? T.bool
          : report('type_mismatch', e.pos, `${typeName(l)} can never be in ${typeName(r)}`);
      }
      default: {
        const t = resolve(e, `'${op}'`, OPERATORS[op] ?? [], [l, r], true);
        if (op === '+' && l.kind === 'list' && r.kind === 'list') return T.list(join(l.elem, r.elem) ?? T.dyn);
        return t;
      }
    }
  }

  function call(e: ExprOf<'call'>, scope: Scope | undefined): CelType {
    const n = e.args.length;
    if (e.target === undefined && e.fn === 'has' && !hostFns.has('has')) {
      return n === 1 ? checkHas(ctx, e, scope) : report('wrong_arity', e.pos, `has() takes 1 argument, got ${n}`);
    }
    if (e.target !== undefined && COMPREHENSIONS.has(e.fn)) {
      if (n === 2 || (e.fn === 'map' && n === 3))
        return checkComprehension(ctx, e, e.target, e.fn as Comprehension, scope);
      return report('wrong_arity', e.pos, `${e.fn}() takes ${e.fn === 'map' ? '2 or 3' : '2'} arguments, got ${n}`);
    }
    const targetT = e.target === undefined ? undefined : visit(e.target, scope);
    const args = e.args.map((a) => visit(a, scope));
    if (targetT === FAILED || args.includes(FAILED)) return FAILED;
    if (e.fn === 'matches') checkPattern(e);
    if (targetT === undefined) {
      const overloads = hostFns.get(e.fn) ?? (Object.hasOwn(GLOBALS, e.fn) ? GLOBALS[e.fn] : undefined);
      if (overloads !== undefined) return resolve(e, `${e.fn}()`, overloads, args, false);
      const known = [...hostFns.keys(), ...Object.keys(GLOBALS), 'has'];
      const hint = Object.hasOwn(MEMBERS, e.fn)
        ? ` (it is a method: call it as x.${e.fn}(...))`
        : didYouMean(e.fn, known);
      return report('unknown_function', e.pos, `unknown function '${e.fn}'${hint}`);
    }
    const overloads = Object.hasOwn(MEMBERS, e.fn) ? MEMBERS[e.fn] : undefined;
    if (overloads !== undefined) return resolve(e, `.${e.fn}()`, overloads, [targetT, ...args], false);
    return report(
      'unknown_function',
      e.pos,
      `unknown method '${e.fn}'${didYouMean(e.fn, [...Object.keys(MEMBERS), ...COMPREHENSIONS])}`,
    );
  }

  function checkPattern(e: ExprOf<'call'>): void {
    const pattern = e.target === undefined ? e.args[1] : e.args[0];
    if (pattern?.kind !== 'string') return;
    const re = compileRegex(pattern.value);
    if (typeof re === 'string') report('invalid_argument', pattern.pos, `invalid regex: ${re}`);
  }

  const ctx: CheckContext = { out, visit, report, needBool, select };
  visit(root, undefined);
  return out;
}
