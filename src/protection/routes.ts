import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../access/index.ts';
import { parseMoney, ZhiliError, type Money } from '../kernel/index.ts';
import type { Action } from './core/types.ts';
import { actorOf, requireComplaintPermission as perm } from './permissions.ts';
import type { ComplaintReports } from './reports.ts';
import {
  ActionSchema,
  ClassificationSchema,
  ComplaintViewSchema,
  FileComplaintSchema,
  HistorySchema,
  ListQuery,
  RevealQuery,
  SettingsInputSchema,
  SettingsSchema,
  type ActionBody,
} from './schemas.ts';
import type { ComplaintService } from './service.ts';
import { reportRoutes } from './routes-reports.ts';

export interface ProtectionRoutesOptions {
  access: AccessService;
  complaints: ComplaintService;
  reports: ComplaintReports;
}

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

function money(a: { value: string; currency: string }, pointer: string): Money {
  const r = parseMoney(a.value, a.currency);
  if (!r.ok) throw new ZhiliError(r.error, { pointer });
  return r.value;
}

function actionOf(b: ActionBody): Action {
  switch (b.action) {
    case 'extend':
      return { kind: 'extend', to: b.to, consumerNotified: b.consumerNotified === true };
    case 'propose': {
      const m = b.compensation ? money(b.compensation, '/compensation/value') : { minor: 0, currency: 'CNY' };
      return {
        kind: 'propose',
        outcome: b.outcome,
        compensationMinor: m.minor,
        currency: m.currency,
        rootCause: b.rootCause,
      };
    }
    case 'return':
      return { kind: 'return', reason: b.reason };
    case 'escalate':
      return { kind: 'escalate', to: b.to };
    default:
      return { kind: b.action };
  }
}

/** Complaints over HTTP: file, act (four eyes), read with the statutory clock, statistics, the risk reserve. */
export const protectionRoutes: FastifyPluginAsyncTypebox<ProtectionRoutesOptions> = async (app, o) => {
  const { access, complaints } = o;
  const read = perm(access, 'complaints:read');
  const write = perm(access, 'complaints:write');
  const tags = ['complaints'];
  const View = ComplaintViewSchema;
  await reportRoutes(app, o);

  app.post(
    '/v1/complaints',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'File a complaint (any channel); its decision clock starts at receipt',
        body: FileComplaintSchema,
        response: { 201: View },
      },
    },
    async (req, reply) => reply.code(201).send(await complaints.file(actorOf(req), req.body)),
  );

  app.get(
    '/v1/complaints',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A page of complaints by id, with their clocks',
        querystring: ListQuery,
        response: { 200: Type.Object({ complaints: Type.Array(View) }) },
      },
    },
    async (req) => ({
      complaints: await complaints.list(actorOf(req), {
        state: req.query.state,
        after: req.query.after,
        limit: Number(req.query.limit ?? 50),
      }),
    }),
  );

  app.get(
    '/v1/complaints/due',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Breach warnings: open complaints near or past their decision deadline',
        response: { 200: Type.Object({ complaints: Type.Array(View) }) },
      },
    },
    async (req) => ({ complaints: await complaints.due(actorOf(req)) }),
  );

  app.get(
    '/v1/complaints/classification',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The complaint classification code table (category × cause)',
        response: { 200: ClassificationSchema },
      },
    },
    async (req) => complaints.table(actorOf(req).tenantId),
  );

  app.get(
    '/v1/complaints/settings',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "The tenant's clock policies and four-eyes thresholds (defaults merged)",
        response: { 200: SettingsSchema },
      },
    },
    async (req) => complaints.settings(actorOf(req).tenantId),
  );

  app.put(
    '/v1/complaints/settings',
    {
      preHandler: perm(access, 'complaints:settings'),
      schema: {
        tags,
        summary: 'Override clock figures per regulator and four-eyes thresholds',
        body: SettingsInputSchema,
        response: { 200: SettingsSchema },
      },
    },
    async (req) => complaints.putSettings(actorOf(req), req.body),
  );

  app.get(
    '/v1/complaints/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A complaint with its clock; ?reveal=true shows the personal data (audited)',
        params: IdParam,
        querystring: RevealQuery,
        response: { 200: View },
      },
    },
    async (req) =>
      complaints.view(actorOf(req), req.params.id, { reveal: req.query.reveal === 'true', reason: req.query.reason }),
  );

  app.post(
    '/v1/complaints/:id/actions',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Take the next step (acknowledge … close, escalate, reopen)',
        params: IdParam,
        body: ActionSchema,
        response: { 200: View },
      },
    },
    async (req) => complaints.act(actorOf(req), req.params.id, actionOf(req.body), req.body.expectedVersion),
  );

  app.get(
    '/v1/complaints/:id/history',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Every step of the complaint, oldest first',
        params: IdParam,
        response: { 200: Type.Object({ history: Type.Array(HistorySchema) }) },
      },
    },
    async (req) => ({ history: await complaints.history(actorOf(req), req.params.id) }),
  );

  app.delete(
    '/v1/complaints/:id/personal-data',
    {
      preHandler: perm(access, 'complaints:erase'),
      schema: { tags, summary: "Erase the complaint's personal data (crypto-shredding)", params: IdParam },
    },
    async (req, reply) => {
      await complaints.erase(actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
};
