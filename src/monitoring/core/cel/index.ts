/**
 * A compiler for a subset of CEL (https://github.com/google/cel-spec): rule expressions are parsed, type
 * checked against host-declared variables and functions, and compiled once into JS closures for the hot path.
 *
 * Not supported (rejected at compile time where they are syntax): uint and bytes literals, 64-bit ints (ints are
 * JS safe integers; leaving ±2^53-1 is an overflow error), message construction `T{...}`, leading-dot names,
 * timestamp/duration types, `type()`, two-variable comprehensions, optional syntax, member-style host functions.
 */
export { compile } from './compile.ts';
export type { CelProgram, CompileOptions, CompileResult } from './compile.ts';
export { defineFunction } from './env.ts';
export type { CelEnv, CelFunction, JsOf } from './env.ts';
export { CelRuntimeError, formatDiagnostics, isCelRuntimeError } from './errors.ts';
export type { CelDiagnostic, CelDiagnosticCode, CelRuntimeCode } from './errors.ts';
export { parse } from './parser.ts';
export type { Expr } from './ast.ts';
export { printExpr } from './print.ts';
export { T, typeName } from './types.ts';
export type { CelType } from './types.ts';
