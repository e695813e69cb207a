import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RightsRoutesOptions } from '../requests/module.ts';
import { requireRightsPermission as perm, rightsActorOf as actorOf } from '../requests/permissions.ts';
import { reportHtml, reportJson } from './report.ts';
import {
  DrillInputSchema,
  IncidentActionSchema,
  IncidentSettingsSchema,
  OpenIncidentSchema,
  PlanInputSchema,
  ReportInputSchema,
  IncidentViewSchema as View,
  PlanViewSchema,
  DrillViewSchema,
} from './schemas.ts';

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const Page = {
  after: Type.Optional(Type.String({ maxLength: 128 })),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
};

/** The incident register, contingency plans and drills over HTTP. */
export async function incidentRoutes(parent: FastifyInstance, o: RightsRoutesOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const { access, incidents, plans } = o;
  const read = perm(access, 'incidents:read');
  const write = perm(access, 'incidents:write');
  const tags = ['incidents'];

  app.post(
    '/v1/incidents',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Open an incident: graded from its facts; reporting clocks start at detection',
        body: OpenIncidentSchema,
        response: { 201: View },
      },
    },
    async (req, reply) => reply.code(201).send(await incidents.open(actorOf(req), req.body)),
  );
  app.get(
    '/v1/incidents',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A page of incidents by id',
        querystring: Type.Object({ state: Type.Optional(Type.String({ maxLength: 16 })), ...Page }),
        response: { 200: Type.Object({ incidents: Type.Array(View) }) },
      },
    },
    async (req) => ({
      incidents: await incidents.list(actorOf(req), {
        state: req.query.state,
        after: req.query.after,
        limit: Number(req.query.limit ?? 50),
      }),
    }),
  );
  app.get(
    '/v1/incidents/due',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Reporting warnings: incidents with a notice near or past its deadline',
        response: { 200: Type.Object({ incidents: Type.Array(View) }) },
      },
    },
    async (req) => ({ incidents: await incidents.due(actorOf(req)) }),
  );
  app.get(
    '/v1/incidents/settings',
    {
      preHandler: read,
      schema: { tags, summary: 'Grading thresholds, reporting rules per authority (sources cited), warning lead' },
    },
    async (req) => incidents.settings(actorOf(req).tenantId),
  );
  app.put(
    '/v1/incidents/settings',
    {
      preHandler: perm(access, 'incidents:settings'),
      schema: { tags, summary: "Replace the tenant's grading or reporting rules", body: IncidentSettingsSchema },
    },
    async (req) => incidents.putSettings(actorOf(req), req.body),
  );
  app.get(
    '/v1/incidents/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'An incident with its grade and reporting clocks',
        params: IdParam,
        response: { 200: View },
      },
    },
    async (req) => incidents.get(actorOf(req), req.params.id),
  );
  app.get(
    '/v1/incidents/:id/history',
    { preHandler: read, schema: { tags, summary: 'Every step, oldest first (hashes only)', params: IdParam } },
    async (req) => ({ history: await incidents.history(actorOf(req), req.params.id) }),
  );
  app.post(
    '/v1/incidents/:id/actions',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'update_facts, regrade, notify (an authority was told), contain, resolve, close',
        params: IdParam,
        body: IncidentActionSchema,
        response: { 200: View },
      },
    },
    async (req) => incidents.act(actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/v1/incidents/:id/report',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Write the post-incident report (bilingual fields)',
        params: IdParam,
        body: ReportInputSchema,
        response: { 200: View },
      },
    },
    async (req) => incidents.putReport(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/v1/incidents/:id/report/approve',
    {
      preHandler: perm(access, 'incidents:approve'),
      schema: { tags, summary: 'Approve the report (not its author)', params: IdParam, response: { 200: View } },
    },
    async (req) => incidents.approveReport(actorOf(req), req.params.id),
  );
  app.get(
    '/v1/incidents/:id/report',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The post-incident report, JSON or HTML (zh-CN and en)',
        params: IdParam,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])) }),
      },
    },
    async (req, reply) => {
      const data = await incidents.reportData(actorOf(req), req.params.id);
      const at = new Date(o.clock.now()).toISOString();
      if (req.query.format === 'html')
        return reply.header('content-type', 'text/html; charset=utf-8').send(reportHtml(data, at));
      return reportJson(data, at);
    },
  );

  const ptags = ['contingency plans'];
  app.post(
    '/v1/contingency-plans',
    {
      preHandler: write,
      schema: {
        tags: ptags,
        summary: 'A contingency plan for an incident type',
        body: PlanInputSchema,
        response: { 201: PlanViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await plans.create(actorOf(req), req.body)),
  );
  app.get(
    '/v1/contingency-plans',
    {
      preHandler: read,
      schema: {
        tags: ptags,
        summary: 'Plans by id; ?incidentType filters',
        querystring: Type.Object({ incidentType: Type.Optional(Type.String({ maxLength: 48 })), ...Page }),
        response: { 200: Type.Object({ plans: Type.Array(PlanViewSchema) }) },
      },
    },
    async (req) => ({
      plans: await plans.list(actorOf(req), {
        incidentType: req.query.incidentType,
        after: req.query.after,
        limit: Number(req.query.limit ?? 50),
      }),
    }),
  );
  app.get(
    '/v1/contingency-plans/:id',
    {
      preHandler: read,
      schema: { tags: ptags, summary: 'A plan (current version)', params: IdParam, response: { 200: PlanViewSchema } },
    },
    async (req) => plans.get(actorOf(req), req.params.id),
  );
  app.put(
    '/v1/contingency-plans/:id',
    {
      preHandler: write,
      schema: {
        tags: ptags,
        summary: 'Revise a plan (a new version)',
        params: IdParam,
        body: PlanInputSchema,
        response: { 200: PlanViewSchema },
      },
    },
    async (req) => plans.update(actorOf(req), req.params.id, req.body),
  );

  const dtags = ['drills'];
  app.post(
    '/v1/drills',
    {
      preHandler: write,
      schema: {
        tags: dtags,
        summary: 'Record a drill: date, scenario, participants, findings',
        body: DrillInputSchema,
        response: { 201: DrillViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await plans.recordDrill(actorOf(req), req.body)),
  );
  app.get(
    '/v1/drills',
    {
      preHandler: read,
      schema: {
        tags: dtags,
        summary: 'Drills by id',
        querystring: Type.Object(Page),
        response: { 200: Type.Object({ drills: Type.Array(DrillViewSchema) }) },
      },
    },
    async (req) => ({
      drills: await plans.drills(actorOf(req), { after: req.query.after, limit: Number(req.query.limit ?? 50) }),
    }),
  );
  app.get(
    '/v1/drills/:id',
    {
      preHandler: read,
      schema: { tags: dtags, summary: 'A drill', params: IdParam, response: { 200: DrillViewSchema } },
    },
    async (req) => plans.drill(actorOf(req), req.params.id),
  );
}
