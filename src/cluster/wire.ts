import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { catalogue, ZhiliError, type ErrorCode } from '../kernel/index.ts';
import { isDecision, type ItemResult } from '../monitoring/index.ts';

/** Messages between nodes (NATS request–reply), checked on receipt like any HTTP body. */

const Tenant = Type.String({ minLength: 1, maxLength: 128 });

export const DecideRequest = TypeCompiler.Compile(
  Type.Object({ tenantId: Tenant, body: Type.Unknown(), pointerPrefix: Type.String({ maxLength: 64 }) }),
);

const ErrorWire = Type.Object({
  code: Type.String(),
  pointer: Type.Optional(Type.String()),
  message: Type.String(),
  messageZh: Type.String(),
  details: Type.Array(Type.Object({ pointer: Type.String(), message: Type.String(), messageZh: Type.String() })),
  retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
});

const DecideReply = TypeCompiler.Compile(
  Type.Union([
    // The decision is checked whole against the API's schema (isDecision) once the envelope is.
    Type.Object({ ok: Type.Literal(true), decision: Type.Unknown(), replayed: Type.Boolean() }),
    Type.Object({ ok: Type.Literal(false), error: ErrorWire }),
  ]),
);

export const CounterpartRequest = TypeCompiler.Compile(Type.Object({ tenantId: Tenant, body: Type.Unknown() }));

const CounterpartReply = TypeCompiler.Compile(
  Type.Union([
    Type.Object({
      ok: Type.Literal(true),
      values: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean()])),
      epoch: Type.Integer({ minimum: 0 }),
      read: Type.String({ minLength: 1, maxLength: 64 }),
    }),
    Type.Object({ ok: Type.Literal(false), code: Type.String() }),
  ]),
);

export const unavailable = (): ZhiliError => new ZhiliError('ZHILI_E_PARTITION_UNAVAILABLE', { retryAfterSeconds: 1 });

export function itemToWire(r: ItemResult): unknown {
  if (r.ok) return { ok: true, decision: r.decision, replayed: r.replayed };
  const e = r.error;
  return {
    ok: false,
    error: {
      code: e.code,
      ...(e.pointer === undefined ? {} : { pointer: e.pointer }),
      message: e.message,
      messageZh: e.messageZh,
      details: e.details,
      ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
    },
  };
}

const isCode = (c: string): c is ErrorCode => Object.hasOwn(catalogue, c);

/** The owner's answer as this node returns it; anything malformed is the owner being unavailable. */
export function itemFromWire(v: unknown): ItemResult {
  if (!DecideReply.Check(v)) return { ok: false, error: unavailable() };
  if (v.ok)
    return isDecision(v.decision)
      ? { ok: true, decision: v.decision, replayed: v.replayed }
      : { ok: false, error: unavailable() };
  const e = v.error;
  if (!isCode(e.code)) return { ok: false, error: unavailable() };
  return {
    ok: false,
    error: new ZhiliError(e.code, {
      ...(e.pointer === undefined ? {} : { pointer: e.pointer }),
      message: e.message,
      messageZh: e.messageZh,
      details: e.details,
      ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
    }),
  };
}

export function counterpartFromWire(
  v: unknown,
): { values: Record<string, number | boolean>; epoch: number; read: string } | undefined {
  return CounterpartReply.Check(v) && v.ok ? { values: v.values, epoch: v.epoch, read: v.read } : undefined;
}
