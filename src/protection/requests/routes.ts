import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { incidentRoutes } from '../incidents/routes.ts';
import type { RightsRoutesOptions } from './module.ts';
import { requireRightsPermission as perm, rightsActorOf as actorOf } from './permissions.ts';
import {
  FileRequestSchema,
  FulfilSchema,
  RefuseSchema,
  RequestSettingsInputSchema,
  RequestSettingsSchema,
  RequestViewSchema,
  StepSchema,
  VerifySchema,
} from './schemas.ts';

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const ListQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 32 })),
  after: Type.Optional(Type.String({ maxLength: 128 })),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
});
const View = RequestViewSchema;

/** Data-subject requests (PIPL arts. 44–50) over HTTP, and the incident register's routes. */
export const rightsRoutes: FastifyPluginAsyncTypebox<RightsRoutesOptions> = async (app, o) => {
  const { access, requests } = o;
  const read = perm(access, 'privacy:read');
  const write = perm(access, 'privacy:write');
  const tags = ['data-subject requests'];
  await incidentRoutes(app, o);

  app.post(
    '/v1/data-subject-requests',
    {
      preHandler: write,
      schema: {
        tags,
        summary:
          'Record a request (access, copy, correction, deletion, withdrawal of consent); its deadline starts at receipt',
        body: FileRequestSchema,
        response: { 201: View },
      },
    },
    async (req, reply) => reply.code(201).send(await requests.file(actorOf(req), req.body)),
  );

  app.get(
    '/v1/data-subject-requests',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A page of requests by id, with their deadlines',
        querystring: ListQuery,
        response: { 200: Type.Object({ requests: Type.Array(View) }) },
      },
    },
    async (req) => ({
      requests: await requests.list(actorOf(req), {
        state: req.query.state,
        after: req.query.after,
        limit: Number(req.query.limit ?? 50),
      }),
    }),
  );

  app.get(
    '/v1/data-subject-requests/due',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Deadline warnings: open requests near or past their deadline',
        response: { 200: Type.Object({ requests: Type.Array(View) }) },
      },
    },
    async (req) => ({ requests: await requests.due(actorOf(req)) }),
  );

  app.get(
    '/v1/data-subject-requests/settings',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "The tenant's deadline policies (defaults merged, sources cited)",
        response: { 200: RequestSettingsSchema },
      },
    },
    async (req) => requests.settings(actorOf(req).tenantId),
  );

  app.put(
    '/v1/data-subject-requests/settings',
    {
      preHandler: perm(access, 'privacy:settings'),
      schema: {
        tags,
        summary: 'Override deadline figures or add a policy',
        body: RequestSettingsInputSchema,
        response: { 200: RequestSettingsSchema },
      },
    },
    async (req) => requests.putSettings(actorOf(req), req.body),
  );

  app.get(
    '/v1/data-subject-requests/:id',
    {
      preHandler: read,
      schema: { tags, summary: 'A request with its deadline and next steps', params: IdParam, response: { 200: View } },
    },
    async (req) => requests.get(actorOf(req), req.params.id),
  );

  app.get(
    '/v1/data-subject-requests/:id/history',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Every step of the request, oldest first (hashes only)',
        params: IdParam,
        response: { 200: Type.Object({ history: Type.Array(StepSchema) }) },
      },
    },
    async (req) => ({ history: await requests.history(actorOf(req), req.params.id) }),
  );

  app.post(
    '/v1/data-subject-requests/:id/verify',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "Record that the requester's identity was checked, how and by whom",
        params: IdParam,
        body: VerifySchema,
        response: { 200: View },
      },
    },
    async (req) => requests.verify(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/v1/data-subject-requests/:id/export',
    {
      preHandler: perm(access, 'privacy:export'),
      schema: {
        tags,
        summary:
          'Access/copy: a JSON file of what the platform holds on the subject (party record, events, complaints)',
        description:
          'Returned as an attachment; its SHA-256 is recorded on the request and the audit ledger. The file is not kept.',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const r = await requests.export(actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${r.name}"`)
        .header('x-zhili-export-sha256', r.view.export?.hash ?? '')
        .send(r.file);
    },
  );

  app.post(
    '/v1/data-subject-requests/:id/fulfil',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Answer the request; a deletion crypto-shreds the subject’s data (second operator, privacy:erase)',
        params: IdParam,
        body: FulfilSchema,
        response: { 200: View },
      },
    },
    async (req) => requests.fulfil(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/v1/data-subject-requests/:id/refuse',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Refuse the request, with the reason PIPL art. 50 requires',
        params: IdParam,
        body: RefuseSchema,
        response: { 200: View },
      },
    },
    async (req) => requests.refuse(actorOf(req), req.params.id, req.body),
  );
};
