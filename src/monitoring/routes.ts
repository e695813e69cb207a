import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { allows, principalOf, requirePermission, type AccessService } from '../access/index.ts';
import { sha256Hex, ZhiliError, type AuditSink, type Clock } from '../kernel/index.ts';
import { defaultPersonalAttributes, maskPersonal, type OutboxRow, type Store } from '../store/index.ts';
import { EventSchema } from './core/event-schema.ts';
import type { DecisionEngine } from './engine.ts';
import { BatchBodySchema } from './schemas.ts';
import { RuleSetLifecycle } from './ruleset-lifecycle.ts';
import { ruleSetRoutes } from './ruleset-routes.ts';
import { backtestRoutes } from './backtest/routes.ts';
import { celCheckRoutes } from './cel-check-routes.ts';
import { defaultAdmissionLimits, type AdmissionLimits } from './admission.ts';
import { AdmissionDoor } from './admission-door.ts';
import { inSlices } from './slices.ts';

const ErrorRef = Type.Ref('ErrorBody');
const DecisionRef = Type.Ref('Decision');
export const MAX_BATCH = 1000;
const JSON_TYPE = 'application/json; charset=utf-8';

/** The engine validates events itself (once, with bilingual pointers); Fastify passes them through. */
const passThrough = () => (data: unknown) => ({ value: data });

