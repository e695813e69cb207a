import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sha256Hex, type AuditSink, type Clock } from '../kernel/index.ts';
import { principalOf, requirePermission } from './http-auth.ts';
import type { AccessService } from './service.ts';

const ErrorRef = Type.Ref('ErrorBody');

/** What erasing one data subject's personal data destroyed. */
export interface ErasureResult {
  /** Data keys of the subject's fields in stored events. */
  eventKeys: number;
  /** Reports (drafts, filings and their packages) that named the subject and can no longer be read. */
  reports: number;
}

/** Crypto-shreds everything personal the tenant holds about a subject (a party id of its events). */
export type EraseSubject = (tenantId: string, subject: string) => Promise<ErasureResult>;

/**
 * The right to erasure (PIPL art. 47) for data outside the parties register: events and reports name
 * people by the platform's party ids. Deleting their keys leaves hashes, amounts and the ledger intact.
 */
export const erasureRoutes: FastifyPluginAsyncTypebox<{
  access: AccessService;
  erase: EraseSubject;
  audit: AuditSink;
  clock: Clock;
}> = async (app, { access, erase, audit, clock }) => {
  app.post(
    '/v1/data-subjects/:subject/erase',
    {
      preHandler: requirePermission(access, 'personal:erase'),
      schema: {
        tags: ['personal data'],
        summary: "Erase a data subject's personal data in stored events and reports (crypto-shredding)",
        description:
          'Deletes the keys of the names, ID numbers and other personal fields that events and reports hold for this party id. Irreversible; on the audit ledger (the reason as a hash). Records the law requires you to keep (AML: PBOC Order [2022] No. 1, art. 34) are your compliance officer’s call before you erase.',
        params: Type.Object({ subject: Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000]+$' }) }),
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ subject: Type.String(), eventKeys: Type.Integer(), reports: Type.Integer() }),
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
        },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const done = await erase(p.tenantId, req.params.subject);
      await audit({
        tenantId: p.tenantId,
        actorId: p.kind === 'apiKey' ? `key:${p.keyPrefix}` : p.userId,
        action: 'personal.erase',
        subjectId: sha256Hex(req.params.subject),
        dataHash: sha256Hex(req.body.reason),
        at: clock.now(),
      });
      return { subject: req.params.subject, ...done };
    },
  );
};
