import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../access/index.ts';
import { parseTimestamp, ZhiliError } from '../kernel/index.ts';
import type { CaseAction } from './core/workflow.ts';
import type { CaseStatus, Priority } from './core/types.ts';
import { caseStatuses } from './core/types.ts';
import type { Investigation } from './investigation.ts';
import { requireCasePermission, viewerOf } from './permissions.ts';
import { reportingProfileRoutes, type ReportingProfilesView } from './reports/profile-routes.ts';
import { reportRoutes } from './reports/routes.ts';
import type { ReportService } from './reports/service.ts';
import type { SuspiciousReports } from './reports/suspicious.ts';
import { AlertQuery, CaseActionSchema, CaseQuery, IntQ, intOf, RangeQuery, type CaseActionBody } from './schemas.ts';
import type { CaseService } from './service.ts';
import { disposalRoutes } from './disposal/routes.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { AttachmentService } from './attachments/service.ts';
import { DisposalService } from './disposal/service.ts';
import { metricsRoutes } from './metrics/routes.ts';
import { ComplianceMetricsService } from './metrics/service.ts';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

export function time(v: string | undefined, pointer: string): number | undefined {
  if (v === undefined) return undefined;
  const t = parseTimestamp(v);
  if (t === undefined) throw new ZhiliError('ZHILI_E_TIMESTAMP', { pointer });
  return t;
}

function toAction(b: CaseActionBody, pointer: string): CaseAction {
  if (b.type === 'set_due') return { type: 'set_due', dueAt: time(b.dueAt, `${pointer}/dueAt`) as number };
  return b;
}

export interface CasesRoutesOptions {
  access: AccessService;
  cases: CaseService;
  investigation: Investigation;
  reports: ReportService;
  suspicious: SuspiciousReports;
  /** Disposal plans; by default the shipped catalogue over the same case service. */
  disposals?: DisposalService;
  /** Case attachments; by default over the same case service. */
  attachments?: AttachmentService;
  /** Compliance metrics; by default over the same stores, without high-risk customers. */
  metrics?: ComplianceMetricsService;
  /** The tenant's reporting profiles as loaded at start (GET /v1/reporting-profiles). */
  profiles?: (tenantId: string) => ReportingProfilesView;
}

