import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../../access/index.ts';
import { canonicalJson, ZhiliError } from '../../kernel/index.ts';
import type { DecisionEngine } from '../engine.ts';
import type { IsoIntake } from './intake.ts';
import { IsoIntakeMemory } from './intake-memory.ts';
import { pendingFromPacs008, transferEvent } from './map.ts';
import { tazamaReport } from './report.ts';
import { Pacs002Schema, Pacs008Schema, ReportQuerySchema } from './schemas.ts';

const ErrorRef = Type.Ref('ErrorBody');
const E2E_POINTER = '/FIToFIPmtSts/TxInfAndSts/OrgnlEndToEndId';
const accepted = (data: unknown) => ({ message: 'Transaction is valid', data });
const ns = (from: bigint): number => Number(process.hrtime.bigint() - from);
const up = async () => ({ status: 'UP' });

/**
 * Tazama-compatible ISO 20022 intake (TMS API) and report (admin service): a client written for
 * Tazama submits pacs.008 then pacs.002 and reads the evaluation by the pacs.002 MsgId. The pacs.008 is
 * kept until its status arrives; `TxSts` ACCC completes the transfer and it is decided by the same
 * engine as `POST /v1/events`. Pending messages and reports are kept per tenant, each tenant with its own
 * bound (see IsoIntake): in the database (SqlIsoIntake) when the server gives one, else in memory.
 */
export const iso20022Routes: FastifyPluginAsyncTypebox<{
  engine: DecisionEngine;
  access: AccessService;
  intake?: IsoIntake | undefined;
  /** Requests without credentials from a loopback client act as this tenant (a local Tazama test client). */
  openTenant?: string | undefined;
}> = async (app, { engine, access, intake, openTenant }) => {
  const authorize = (permission: 'events:write' | 'events:read') => {
    const checked = requirePermission(access, permission);
    return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      if (openTenant !== undefined && req.headers.authorization === undefined && fromLoopback(req)) {
        req.principal = { kind: 'apiKey', tenantId: openTenant, keyPrefix: 'loopback' };
        return;
      }
      await checked(req, reply);
    };
  };
  const memory = intake ?? new IsoIntakeMemory();
  app.get('/', { schema: { hide: true } }, up);
  app.get('/health', { schema: { hide: true } }, up);

  app.post(
    '/v1/evaluate/iso20022/pacs.008.001.10',
    {
      preHandler: authorize('events:write'),
      schema: {
        tags: ['iso20022'],
        summary: 'Customer credit transfer (Tazama TMS API): kept until its pacs.002 status arrives',
        body: Pacs008Schema,
        response: { 400: ErrorRef, 401: ErrorRef, 409: ErrorRef, 429: ErrorRef },
      },
    },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      const transfer = pendingFromPacs008(req.body, {
        acceptTestCurrency: await engine.acceptsTestCurrency(tenantId),
      });
      const known = await memory.getPending(tenantId, transfer.endToEndId);
      if (known?.completedBy !== undefined) {
        // A client retrying the same message gets the same answer; a different one is refused.
        if (canonicalJson(known.transfer) === canonicalJson(transfer)) return accepted(req.body);
        throw new ZhiliError('ZHILI_E_CONFLICT', {
          pointer: '/FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/EndToEndId',
          message: 'A transaction with this EndToEndId was already completed.',
          messageZh: '该 EndToEndId 的交易已完成。',
        });
      }
      await memory.putPending(tenantId, transfer);
      return accepted(req.body);
    },
  );

  app.post(
    '/v1/evaluate/iso20022/pacs.002.001.12',
    {
      preHandler: authorize('events:write'),
      schema: {
        tags: ['iso20022'],
        summary: 'Payment status (Tazama TMS API): TxSts ACCC completes the transfer and evaluates it',
        body: Pacs002Schema,
        response: { 400: ErrorRef, 401: ErrorRef, 404: ErrorRef, 409: ErrorRef, 503: ErrorRef },
      },
    },
    async (req) => {
      const started = process.hrtime.bigint();
      const tenantId = principalOf(req).tenantId;
      const status = req.body.FIToFIPmtSts;
      const msgId = status.GrpHdr.MsgId;
      const e2e = status.TxInfAndSts.OrgnlEndToEndId;
      const entry = await memory.getPending(tenantId, e2e);
      if (!entry) {
        throw new ZhiliError('ZHILI_E_NOT_FOUND', {
          pointer: E2E_POINTER,
          message: 'No pacs.008 with this EndToEndId was received.',
          messageZh: '未收到该 EndToEndId 对应的 pacs.008 报文。',
        });
      }
      if (status.TxInfAndSts.TxSts !== 'ACCC') {
        // Not completed: nothing moved, nothing to evaluate; the transfer may still complete later.
        if (entry.completedBy === undefined) await memory.markStatus(tenantId, e2e, status.TxInfAndSts.TxSts, msgId);
        return accepted(req.body);
      }
      if (entry.completedBy !== undefined && entry.completedBy !== msgId) {
        throw new ZhiliError('ZHILI_E_CONFLICT', {
          pointer: E2E_POINTER,
          message: `This transaction was already completed by pacs.002 ${entry.completedBy}.`,
          messageZh: `该交易已由 pacs.002 报文 ${entry.completedBy} 完成。`,
        });
      }
      const event = transferEvent(entry.transfer, req.body);
      const prcgTmDP = ns(started);
      const routed = process.hrtime.bigint();
      if (!engine.runtime(tenantId)) req.log.debug({ tenantId }, 'iso20022: tenant rule set loads on decide');
      const prcgTmED = ns(routed);
      const deciding = process.hrtime.bigint();
      const r = await engine.decide(tenantId, event);
      const prcgTmTADP = ns(deciding);
      if (!r.ok) throw r.error;
      await memory.markStatus(tenantId, e2e, 'ACCC', msgId);
      if (r.replayed && (await memory.getEvaluation(tenantId, msgId))) return accepted(req.body);
      await memory.putEvaluation(tenantId, {
        msgId,
        transaction: req.body,
        pending: entry.transfer,
        eventId: event.id,
        decision: r.decision,
        prcgTmDP,
        prcgTmED,
        prcgTmTADP,
      });
      return accepted(req.body);
    },
  );

  app.get(
    '/v1/admin/reports/getreportbymsgid',
    {
      preHandler: authorize('events:read'),
      schema: {
        tags: ['iso20022'],
        summary: 'Evaluation report of a pacs.002 by its MsgId (Tazama admin service shape); 204 if none',
        querystring: ReportQuerySchema,
        response: { 204: Type.Null({ description: 'No report for this MsgId (yet)' }), 400: ErrorRef, 401: ErrorRef },
      },
    },
    async (req, reply) => {
      const tenantId = principalOf(req).tenantId;
      const ev = await memory.getEvaluation(tenantId, req.query.msgid);
      // Tazama answers 204 when no report exists (yet): clients poll on it.
      if (!ev) return reply.code(204).send(null);
      return { data: tazamaReport(ev, engine.runtime(tenantId)?.ruleSet) };
    },
  );
};

/** The peer is this machine (the listening address is checked at start; this checks each connection). */
function fromLoopback(req: FastifyRequest): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || /^(::ffff:)?127\./.test(a);
}
