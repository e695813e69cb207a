import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseMoney, ZhiliError } from '../kernel/index.ts';
import { actorOf, requireComplaintPermission as perm } from './permissions.ts';
import type { ProtectionRoutesOptions } from './routes.ts';
import { MovementInputSchema, MovementSchema, PeriodQuery, QuarterQuery, StatisticsSchema } from './schemas.ts';

const AmountOut = Type.Object({ value: Type.String(), currency: Type.String() });

/** Complaint statistics and their quarterly files; the risk reserve's balance, movements and payouts. */
export const reportRoutes: FastifyPluginAsyncTypebox<ProtectionRoutesOptions> = async (app, o) => {
  const { access, reports } = o;
  const read = perm(access, 'complaints:read');
  const tags = ['complaints'];

  app.get(
    '/v1/complaints/statistics',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Statistics of complaints received in a period',
        querystring: PeriodQuery,
        response: { 200: StatisticsSchema },
      },
    },
    async (req) => reports.statistics(actorOf(req), req.query.from, req.query.to),
  );

  app.get(
    '/v1/complaints/statistics.csv',
    {
      preHandler: read,
      schema: { tags, summary: 'The quarterly statistics file (CSV, UTF-8)', querystring: QuarterQuery },
    },
    async (req, reply) => {
      const f = await reports.quarterlyCsv(actorOf(req), req.query.quarter);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${f.name}"`)
        .send(f.csv);
    },
  );

  app.get(
    '/v1/complaints/statistics.xlsx',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The quarterly statistics file (XLSX, the CSV layout on one sheet)',
        querystring: QuarterQuery,
      },
    },
    async (req, reply) => {
      const f = await reports.quarterlyXlsx(actorOf(req), req.query.quarter);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${f.name}"`)
        .send(Buffer.from(f.xlsx));
    },
  );

  app.get(
    '/v1/risk-reserve',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Risk reserve balances and movements',
        response: { 200: Type.Object({ balances: Type.Array(AmountOut), movements: Type.Array(MovementSchema) }) },
      },
    },
    async (req) => reports.reserve(actorOf(req)),
  );

  app.post(
    '/v1/risk-reserve/movements',
    {
      preHandler: perm(access, 'complaints:reserve'),
      schema: {
        tags,
        summary: 'Pay into the risk reserve (deposit) or correct it (adjustment)',
        body: MovementInputSchema,
        response: { 201: MovementSchema },
      },
    },
    async (req, reply) => {
      const neg = req.body.amount.value.startsWith('-');
      if (neg && req.body.kind === 'deposit')
        throw new ZhiliError('ZHILI_E_AMOUNT_NEGATIVE', { pointer: '/amount/value' });
      const parsed = parseMoney(req.body.amount.value.replace(/^-/, ''), req.body.amount.currency);
      if (!parsed.ok) throw new ZhiliError(parsed.error, { pointer: '/amount/value' });
      const m = parsed.value;
      const view = await reports.move(actorOf(req), req.body.kind, neg ? -m.minor : m.minor, m.currency);
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/v1/risk-reserve/payouts',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Compensation paid in a period, with totals',
        querystring: PeriodQuery,
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            count: Type.Integer(),
            totals: Type.Array(AmountOut),
            payouts: Type.Array(MovementSchema),
          }),
        },
      },
    },
    async (req) => reports.payouts(actorOf(req), req.query.from, req.query.to),
  );
};
