import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../../access/index.ts';
import { requireCasePermission, viewerOf } from '../permissions.ts';
import { ctrDueBy, sarDueBy } from './fincen/deadlines.ts';
import type { ReportService } from './service.ts';
import type { SuspiciousReports } from './suspicious.ts';

const Code = Type.String({ pattern: '^[0-9A-Za-z_-]{1,25}$' });
const Long = Type.String({ minLength: 1, maxLength: 4000 });
const EventIds = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 256 }), {
    minItems: 1,
    maxItems: 1000,
    description: "further transactions of the case's customer",
  }),
);

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const statuses = ['draft', 'approved', 'submitted', 'acknowledged', 'rejected'] as const;

/** The report register, four-eyes approval, submission as named ZIP packages, acknowledgements. */
export const reportRoutes: FastifyPluginAsyncTypebox<{
  access: AccessService;
  reports: ReportService;
  suspicious: SuspiciousReports;
}> = async (app, { access, reports, suspicious }) => {
  const read = requireCasePermission(access, 'reports:read');
  const write = requireCasePermission(access, 'reports:write');
  const approve = requireCasePermission(access, 'reports:approve');
  const tags = ['reports'];

  app.get(
    '/v1/reports',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The register: every report with its deadline',
        querystring: Type.Object({
          status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))),
          format: Type.Optional(Type.String()),
          limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
        }),
      },
    },
    async (req) => ({
      reports: await reports.register(viewerOf(req), {
        limit: Math.min(Number(req.query.limit ?? 100), 500),
        ...(req.query.status ? { status: [req.query.status] } : {}),
        ...(req.query.format ? { format: req.query.format } : {}),
      }),
    }),
  );

  app.get(
    '/v1/reports/:id',
    { preHandler: read, schema: { tags, summary: 'A report with its file and history', params: Id } },
    async (req) => {
      const v = viewerOf(req);
      const [report, history] = await Promise.all([reports.get(v, req.params.id), reports.history(v, req.params.id)]);
      return { report, history };
    },
  );

  app.post(
    '/v1/reports/pboc/large-value',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Draft a PBOC large-value report (HVTR) from unreported obligations',
        body: Type.Object(
          { alertIds: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 5000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      reply.code(201).send({ report: await reports.draftLargeValue(viewerOf(req), req.body.alertIds) }),
  );

  app.post(
    '/v1/reports/pboc/suspicious',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Draft a PBOC suspicious transaction report (BSTR) from a case; the case becomes STR-restricted',
        body: Type.Object(
          {
            caseId: Type.String({ minLength: 1, maxLength: 128 }),
            eventIds: EventIds,
            narrative: Long,
            analysis: Long,
            characteristicCodes: Type.Array(Type.String({ pattern: '^[0-9]{4,6}$' }), { minItems: 1, maxItems: 50 }),
            crimeType: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
            measures: Type.Optional(Long),
            urgent: Type.Optional(Type.Boolean()),
            trigger: Type.Optional(Type.Union([Type.Literal('01'), Type.Literal('02')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { caseId, ...q } = req.body;
      return reply.code(201).send({ report: await suspicious.draftBstr(viewerOf(req), caseId, q) });
    },
  );

  app.post(
    '/v1/reports/goaml',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "Draft a goAML STR (from a case) or CTR (from large-value obligations) with the FIU's codes",
        body: Type.Object(
          {
            reportCode: Type.Union([Type.Literal('str'), Type.Literal('ctr')]),
            caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
            eventIds: EventIds,
            alertIds: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 5000 })),
            reason: Type.Optional(Long),
            action: Type.Optional(Long),
            indicators: Type.Array(Code, { minItems: 1, maxItems: 50 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.code(201).send({ report: await suspicious.draftGoaml(viewerOf(req), req.body) }),
  );

  app.post(
    '/v1/reports/fincen/sar',
    {
      preHandler: write,
      schema: {
        tags,
        summary:
          'Draft a FinCEN SAR (EFilingBatchXML, SARX) from a case; due 30 days from detection, 60 with no suspect',
        body: Type.Object(
          {
            caseId: Type.String({ minLength: 1, maxLength: 128 }),
            eventIds: EventIds,
            narrative: Type.String({ minLength: 1, maxLength: 17_000 }),
            classifications: Type.Array(
              Type.Object(
                {
                  typeId: Type.String({ pattern: '^[0-9]{1,3}$' }),
                  subtypeId: Type.String({ pattern: '^[0-9]{1,4}$' }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 50 },
            ),
            suspectIdentified: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.code(201).send({ report: await suspicious.draftFincenSar(viewerOf(req), req.body) }),
  );

  app.post(
    '/v1/reports/fincen/ctr',
    {
      preHandler: write,
      schema: {
        tags,
        summary:
          'Draft a FinCEN CTR (EFilingBatchXML, CTRX) from large-value cash obligations; due 15 days after the transaction',
        body: Type.Object(
          { alertIds: Type.Array(Type.String(), { minItems: 1, maxItems: 5000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      reply.code(201).send({ report: await suspicious.draftFincenCtr(viewerOf(req), req.body.alertIds) }),
  );

  app.get(
    '/v1/reports/fincen/deadline',
    {
      preHandler: read,
      schema: {
        tags,
        summary:
          'FinCEN due date: SAR 30 days from initial detection (60 with no suspect), CTR 15 days from the transaction',
        querystring: Type.Object({
          kind: Type.Union([Type.Literal('sar'), Type.Literal('ctr')]),
          date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          suspect: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
        }),
      },
    },
    async (req) => ({
      dueBy:
        req.query.kind === 'sar' ? sarDueBy(req.query.date, req.query.suspect !== 'false') : ctrDueBy(req.query.date),
    }),
  );

  app.post(
    '/v1/reports/:id/deletion',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Draft a deletion (DHTR) of a submitted large-value report',
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
      },
    },
    async (req, reply) =>
      reply.code(201).send({ report: await reports.draftDeletion(viewerOf(req), req.params.id, req.body.reason) }),
  );

  app.post(
    '/v1/reports/:id/approve',
    {
      preHandler: approve,
      schema: {
        tags,
        summary: 'Approve a draft (a second operator, four eyes)',
        params: Id,
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (req) => ({ report: await reports.approve(viewerOf(req), req.params.id, req.body.note ?? '') }),
  );

  app.post(
    '/v1/reports/:id/reject',
    {
      preHandler: approve,
      schema: {
        tags,
        summary: 'Reject a draft; its obligations become reportable again',
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
      },
    },
    async (req) => ({ report: await reports.reject(viewerOf(req), req.params.id, req.body.reason) }),
  );

  app.post(
    '/v1/reports::submit',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Produce the files of approved reports in ZIP packages of at most 5 MB',
        body: Type.Object(
          { reportIds: Type.Array(Type.String(), { minItems: 1, maxItems: 1000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => ({ packages: await reports.submit(viewerOf(req), req.body.reportIds) }),
  );

  app.post(
    '/v1/reports/:id/ack',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "Record the FIU's acknowledgement or rejection",
        params: Id,
        body: Type.Object({ accepted: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (req) => ({
      report: await reports.acknowledge(viewerOf(req), req.params.id, req.body.accepted, req.body.note ?? ''),
    }),
  );

  app.get(
    '/v1/report-packages/:name',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Download a submitted package (application/zip)',
        params: Type.Object({ name: Type.String({ pattern: '^[A-Z0-9-]+\\.ZIP$' }) }),
      },
    },
    async (req, reply) => {
      const pkg = await reports.package(viewerOf(req), req.params.name);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${pkg.name}"`)
        .header('x-content-sha256', pkg.sha256)
        .send(Buffer.from(pkg.bytes));
    },
  );
};
