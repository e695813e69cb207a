import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AccessService } from '../access/index.ts';
import { findC3 } from './core/classes.ts';
import { partyError } from './errors.ts';
import { actorOf, requirePartyPermission } from './permissions.ts';
import {
  HitDecisionSchema,
  ListQuery,
  LookupQuery,
  PartyInputSchema,
  PartyListReply,
  PartyUpdateSchema,
  PartyViewSchema,
  RatingViewSchema,
  RevealQuery,
  VersionViewSchema,
  HitViewSchema,
} from './schemas.ts';
import type { PartyService } from './service.ts';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

export interface PartiesRoutesOptions {
  access: AccessService;
  parties: PartyService;
}

/** C3 data gets its own answer before the schema check would call it merely an unknown field. */
async function refuseC3(req: FastifyRequest): Promise<void> {
  const found = findC3(req.body);
  if (found.length) throw partyError('c3', { pointer: found[0] ?? '' });
}

/** Party (KYC) records over HTTP: create/update with full history, masked reads, audited reveals, hit review, erasure. */
export const partiesRoutes: FastifyPluginAsyncTypebox<PartiesRoutesOptions> = async (app, o) => {
  const { access, parties } = o;
  const read = requirePartyPermission(access, 'parties:read');
  const write = requirePartyPermission(access, 'parties:write');
  const tags = ['parties'];
  const reveal = (q: { reveal?: 'true' | 'false' | undefined }): boolean => q.reveal === 'true';

  app.post(
    '/v1/parties',
    {
      preHandler: write,
      preValidation: refuseC3,
      schema: { tags, summary: 'Create a person or organisation (screened and rated at once)', body: PartyInputSchema },
    },
    async (req, reply) => {
      const view = await parties.create(actorOf(req), req.body);
      return reply.code(201).send(view);
    },
  );

  app.put(
    '/v1/parties/:id',
    {
      preHandler: write,
      preValidation: refuseC3,
      schema: {
        tags,
        summary: 'Replace a party with a new version (the old ones are kept)',
        params: Id,
        body: PartyUpdateSchema,
      },
    },
    async (req) => {
      const { expectedVersion, ...input } = req.body;
      return parties.update(actorOf(req), req.params.id, input, expectedVersion);
    },
  );

  app.get(
    '/v1/parties/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A party, C2 fields masked; ?reveal=true (admin, analyst) shows them in clear and is audited',
        params: Id,
        querystring: RevealQuery,
        response: { 200: PartyViewSchema },
      },
    },
    async (req) => parties.view(actorOf(req), req.params.id, { reveal: reveal(req.query), reason: req.query.reason }),
  );

  app.get(
    '/v1/parties::list',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "A page of the tenant's parties by id: masked first name, risk level, open screening hits",
        querystring: ListQuery,
        response: { 200: PartyListReply },
      },
    },
    async (req) => ({
      parties: await parties.list(actorOf(req), { after: req.query.after, limit: Number(req.query.limit ?? 50) }),
    }),
  );

  app.get(
    '/v1/parties/:id/versions',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Every version of a party, oldest first',
        params: Id,
        querystring: RevealQuery,
        response: { 200: Type.Object({ versions: Type.Array(VersionViewSchema) }) },
      },
    },
    async (req) => ({ versions: await parties.versions(actorOf(req), req.params.id, { reveal: reveal(req.query) }) }),
  );

  app.get(
    '/v1/parties/:id/hits',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Every screening hit of a party with its review status',
        params: Id,
        querystring: RevealQuery,
        response: { 200: Type.Object({ hits: Type.Array(HitViewSchema) }) },
      },
    },
    async (req) => ({ hits: await parties.hits(actorOf(req), req.params.id, { reveal: reveal(req.query) }) }),
  );

  app.get(
    '/v1/parties/:id/ratings',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Every risk rating of a party with its reasons, oldest first',
        params: Id,
        response: { 200: Type.Object({ ratings: Type.Array(RatingViewSchema) }) },
      },
    },
    async (req) => ({ ratings: await parties.ratings(actorOf(req), req.params.id) }),
  );

  app.get(
    '/v1/parties',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Exact lookup by ID number, phone or card number (blind index)',
        querystring: LookupQuery,
      },
    },
    async (req) => ({ partyIds: await parties.lookup(actorOf(req), req.query) }),
  );

  app.post(
    '/v1/parties/:id/screen',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Screen the party again against the lists loaded now; only new hits come up open',
        params: Id,
      },
    },
    async (req) => parties.rescreen(actorOf(req), req.params.id),
  );

  app.post(
    '/v1/party-hits/:id/decision',
    {
      preHandler: requirePartyPermission(access, 'parties:review'),
      schema: {
        tags,
        summary: 'Confirm a hit or mark it a false positive',
        params: Id,
        body: HitDecisionSchema,
        response: { 200: Type.Object({ hit: HitViewSchema, party: PartyViewSchema }) },
      },
    },
    async (req) => parties.decideHit(actorOf(req), req.params.id, req.body.decision, req.body.reason),
  );

  app.delete(
    '/v1/parties/:id/personal-data',
    {
      preHandler: requirePartyPermission(access, 'parties:erase'),
      schema: { tags, summary: "Erase a party's personal data (crypto-shredding its key)", params: Id },
    },
    async (req, reply) => {
      await parties.erase(actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
};
