/**
 * A compiler for a subset of CEL (https://github.com/google/cel-spec): rule expressions are parsed, type
 * checked against host-declared variables and functions, and compiled once into JS closures for the hot path.
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
