import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZhiliError } from '../kernel/index.ts';
import { encodeBase64 } from './core/base64.ts';
import type { LedgerService } from './service.ts';

export const ErrorRef = Type.Ref('ErrorBody');
export const Index = Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description: 'a non-negative integer' });
export const Hashes = Type.Array(Type.String({ description: 'base64 SHA-256' }));
export const b64 = (hs: readonly Uint8Array[]): string[] => hs.map(encodeBase64);

/** A query-string integer; the pattern has bounded its digits, this bounds its value. */
export function int(text: string, pointer: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new ZhiliError('ZHILI_E_VALIDATION', { pointer, message: 'Number too large.' });
  return n;
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/**
 * The inclusion and consistency proof routes, the same for the platform's ledger (behind `preHandler`)
 * and the hub's own (public: proofs hold hashes only). Added in place, so each server's OpenAPI keeps its
 * route order.
 */
export function addProofRoutes(
  app: App,
  o: {
    ledger: LedgerService;
    tags: string[];
    preHandler?: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  },
): void {
  const { ledger, tags, preHandler } = o;
  const denied = preHandler ? { 401: ErrorRef } : {};
  app.get(
    '/v1/ledger/proofs/inclusion',
    {
      ...(preHandler ? { preHandler } : {}),
      schema: {
        tags,
        summary: 'Inclusion proof of entry `index` in the tree of `size` entries (default: the latest checkpoint)',
        querystring: Type.Object({ index: Index, size: Type.Optional(Index) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ index: Type.Integer(), size: Type.Integer(), proof: Hashes }),
          400: ErrorRef,
          ...denied,
          404: ErrorRef,
        },
      },
    },
    async (req) => {
      const { index, size } = req.query;
      const p = await ledger.inclusion(
        int(index, '/querystring/index'),
        size === undefined ? undefined : int(size, '/querystring/size'),
      );
      return { index: p.index, size: p.size, proof: b64(p.proof) };
    },
  );
  app.get(
    '/v1/ledger/proofs/consistency',
    {
      ...(preHandler ? { preHandler } : {}),
      schema: {
        tags,
        summary: 'Consistency proof: the tree of `from` entries is a prefix of the tree of `to` entries',
        querystring: Type.Object({ from: Index, to: Index }, { additionalProperties: false }),
        response: {
          200: Type.Object({ from: Type.Integer(), to: Type.Integer(), proof: Hashes }),
          400: ErrorRef,
          ...denied,
        },
      },
    },
    async (req) => {
      const from = int(req.query.from, '/querystring/from');
      const to = int(req.query.to, '/querystring/to');
      return { from, to, proof: b64(await ledger.consistency(from, to)) };
    },
  );
}
