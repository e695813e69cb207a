import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../../access/index.ts';
import { parseTimestamp, ZhiliError } from '../../kernel/index.ts';
import { requireCasePermission, viewerOf } from '../permissions.ts';
import { metricsTable, periodLine, type Lang } from './core/tables.ts';
import { toCsv } from './export/csv.ts';
import { toPdf } from './export/pdf.ts';
import { toXlsx } from './export/xlsx.ts';
import { ComplianceMetricsSchema, ExportParams, ExportQuery, metricTables, MetricsQuery } from './schemas.ts';
import type { ComplianceMetricsService } from './service.ts';

function time(v: string | undefined, pointer: string): number | undefined {
  if (v === undefined) return undefined;
  const t = parseTimestamp(v);
  if (t === undefined) throw new ZhiliError('ZHILI_E_TIMESTAMP', { pointer });
  return t;
}

const types = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * Compliance metrics (funnel, aging, time to close, effectiveness, coverage) and their exports. Every
 * case role may read them, auditors included; suspicious-report figures only reach AML roles.
 */
export const metricsRoutes: FastifyPluginAsyncTypebox<{
  access: AccessService;
  metrics: ComplianceMetricsService;
}> = async (app, { access, metrics }) => {
  const read = requireCasePermission(access, 'cases:read');
  const tags = ['metrics'];

  app.get(
    '/v1/metrics/compliance',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Compliance metrics of a period (default: the last 90 days)',
        querystring: MetricsQuery,
        response: { 200: ComplianceMetricsSchema },
      },
    },
    async (req) =>
      metrics.compute(viewerOf(req), { from: time(req.query.from, '/from'), to: time(req.query.to, '/to') }),
  );

  app.get(
    '/v1/metrics/compliance/:table/export',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'One table (or all, for XLSX and PDF) as CSV, XLSX or PDF for an audit',
        params: ExportParams,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const v = viewerOf(req);
      const { format } = req.query;
      const lang: Lang = req.query.lang ?? 'zh-CN';
      if (req.params.table === 'all' && format === 'csv')
        throw new ZhiliError('ZHILI_E_VALIDATION', { pointer: '/format', message: 'CSV holds one table: name it' });
      const m = await metrics.compute(v, { from: time(req.query.from, '/from'), to: time(req.query.to, '/to') });
      const ids = req.params.table === 'all' ? metricTables : [req.params.table];
      const tables = ids.map((id) => metricsTable(m, id, lang));
      const note = periodLine(m, lang, await metrics.timeZone(v.tenantId));
      const title = lang === 'en' ? 'Zhili compliance metrics' : '治理 合规指标';
      const bytes =
        format === 'csv'
          ? toCsv(tables[0]!)
          : format === 'xlsx'
            ? toXlsx(tables, note)
            : toPdf(tables, { title, note }, lang);
      const name = `compliance-${req.params.table}-${new Date(m.to).toISOString().slice(0, 10)}.${format}`;
      return reply
        .header('content-type', types[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(bytes));
    },
  );
};
