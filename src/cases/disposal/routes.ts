import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../../access/index.ts';
import { requireCasePermission, viewerOf } from '../permissions.ts';
import type { DisposalService } from './service.ts';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const Ids = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 });
const Apply = Type.Object(
  {
    planId: Type.String({ minLength: 1, maxLength: 64 }),
    completed: Ids,
    actions: Ids,
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

/** Disposal plans over HTTP: the catalogue, the plans for a case, applying one. */
export const disposalRoutes: FastifyPluginAsyncTypebox<{ access: AccessService; disposals: DisposalService }> = async (
  app,
  o,
) => {
  const read = requireCasePermission(o.access, 'cases:read');
  const work = requireCasePermission(o.access, 'cases:work');
  const tags = ['cases'];

  app.get(
    '/v1/disposal-plans',
    {
      preHandler: read,
      schema: { tags, summary: 'Disposal plans per alert type (checklists and default actions, en/zh)' },
    },
    async () => o.disposals.list(),
  );

  app.get(
    '/v1/cases/:id/disposal-plan',
    { preHandler: read, schema: { tags, summary: "The disposal plans matching the case's alerts", params: Id } },
    async (req) => o.disposals.forCase(viewerOf(req), req.params.id),
  );

  app.post(
    '/v1/cases/:id/disposal',
    {
      preHandler: work,
      schema: {
        tags,
        summary: 'Record a disposal plan applied to the case (checked items, actions, note)',
        params: Id,
        body: Apply,
      },
    },
    async (req, reply) => {
      const entry = await o.disposals.apply(viewerOf(req), req.params.id, req.body);
      return reply.status(201).send({ disposal: entry });
    },
  );
};