export const monitoringRoutes: FastifyPluginAsyncTypebox<{
  engine: DecisionEngine;
  access: AccessService;
  store: Store;
  clock: Clock;
  audit?: AuditSink;
  /** Event attributes holding personal data: masked unless an allowed operator asks to see them. */
  personalAttributes?: readonly string[];
  /** Events in progress, per node and per tenant, beyond which requests are refused (429/503). */
  limits?: AdmissionLimits;
  /** The door shared with the event-loop guard (built from `limits` when absent). */
  door?: AdmissionDoor;
  /** Rule-set steps write their audit entry in their own transaction (the ledger's encoder), then settle it. */
  auditOutbox?: { row: (entry: Parameters<AuditSink>[0]) => OutboxRow; settle: () => Promise<unknown> };
}> = async (app, o) => {
  const { engine, access, store, clock, audit } = o;
  const personal = new Set(o.personalAttributes ?? defaultPersonalAttributes);
  const door = o.door ?? new AdmissionDoor(o.limits ?? defaultAdmissionLimits);
  app.post(
    '/v1/events',
    {
      // Admission before the body is read; the key is authenticated in full only once let in.
      onRequest: door.single,
      preHandler: requirePermission(access, 'events:write', door.learnFrom),
      validatorCompiler: passThrough,
      schema: {
        tags: ['events'],
        summary: 'Submit one event and get its decision once it is durably stored',
        description:
          'Idempotent by event id: the same id with the same body returns the original decision; the same id with a different body is 409.',
        body: EventSchema,
        response: {
          200: DecisionRef,
          400: ErrorRef,
          401: ErrorRef,
          409: ErrorRef,
          413: ErrorRef,
          429: ErrorRef,
          503: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      const tenantId = principalOf(req).tenantId;
      const r = await engine.decide(tenantId, req.body);
      if (!r.ok) throw r.error;
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      // The decision's JSON was made once when decided (and stored as it is): sent without serialising again.
      if (r.json === undefined) return r.decision;
      return reply.type(JSON_TYPE).send(r.json);
    },
  );

  app.post(
    '/v1/events::batch',
    {
      onRequest: door.batch,
      preHandler: requirePermission(access, 'events:write', door.learnFrom),
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['events'],
        summary: `Submit up to ${MAX_BATCH} events; one result per item, a bad item does not sink the rest`,
        body: BatchBodySchema,
        response: {
          200: Type.Object({
            accepted: Type.Integer(),
            rejected: Type.Integer(),
            results: Type.Array(
              Type.Object({
                index: Type.Integer(),
                status: Type.Integer(),
                decision: Type.Optional(DecisionRef),
                error: Type.Optional(
                  Type.Object({
                    code: Type.String(),
                    message: Type.String(),
                    messageZh: Type.String(),
                    pointer: Type.Optional(Type.String()),
                  }),
                ),
              }),
            ),
          }),
          400: ErrorRef,
          429: ErrorRef,
          503: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      const events = req.body.events;
      if (events.length > MAX_BATCH) throw new ZhiliError('ZHILI_E_BATCH_TOO_LARGE', { pointer: '/events' });
      const tenantId = principalOf(req).tenantId;
      // The batch is admitted or refused as a whole, by its size, before any item is decided. Its items
      // are decided in slices of a few ms that yield to the event loop (see inSlices); each slice joins
      // the next group commit while the previous one is being written.
      door.hold(reply, tenantId, events.length);
      const settled = await inSlices(events, (e, i) => engine.decide(tenantId, e, `/events/${i}`));
      let accepted = 0;
      // The answer is put together from each decision's JSON, made once when it was decided: serialising
      // a thousand decisions again in one go cost as much as a slice of deciding and held the loop.
      const results = settled.map((r, index) => {
        if (r.ok) {
          accepted++;
          return `{"index":${index},"status":200,"decision":${r.json ?? JSON.stringify(r.decision)}}`;
        }
        const { code, message, messageZh, pointer } = r.error.toJSON().error;
        const error = { code, message, messageZh, ...(pointer === undefined ? {} : { pointer }) };
        return JSON.stringify({ index, status: r.error.status, error });
      });
      const rejected = events.length - accepted;
      // As bytes: a megabyte string would be walked twice, for its length and again to write it.
      const text = `{"accepted":${accepted},"rejected":${rejected},"results":[${results.join(',')}]}`;
      return reply.type(JSON_TYPE).send(Buffer.from(text, 'utf8'));
    },
  );

  app.get(
    '/v1/events/:id',
    {
      preHandler: requirePermission(access, 'events:read'),
      schema: {
        tags: ['events'],
        summary: 'An event as received, with its decision; personal fields masked unless revealed',
        description:
          'Names, the device address and attributes declared personal come masked. An admin or analyst sees them with `reveal=true` and a `reason`; each reveal is on the audit ledger (the reason as a hash).',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }),
        querystring: Type.Object({
          reveal: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
          reason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })),
        }),
        response: {
          200: Type.Object({
            event: Type.Unknown(),
            decision: DecisionRef,
            receivedSeq: Type.Integer(),
            revealed: Type.Boolean(),
          }),
          403: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const reveal = req.query.reveal === 'true';
      if (reveal && !allows(p, 'events:reveal')) throw new ZhiliError('ZHILI_E_FORBIDDEN', { pointer: '/reveal' });
      if (reveal && req.query.reason === undefined)
        throw new ZhiliError('ZHILI_E_VALIDATION', { pointer: '/reason', message: 'a reveal needs a reason' });
      const d = await engine.get(p.tenantId, req.params.id);
      if (!d) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
      if (reveal)
        await audit?.({
          tenantId: p.tenantId,
          actorId: p.kind === 'apiKey' ? `key:${p.keyPrefix}` : p.userId,
          action: 'event.reveal',
          // The ledger takes ids of a plain alphabet; other event ids go in as their hash.
          subjectId: /^[A-Za-z0-9_.:-]{1,128}$/.test(req.params.id) ? req.params.id : sha256Hex(req.params.id),
          dataHash: sha256Hex(req.query.reason ?? ''),
          at: clock.now(),
        });
      return {
        event: reveal ? d.event : maskPersonal(d.event, personal),
        decision: d.decision,
        receivedSeq: d.seq,
        revealed: reveal,
      };
    },
  );

  const lifecycle = new RuleSetLifecycle({
    store,
    engine,
    clock,
    audit,
    outboxRow: o.auditOutbox?.row,
    settleAudit: o.auditOutbox?.settle,
  });
  await app.register(ruleSetRoutes, { engine, access, store, lifecycle });
  await app.register(backtestRoutes, { engine, access, store, clock });
  await app.register(celCheckRoutes, { engine, access, store });
};
