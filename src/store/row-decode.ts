import type { TSchema, Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Row } from './sql-driver.ts';

/** A stored row that does not have the shape its mapper expects: names the table, column and value. */
export class RowShapeError extends Error {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly expected: string,
    got: unknown,
    options?: ErrorOptions,
  ) {
    super(
      `${table}.${column}: expected ${expected}, got ${typeof got === 'string' ? `"${got.slice(0, 40)}"` : String(got)}`,
      options,
    );
    this.name = 'RowShapeError';
  }
}

export interface RowReader {
  str(column: string): string;
  optStr(column: string): string | null;
  /** An integer column; PostgreSQL BIGINT arrives as a string and must be a safe integer. */
  int(column: string): number;
  optInt(column: string): number | null;
  num(column: string): number;
  optNum(column: string): number | null;
  /** SQLite stores booleans as 0/1. */
  bool(column: string): boolean;
  oneOf<T extends string>(column: string, values: readonly T[]): T;
  optOneOf<T extends string>(column: string, values: readonly T[]): T | null;
  /** A JSON text (or PostgreSQL json value) checked against its schema. */
  json<S extends TSchema>(column: string, schema: S): Static<S>;
  optJson<S extends TSchema>(column: string, schema: S): Static<S> | null;
  bytes(column: string): Uint8Array;
}

const absent = (v: unknown): v is null | undefined => v === null || v === undefined;

/**
 * Typed access to one row from the SQL driver: every column is checked, never cast, so a schema drift
 * or a corrupted row fails where it is read, naming the column, instead of travelling on as a wrong type.
 */
export function rowOf(r: Row, table: string): RowReader {
  const fail = (column: string, expected: string): never => {
    throw new RowShapeError(table, column, expected, r[column]);
  };
  const toInt = (column: string, v: unknown): number => {
    const n =
      typeof v === 'number'
        ? v
        : typeof v === 'bigint'
          ? Number(v)
          : typeof v === 'string' && /^-?\d+$/.test(v)
            ? Number(v)
            : NaN;
    return Number.isSafeInteger(n) ? n : fail(column, 'a safe integer');
  };
  const toNum = (column: string, v: unknown): number => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : fail(column, 'a number');
  };
  const toJson = <S extends TSchema>(column: string, v: unknown, schema: S): Static<S> => {
    let parsed: unknown = v;
    if (typeof v === 'string') {
      try {
        parsed = JSON.parse(v);
      } catch {
        return fail(column, 'JSON text');
      }
    }
    return Value.Check(schema, parsed) ? parsed : fail(column, `JSON matching ${schema.$id ?? 'its schema'}`);
  };
  const reader: RowReader = {
    str: (c) => {
      const v = r[c];
      return typeof v === 'string' ? v : fail(c, 'a string');
    },
    optStr: (c) => (absent(r[c]) ? null : reader.str(c)),
    int: (c) => toInt(c, r[c]),
    optInt: (c) => (absent(r[c]) ? null : toInt(c, r[c])),
    num: (c) => toNum(c, r[c]),
    optNum: (c) => (absent(r[c]) ? null : toNum(c, r[c])),
    bool: (c) => {
      const v = r[c];
      if (v === true || v === 1 || v === '1' || v === 't') return true;
      if (v === false || v === 0 || v === '0' || v === 'f') return false;
      return fail(c, 'a boolean');
    },
    oneOf: <T extends string>(c: string, values: readonly T[]): T => {
      const v = r[c];
      return typeof v === 'string' && (values as readonly string[]).includes(v)
        ? (v as T)
        : fail(c, values.join(' | '));
    },
    optOneOf: <T extends string>(c: string, values: readonly T[]): T | null =>
      absent(r[c]) ? null : reader.oneOf(c, values),
    json: (c, schema) => toJson(c, r[c], schema),
    optJson: (c, schema) => (absent(r[c]) ? null : toJson(c, r[c], schema)),
    bytes: (c) => {
      const v = r[c];
      return v instanceof Uint8Array ? v : fail(c, 'bytes');
    },
  };
  return reader;
}
