/**
 * A compiler for CEL (https://github.com/google/cel-spec): rule expressions are parsed, type checked against
 * host-declared variables and functions, and compiled once into JS closures for the hot path. Conformance with
 * the specification's test files is measured in test/cel/ and written to docs/cel-conformance.md.
 *
 * Values: int is int64 (a JS number while safe, a bigint beyond; overflow is an error), uint is uint64
 * (CelUint), double, string, bytes (Uint8Array), bool, null, list, map, timestamp and duration (nanosecond
 * precision, calendar accessors in any IANA zone), and type values (`type(x) == int`).
 *
 * Not supported (rejected at compile time where they are syntax): protobuf messages and message construction
 * `T{...}`, enums, containers and leading-dot names, two-variable comprehensions, optional syntax, the
 * extension libraries (math, strings), member-style host functions.
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
export { CelDuration, CelTimestamp, CelTypeValue, CelUint } from './values.ts';
export type { CelType } from './types.ts';
