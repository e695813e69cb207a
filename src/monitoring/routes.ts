import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import { ZhiliError, type AuditSink, type Clock } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { EventSchema } from './core/event-schema.ts';
import type { DecisionEngine } from './engine.ts';
import { BatchBodySchema } from './schemas.ts';
import { RuleSetLifecycle } from './ruleset-lifecycle.ts';
import { ruleSetRoutes } from './ruleset-routes.ts';
import { backtestRoutes } from './backtest/routes.ts';
import { celCheckRoutes } from './cel-check-routes.ts';

const ErrorRef = Type.Ref('ErrorBody');
const DecisionRef = Type.Ref('Decision');
export const MAX_BATCH = 1000;

/** The engine validates events itself (once, with bilingual pointers); Fastify passes them through. */
const passThrough = () => (data: unknown) => ({ value: data });

export const monitoringRoutes: FastifyPluginAsyncTypebox<{
  engine: DecisionEngine;
  access: AccessService;
  store: Store;
  clock: Clock;
  audit?: AuditSink;
}> = async (app, { engine, access, store, clock, audit }) => {
  app.post(
    '/v1/events',
    {
      preHandler: requirePermission(access, 'events:write'),
      validatorCompiler: passThrough,
      schema: {
        tags: ['events'],
        summary: 'Submit one event and get its decision once it is durably stored',
        description:
          'Idempotent by event id: the same id with the same body returns the original decision; the same id with a different body is 409.',
        body: EventSchema,
        response: { 200: DecisionRef, 400: ErrorRef, 401: ErrorRef, 409: ErrorRef, 413: ErrorRef, 503: ErrorRef },
      },
    },
    async (req, reply) => {
      const r = await engine.decide(principalOf(req).tenantId, req.body);
      if (!r.ok) throw r.error;
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return r.decision;
    },
  );

  app.post(
    '/v1/events::batch',
    {
      preHandler: requirePermission(access, 'events:write'),
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
        },
      },
    },
    async (req) => {
      const events = req.body.events;
      if (events.length > MAX_BATCH) throw new ZhiliError('ZHILI_E_BATCH_TOO_LARGE', { pointer: '/events' });
      const tenantId = principalOf(req).tenantId;
      // All items are decided before any is awaited, so the whole batch shares one group commit.
      const settled = await Promise.all(events.map((e, i) => engine.decide(tenantId, e, `/events/${i}`)));
      let accepted = 0;
      const results = settled.map((r, index) => {
        if (r.ok) {
          accepted++;
          return { index, status: 200, decision: r.decision };
        }
        const { code, message, messageZh, pointer } = r.error.toJSON().error;
        return {
          index,
          status: r.error.status,
          error: { code, message, messageZh, ...(pointer === undefined ? {} : { pointer }) },
        };
      });
      return { accepted, rejected: events.length - accepted, results };
    },
  );

  app.get(
    '/v1/events/:id',
    {
      preHandler: requirePermission(access, 'events:read'),
      schema: {
        tags: ['events'],
        summary: 'An event as received, with its decision',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: {
          200: Type.Object({ event: Type.Unknown(), decision: DecisionRef, receivedSeq: Type.Integer() }),
          404: ErrorRef,
        },
      },
    },
    async (req) => {
      const d = await engine.get(principalOf(req).tenantId, req.params.id);
      if (!d) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
      return { event: d.event, decision: d.decision, receivedSeq: d.seq };
    },
  );

  const lifecycle = new RuleSetLifecycle({ store, engine, clock, audit });
  await app.register(ruleSetRoutes, { engine, access, store, lifecycle });
  await app.register(backtestRoutes, { engine, access, store, clock });
  await app.register(celCheckRoutes, { engine, access, store });
};
