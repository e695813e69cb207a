/**
 * Filings and the dashboard over HTTP: platforms push (`POST /v1/hub/filings`, signed), supervisors read
 * the dashboard across platforms and per platform, the filings, the exit plan, and ask for report files.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ZhiliError } from '../../kernel/index.ts';
import { exitReady } from '../core/exit-plan.ts';
import type { Registry } from '../registry.ts';
import type { PlatformRecord } from '../hub-store.ts';
import type { HubStore } from '../hub-store.ts';
import type { Supervisor } from '../supervisors.ts';
import { ErrorRef, IdParams } from '../schemas.ts';
import type { Dashboard } from './dashboard.ts';
import { latestFilings } from './read.ts';
import { FilingsAnswerSchema, FilingsBodySchema } from './schemas.ts';
import { DashboardOut, ExitPlanOut, FilingsOut, PlatformDashboardOut } from './schemas-out.ts';
import type { Filings } from './service.ts';

export interface FilingsRoutesOptions {
  filings: Filings;
  dashboard: Dashboard;
  registry: Registry;
  store: HubStore;
  authenticatePlatform: (req: FastifyRequest) => Promise<PlatformRecord>;
  authenticateSupervisor: (req: FastifyRequest) => Promise<Supervisor>;
}

const Key = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });
const ReportParams = Type.Object({ id: Key, tenantId: Key, reportId: Key });

export const filingsRoutes: FastifyPluginAsyncTypebox<FilingsRoutesOptions> = async (app, o) => {
  const tags = ['hub filings'];
  const err = { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef };

  app.post(
    '/v1/hub/filings',
    {
      bodyLimit: 24 * 1024 * 1024,
      schema: {
        tags,
        summary: 'A platform sends its report copies, disclosures, complaint statistics, incidents and indicators',
        description:
          'Signed platform request. Disclosures are verified against the checkpoints the hub cosigned; the answer lists report files the hub asks for (send them with the next sync). 平台报送监管报告副本、披露、投诉统计、突发事件与指标。',
        body: FilingsBodySchema,
        response: { 200: FilingsAnswerSchema, ...err },
      },
      // Authenticated before the body is validated, so an unsigned caller learns nothing of the schema.
      preValidation: async (req) => {
        platforms.set(req, await o.authenticatePlatform(req));
      },
    },
    async (req) => {
      const caller = platforms.get(req);
      if (!caller) throw new ZhiliError('ZHILI_E_HUB_SIGNATURE');
      return o.filings.receive(caller, req.body);
    },
  );

  app.get(
    '/v1/hub/dashboard',
    {
      schema: {
        tags,
        summary: 'Indicators and early-warning flags across platforms, with the thresholds in force',
        response: { 200: DashboardOut, 401: ErrorRef },
      },
    },
    async (req) => {
      await o.authenticateSupervisor(req);
      return { thresholds: o.dashboard.thresholds, platforms: await o.dashboard.all(await o.registry.list()) };
    },
  );
  app.get(
    '/v1/hub/platforms/:id/dashboard',
    {
      schema: {
        tags,
        summary: "One platform's indicators and flags",
        params: IdParams,
        response: { 200: PlatformDashboardOut, ...err },
      },
    },
    async (req) => {
      await o.authenticateSupervisor(req);
      return o.dashboard.platform(await o.registry.get(req.params.id));
    },
  );
  app.get(
    '/v1/hub/platforms/:id/filings',
    {
      schema: {
        tags,
        summary: 'What the platform last sent, and the disclosures with their verdicts',
        params: IdParams,
        response: { 200: FilingsOut, ...err },
      },
    },
    async (req) => {
      await o.authenticateSupervisor(req);
      const p = await o.registry.get(req.params.id);
      return {
        ...(await latestFilings(o.store, p.id)),
        disclosures: await o.store.disclosures(p.id, 500),
        fileRequests: await o.store.fileRequests(p.id),
      };
    },
  );
  app.post(
    '/v1/hub/platforms/:id/reports/:tenantId/:reportId/file-request',
    {
      schema: {
        tags,
        summary: "Ask for a report's file: the platform sends it with its next sync",
        params: ReportParams,
        response: { 202: Type.Object({ requested: Type.Boolean() }), ...err },
      },
    },
    async (req, reply) => {
      const by = await o.authenticateSupervisor(req);
      await o.registry.get(req.params.id);
      const requested = await o.filings.requestFile(req.params.id, req.params.tenantId, req.params.reportId, by);
      return reply.code(202).send({ requested });
    },
  );
  app.get(
    '/v1/hub/platforms/:id/reports/:tenantId/:reportId/file',
    { schema: { tags, summary: 'The report file the platform sent on request', params: ReportParams } },
    async (req, reply) => {
      await o.authenticateSupervisor(req);
      const f = await o.store.reportFile(req.params.id, req.params.tenantId, req.params.reportId);
      if (!f?.content) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/reportId' });
      return reply
        .type('application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename="${(f.fileName ?? 'report').replace(/[^A-Za-z0-9_.-]/g, '_')}"`,
        )
        .header('x-content-sha256', f.sha256 ?? '')
        .send(Buffer.from(f.content, 'base64'));
    },
  );
  app.get(
    '/v1/hub/platforms/:id/exit-plan',
    {
      schema: {
        tags,
        summary: "A winding-down platform's exit plan and whether it allows the exit",
        params: IdParams,
        response: { 200: ExitPlanOut, ...err },
      },
    },
    async (req) => {
      await o.authenticateSupervisor(req);
      const plan = await o.filings.exitPlans.refresh(await o.registry.get(req.params.id));
      const v = exitReady(plan);
      return {
        plan: plan ?? null,
        ready: v.ok,
        reason: v.ok ? null : v.reason,
        reasonZh: v.ok ? null : v.reasonZh,
      };
    },
  );
};

const platforms = new WeakMap<FastifyRequest, PlatformRecord>();