/** Alerts, cases, investigation views and regulatory reports over HTTP. Operators only. */
export const casesRoutes: FastifyPluginAsyncTypebox<CasesRoutesOptions> = async (app, o) => {
  const { access, cases, investigation } = o;
  const read = requireCasePermission(access, 'cases:read');
  const work = requireCasePermission(access, 'cases:work');
  const approve = requireCasePermission(access, 'cases:approve');
  const tags = ['cases'];
  if (o.profiles) await app.register(reportingProfileRoutes, { access, profiles: o.profiles });

  app.get(
    '/v1/alerts',
    {
      preHandler: requireCasePermission(access, 'alerts:read'),
      schema: { tags, summary: 'Alerts, newest first', querystring: AlertQuery },
    },
    async (req) => {
      const { limit, unreported, ...f } = req.query;
      return {
        alerts: await cases.listAlerts(viewerOf(req), {
          ...f,
          limit: intOf(limit, 50, 500),
          unreported: unreported === 'true',
        }),
      };
    },
  );

  app.get(
    '/v1/cases',
    { preHandler: read, schema: { tags, summary: 'Cases, newest first, with SLA state', querystring: CaseQuery } },
    async (req) => {
      const { limit, status, overdue, priority, ...f } = req.query;
      const statuses = status?.split(',').filter(Boolean) as CaseStatus[] | undefined;
      for (const s of statuses ?? [])
        if (!caseStatuses.includes(s))
          throw new ZhiliError('ZHILI_E_VALIDATION', { pointer: '/status', message: `unknown status ${s}` });
      const list = await cases.listCases(viewerOf(req), {
        ...f,
        limit: intOf(limit, 50, 500),
        ...(priority ? { priority: priority as Priority } : {}),
        ...(statuses ? { status: statuses } : {}),
        ...(overdue === 'true'
          ? { dueBefore: cases.o.clock.now(), status: statuses ?? ['open', 'assigned', 'investigating', 'escalated'] }
          : {}),
      });
      return { cases: list };
    },
  );

  app.get(
    '/v1/cases/:id',
    { preHandler: read, schema: { tags, summary: 'A case with its alerts and history', params: Id } },
    async (req) => cases.getCase(viewerOf(req), req.params.id),
  );

  app.post(
    '/v1/cases/:id/actions',
    {
      preHandler: work,
      schema: {
        tags,
        summary: 'Apply a workflow action (assign, start, escalate, request_close, approve, reopen, comment, tag, …)',
        params: Id,
        body: CaseActionSchema,
      },
    },
    async (req) => {
      const a = toAction(req.body, '');
      return { case: await cases.act(viewerOf(req), req.params.id, a) };
    },
  );

  const shortcut = (
    path: string,
    summary: string,
    body: ReturnType<typeof Type.Object>,
    make: (b: Record<string, unknown>) => CaseAction,
    pre = work,
  ): void => {
    app.post(
      `/v1/cases/:id/${path}`,
      { preHandler: pre, schema: { tags, summary, params: Id, body } },
      async (req) => ({
        case: await cases.act(viewerOf(req), req.params.id, make(req.body as Record<string, unknown>)),
      }),
    );
  };
  shortcut(
    'comments',
    'Add a comment',
    Type.Object({ text: Type.String({ minLength: 1, maxLength: 10_000 }) }, { additionalProperties: false }),
    (b) => ({ type: 'comment', text: b.text as string }),
  );
  shortcut(
    'assign',
    'Assign the case to an operator',
    Type.Object({ assignee: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
    (b) => ({ type: 'assign', assignee: b.assignee as string }),
  );
  shortcut(
    'request-close',
    'Ask for the case to be closed; a second operator with the approver role decides',
    Type.Object(
      {
        resolution: Type.Union([Type.Literal('false_positive'), Type.Literal('no_report'), Type.Literal('reported')]),
        reason: Type.String({ minLength: 1, maxLength: 2000 }),
      },
      { additionalProperties: false },
    ),
    (b) => ({ type: 'request_close', resolution: b.resolution as 'no_report', reason: b.reason as string }),
  );
  shortcut(
    'approve',
    'Approve the pending closure (four eyes)',
    Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
    (b) => ({ type: 'approve', ...(b.note ? { note: b.note as string } : {}) }),
    approve,
  );
  shortcut(
    'reject',
    'Reject the pending closure (four eyes)',
    Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
    (b) => ({ type: 'reject', reason: b.reason as string }),
    approve,
  );

  app.post(
    '/v1/cases::bulk',
    {
      preHandler: work,
      schema: {
        tags,
        summary: 'One action on many cases; one result per case',
        body: Type.Object(
          {
            caseIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 500 }),
            action: CaseActionSchema,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const a = toAction(req.body.action, '/action');
      return { results: await cases.bulk(viewerOf(req), req.body.caseIds, a) };
    },
  );

  app.get(
    '/v1/customers/:id/timeline',
    {
      preHandler: read,
      schema: {
        tags: ['investigation'],
        summary: "A customer's events, decisions and alerts in time order",
        params: Id,
        querystring: Type.Object({ ...RangeQuery, limit: IntQ }),
      },
    },
    async (req) => {
      const from = time(req.query.from, '/from');
      const to = time(req.query.to, '/to');
      return {
        items: await investigation.timeline(viewerOf(req), req.params.id, {
          limit: intOf(req.query.limit, 200, 1000),
          ...(from !== undefined ? { from } : {}),
          ...(to !== undefined ? { to } : {}),
        }),
      };
    },
  );

  app.get(
    '/v1/accounts/:id/graph',
    {
      preHandler: read,
      schema: {
        tags: ['investigation'],
        summary: 'The counterparty graph around an account: n hops, a time range, amounts per edge',
        params: Id,
        querystring: Type.Object({
          ...RangeQuery,
          hops: Type.Optional(Type.String({ pattern: '^[1-4]$' })),
          maxMovements: IntQ,
        }),
      },
    },
    async (req) => {
      const from = time(req.query.from, '/from');
      const to = time(req.query.to, '/to');
      return investigation.graph(viewerOf(req), req.params.id, {
        hops: intOf(req.query.hops, 2, 4),
        maxMovements: intOf(req.query.maxMovements, 5000, 20_000),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
    },
  );

  const disposals =
    o.disposals ?? new DisposalService({ cases, store: cases.o.cases, clock: cases.o.clock, ids: cases.o.ids });
  await app.register(disposalRoutes, { access, disposals });
  const attachments =
    o.attachments ?? new AttachmentService({ cases, store: cases.o.cases, clock: cases.o.clock, ids: cases.o.ids });
  await app.register(attachmentRoutes, { access, attachments });
  await app.register(reportRoutes, { access, reports: o.reports, suspicious: o.suspicious });
  const metrics =
    o.metrics ?? new ComplianceMetricsService({ store: cases.o.store, cases: cases.o.cases, clock: cases.o.clock });
  await app.register(metricsRoutes, { access, metrics });
};
