import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { catalogue, ZhiliError, type ErrorCode } from '../kernel/index.ts';
import type { Decision, ItemResult } from '../monitoring/index.ts';

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
  details: Type.Array(Type.Unknown()),
  retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
});

// The owner's decision as the HTTP API answers it (DecisionSchema); its string enums are Unsafe types the
// compiler cannot check, so the fields a node relies on are checked here and the rest passed on as is.
const DecisionWire = Type.Object({
  eventId: Type.String(),
  outcome: Type.Union([Type.Literal('allow'), Type.Literal('review'), Type.Literal('block')]),
  score: Type.Number(),
  reasons: Type.Array(Type.Unknown()),
  obligations: Type.Array(Type.Unknown()),
  features: Type.Record(Type.String(), Type.Unknown()),
  ruleSetVersion: Type.String(),
  decidedAt: Type.String(),
});

const DecideReply = TypeCompiler.Compile(
  Type.Union([
    Type.Object({ ok: Type.Literal(true), decision: DecisionWire, replayed: Type.Boolean() }),
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
  if (v.ok) return { ok: true, decision: v.decision as unknown as Decision, replayed: v.replayed };
  const e = v.error;
  if (!isCode(e.code)) return { ok: false, error: unavailable() };
  return {
    ok: false,
    error: new ZhiliError(e.code, {
      ...(e.pointer === undefined ? {} : { pointer: e.pointer }),
      message: e.message,
      messageZh: e.messageZh,
      details: e.details as ZhiliError['details'],
      ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
    }),
  };
}

export function counterpartFromWire(
  v: unknown,
): { values: Record<string, number | boolean>; epoch: number; read: string } | undefined {
  return CounterpartReply.Check(v) && v.ok ? { values: v.values, epoch: v.epoch, read: v.read } : undefined;
}
