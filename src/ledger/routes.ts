import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import { encodeBase64 } from './core/base64.ts';
import { addProofRoutes, b64, ErrorRef, Hashes, Index, int } from './proof-routes.ts';
import { parseEntry } from './core/entries.ts';
import type { LedgerService } from './service.ts';

/** Appends a witness's cosignature line to a checkpoint note it cosigned. */
export interface LedgerWitness {
  cosigned(note: string): Promise<string>;
}

const EntryOut = {
  index: Type.Integer(),
  leafHash: Type.String({ description: 'base64 of SHA-256(0x00 ‖ entryJson)' }),
  entryJson: Type.String({ description: 'the exact bytes that were hashed (canonical JSON); empty when withheld' }),
  entry: Type.Unknown(),
  withheld: Type.Optional(
    Type.Boolean({ description: 'true: the entry is about a suspicious report and its content is not shown to you' }),
  ),
};

/** Roles that may know of suspicious reports (the cases module's AML roles); API keys never. */
const strRoles: readonly string[] = ['admin', 'analyst', 'approver'];
const isStrEntry = (e: unknown): boolean => {
  const a = e as { kind?: unknown; action?: unknown } | undefined;
  return a?.kind === 'audit' && typeof a.action === 'string' && a.action.startsWith('str.');
};
const seesSuspicious = (p: ReturnType<typeof principalOf>): boolean =>
  p.kind === 'operator' && p.roles.some((r) => strRoles.includes(r));

/**
 * The ledger's read API. Checkpoints, keys and proofs are about the one global tree and hold hashes
 * only; an entry is shown only to its own tenant. Any principal with events:read may read.
 */
export const ledgerRoutes: FastifyPluginAsyncTypebox<{
  ledger: LedgerService;
  access: AccessService;
  /** The supervision hub's witness: the checkpoint is served with its cosignature appended. */
  witness?: LedgerWitness;
}> = async (app, { ledger, access, witness }) => {
  const read = requirePermission(access, 'events:read');
  const tags = ['ledger'];

  app.get(
    '/v1/ledger/checkpoint',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint signed note, Ed25519), as text/plain',
        response: { 401: ErrorRef, 503: ErrorRef },
      },
    },
    async (_req, reply) => {
      const cp = await ledger.latestCheckpoint();
      if (!cp) throw new ZhiliError('ZHILI_E_NOT_READY');
      const note = witness ? await witness.cosigned(cp.note) : cp.note;
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(note);
    },
  );

  app.get(
    '/v1/ledger/key',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The verifier keys (signing key first); retired keys stay published',
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
          401: ErrorRef,
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
      preHandler: read,
      schema: {
        tags,
        summary: "One ledger entry of the caller's tenant, with its leaf hash",
        params: Type.Object({ index: Index }),
        response: { 200: Type.Object(EntryOut), 401: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => {
      const row = await ledger.entry(int(req.params.index, '/params/index'));
      const who = principalOf(req);
      if (!row || row.tenantId !== who.tenantId) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/index' });
      const entry = parseEntry(row.entry);
      // Tipping-off: entries about a suspicious report stay in the tree (the leaf hash proves it) but their
      // content is withheld from anyone who may not know of the report.
      if (isStrEntry(entry) && !seesSuspicious(who))
        return { index: row.index, leafHash: encodeBase64(row.leafHash), entryJson: '', entry: null, withheld: true };
      return { index: row.index, leafHash: encodeBase64(row.leafHash), entryJson: row.entry, entry };
    },
  );

  addProofRoutes(app, { ledger, tags, preHandler: read });

  app.get(
    '/v1/ledger/proofs/event/:eventId',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "Prove an event's decision: its entry and an inclusion proof against a signed checkpoint",
        params: Type.Object({ eventId: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: {
          200: Type.Object({ ...EntryOut, treeSize: Type.Integer(), proof: Hashes, checkpoint: Type.String() }),
          401: ErrorRef,
          404: ErrorRef,
          503: ErrorRef,
        },
      },
    },
    async (req) => {
      const { row, checkpoint, proof } = await ledger.proveEvent(principalOf(req).tenantId, req.params.eventId);
      return {
        index: row.index,
        leafHash: encodeBase64(row.leafHash),
        entryJson: row.entry,
        entry: parseEntry(row.entry),
        treeSize: checkpoint.size,
        proof: b64(proof),
        checkpoint: checkpoint.note,
      };
    },
  );
};
