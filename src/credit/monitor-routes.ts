import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import type { CreditMonitor, MonitoringReport } from './monitor.ts';
import { monitoringHtml } from './monitor-html.ts';
import {
  MonitoringLevelsSchema,
  MonitoringQuerySchema,
  MonitoringReportSchema,
  MonitoringSettingsSchema,
} from './monitor-schemas.ts';

const ErrorRef = Type.Ref('ErrorBody');
const iso = (t: number): string => new Date(t).toISOString();

const reportView = (r: MonitoringReport) => ({
  timeZone: r.timeZone,
  from: r.from,
  to: r.to,
  generatedAt: iso(r.generatedAt),
  scorecard: r.scorecard,
  levels: r.levels,
  development: r.development,
  weeks: r.weeks,
  alerts: r.alerts.map((a) => ({
    scorecard: a.scorecard,
    week: a.week,
    psi: a.psi,
    rows: a.rows,
    threshold: a.threshold,
    raisedAt: iso(a.raisedAt),
  })),
  raised: r.raised,
});

/**
 * `GET /v1/credit/monitoring` (weekly score PSI and CSI of the active scorecard, JSON or an HTML page
 * with charts; alerts of the weeks over the threshold are raised as it is computed) and
 * `/v1/credit/monitoring/settings` (the tenant's thresholds: read as rule sets are, changed by those
 * who may write rule sets, audited).
 */
export const monitorRoutes: FastifyPluginAsyncTypebox<{ access: AccessService; monitor: CreditMonitor }> = async (
  app,
  { access, monitor },
) => {
  app.get(
    '/v1/credit/monitoring',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['credit'],
        summary: 'Score stability of the active scorecard per ISO week: PSI of the score, CSI per characteristic',
        description:
          'From the stored decisions on loan applications scored with the active card, against its development sample. from/to are local dates (the tenant time zone), widened to whole ISO weeks; default the last 8 weeks. A week over the alert threshold with enough applications raises one alert per scorecard and week (recorded and put on the audit ledger). format=html gives a self-contained page with charts.',
        querystring: MonitoringQuerySchema,
        response: { 200: MonitoringReportSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (req, reply) => {
      const { from, to, format } = req.query;
      const r = await monitor.report(principalOf(req).tenantId, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      });
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(monitoringHtml(r));
      return reportView(r);
    },
  );

  app.get(
    '/v1/credit/monitoring/settings',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['credit'],
        summary: "The tenant's score-stability thresholds (defaults: watch 0.1, alert 0.25, 30 applications a week)",
        response: { 200: MonitoringSettingsSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (req) => {
      const l = await monitor.levels(principalOf(req).tenantId);
      return {
        watch: l.watch,
        alert: l.alert,
        minRows: l.minRows,
        ...(l.updatedAt === undefined ? {} : { updatedAt: iso(l.updatedAt) }),
        ...(l.updatedBy === undefined ? {} : { updatedBy: l.updatedBy }),
      };
    },
  );

  app.put(
    '/v1/credit/monitoring/settings',
    {
      preHandler: requirePermission(access, 'rulesets:write'),
      schema: {
        tags: ['credit'],
        summary: "Set the tenant's score-stability thresholds (audited)",
        body: MonitoringLevelsSchema,
        response: { 200: MonitoringLevelsSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return monitor.setLevels(
        { tenantId: p.tenantId, actorId: p.kind === 'operator' ? p.userId : p.keyPrefix },
        req.body,
      );
    },
  );
};
