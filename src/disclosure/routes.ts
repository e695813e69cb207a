import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../access/index.ts';
import { figureDefinitions, standard } from './core/definitions.ts';
import { actorFrom, need } from './permissions.ts';
import {
  ActionBodySchema,
  ComputeBodySchema,
  DefinitionSchema,
  DisclosureViewSchema,
  ListQuerySchema,
  RelatedPartyBodySchema,
  RelatedPartyViewSchema,
  VerificationSchema,
} from './schemas.ts';
import type { DisclosureService } from './service.ts';

export interface DisclosureRoutesOptions {
  access: AccessService;
  disclosures: DisclosureService;
}

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/** The operator API: compute a month, take it through four eyes to publication, correct, read and verify. */
export const disclosureRoutes: FastifyPluginAsyncTypebox<DisclosureRoutesOptions> = async (app, o) => {
  const { access, disclosures } = o;
  const tags = ['disclosures'];
  const actor = (req: Parameters<typeof actorFrom>[1]) => actorFrom(access, req);

  app.post(
    '/v1/disclosures',
    {
      schema: {
        tags,
        summary:
          'Compute a month’s operating data as a draft (a correction when the month is published: reason required)',
        body: ComputeBodySchema,
        response: { 201: DisclosureViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await disclosures.compute(await actor(req), req.body.period, req.body.reason)),
  );

  app.get(
    '/v1/disclosures',
    {
      schema: {
        tags,
        summary: 'Versions, newest month first',
        querystring: ListQuerySchema,
        response: { 200: Type.Object({ disclosures: Type.Array(DisclosureViewSchema) }) },
      },
    },
    async (req) => ({ disclosures: await disclosures.list(await actor(req), req.query.period) }),
  );

  app.get(
    '/v1/disclosures/definitions',
    {
      schema: {
        tags,
        summary: 'What each figure means (zh-CN and en) and the item of T/NIFA 1—2017 it follows',
        response: { 200: Type.Object({ standard: Type.String(), definitions: Type.Array(DefinitionSchema) }) },
      },
    },
    async (req) => {
      need(await actor(req), 'disclosures:read');
      return { standard: standard.titleZh, definitions: [...figureDefinitions] };
    },
  );

  app.get(
    '/v1/disclosures/related-parties',
    {
      schema: {
        tags,
        summary: 'The related-party register: loans to these borrowers count as related-party lending',
        response: { 200: Type.Object({ relatedParties: Type.Array(RelatedPartyViewSchema) }) },
      },
    },
    async (req) => ({ relatedParties: await disclosures.relatedParties(await actor(req)) }),
  );

  app.put(
    '/v1/disclosures/related-parties/:partyId',
    {
      schema: {
        tags,
        summary: 'Add a related party or change its entry; end a relation by setting `until` (history is kept)',
        params: Type.Object({ partyId: Type.String({ minLength: 1, maxLength: 128 }) }),
        body: RelatedPartyBodySchema,
        response: { 200: RelatedPartyViewSchema },
      },
    },
    async (req) => disclosures.putRelatedParty(await actor(req), req.params.partyId, req.body),
  );

  app.get(
    '/v1/disclosures/:id',
    { schema: { tags, summary: 'One version', params: IdParam, response: { 200: DisclosureViewSchema } } },
    async (req) => disclosures.get(await actor(req), req.params.id),
  );

  app.post(
    '/v1/disclosures/:id/actions',
    {
      schema: {
        tags,
        summary: 'submit, approve (a second operator), reject, publish or discard; a published version takes none',
        params: IdParam,
        body: ActionBodySchema,
        response: { 200: DisclosureViewSchema },
      },
    },
    async (req) => disclosures.act(await actor(req), req.params.id, req.body.action),
  );

  app.get(
    '/v1/disclosures/:id/verify',
    {
      schema: {
        tags,
        summary: 'Recompute the document’s hash and check its ledger entry and inclusion proof',
        params: IdParam,
        response: { 200: VerificationSchema },
      },
    },
    async (req) => {
      const a = await actor(req);
      need(a, 'disclosures:read');
      return disclosures.verify(a.tenantId, req.params.id);
    },
  );
};
