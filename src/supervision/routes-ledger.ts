import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ZhiliError } from '../kernel/index.ts';
import { addProofRoutes, encodeBase64, ErrorRef, Index, int, parseEntry, type LedgerService } from '../ledger/index.ts';

/**
 * The hub's own ledger, at the platform's paths (`/v1/ledger/…`), so that `zhili ledger verify --url
 * <hub> --key <hub ledger key> --token <supervisor session>` checks it from outside. The checkpoint,
 * keys and proofs hold hashes only and are public (anyone may keep the hub to its history); an
 * entry (which supervisor did what to which platform, when) is shown to signed-in supervisors.
 */
export const hubLedgerRoutes: FastifyPluginAsyncTypebox<{
  ledger: LedgerService;
  authenticateSupervisor: (req: FastifyRequest) => Promise<unknown>;
}> = async (app, { ledger, authenticateSupervisor }) => {
  const tags = ['hub ledger'];
  app.get(
    '/v1/ledger/checkpoint',
    {
      schema: {
        tags,
        summary: "The hub ledger's latest signed checkpoint (C2SP signed note, Ed25519), as text/plain",
        response: { 503: ErrorRef },
      },
    },
    async (_req, reply) => {
      const cp = await ledger.latestCheckpoint();
      if (!cp) throw new ZhiliError('ZHILI_E_NOT_READY');
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('last-modified', new Date(cp.createdAt).toUTCString()) // when it was signed (the console shows it)
        .send(cp.note);
    },
  );
  app.get(
    '/v1/ledger/key',
    {
      schema: {
        tags,
        summary: "The hub ledger's verifier keys (signing key first); retired keys stay published",
        response: {
          200: Type.Object({
            origin: Type.String(),
            keys: Type.Array(
              Type.Object({
                verifierKey: Type.String(),
                status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
                createdAt: Type.Number(),
                retiredAt: Type.Union([Type.Number(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      origin: ledger.origin,
      keys: (await ledger.verifierKeys()).map(
        (k) => ({ ...k, status: k.retiredAt === null ? 'active' : 'retired' }) as const,
      ),
    }),
  );
  app.get(
    '/v1/ledger/entries/:index',
    {
      preHandler: async (req) => {
        await authenticateSupervisor(req);
      },
      schema: {
        tags,
        summary: 'One entry of the hub ledger (a hub action: ids and a hash of its record), with its leaf hash',
        params: Type.Object({ index: Index }),
        response: {
          200: Type.Object({
            index: Type.Integer(),
            leafHash: Type.String({ description: 'base64 of SHA-256(0x00 ‖ entryJson)' }),
            entryJson: Type.String({ description: 'the exact bytes that were hashed (canonical JSON)' }),
            entry: Type.Unknown(),
          }),
          401: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (req) => {
      const row = await ledger.entry(int(req.params.index, '/params/index'));
      if (!row) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/index' });
      return {
        index: row.index,
        leafHash: encodeBase64(row.leafHash),
        entryJson: row.entry,
        entry: parseEntry(row.entry),
      };
    },
  );
  addProofRoutes(app, { ledger, tags });
};
