import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../../access/index.ts';
import type { SuitabilityAdvice } from './advice.ts';
import type { Level } from './core/types.ts';
import { actorOf, requireSuitabilityPermission as perm } from './permissions.ts';
import {
  AcknowledgementViewSchema,
  AcknowledgeSchema,
  AddQuestionnaireSchema,
  AssessmentViewSchema,
  AssessSchema,
  CheckSchema,
  EducationSchema,
  ProductInputSchema,
  ProductViewSchema,
  ProfessionalActionSchema,
  ProfessionalViewSchema,
  ProfileSchema,
  ProgressSchema,
  QuestionnaireSchema,
  RecommendationsSchema,
  SettingsInputSchema,
  SettingsSchema,
  VerdictSchema,
} from './schemas.ts';
import type { SuitabilityService } from './service.ts';

export interface SuitabilityRoutesOptions {
  access: AccessService;
  profiles: SuitabilityService;
  advice: SuitabilityAdvice;
}

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:\\-]+$' }) });
const LessonParam = Type.Object({ id: IdParam.properties.id, lessonId: IdParam.properties.id });

/** Suitability over HTTP: questionnaire, assessments, professional status, products, checks, advice, education. */
export const suitabilityRoutes: FastifyPluginAsyncTypebox<SuitabilityRoutesOptions> = async (app, o) => {
  const { access, profiles, advice } = o;
  const read = perm(access, 'suitability:read');
  const write = perm(access, 'suitability:write');
  const tags = ['suitability'];

  app.get(
    '/v1/suitability/questionnaire',
    {
      preHandler: read,
      schema: { tags, summary: 'The risk questionnaire new assessments use', response: { 200: QuestionnaireSchema } },
    },
    async (req) => profiles.questionnaire(actorOf(req)),
  );
  app.get(
    '/v1/suitability/questionnaires',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Every questionnaire version (the shipped one first)',
        response: { 200: Type.Object({ questionnaires: Type.Array(QuestionnaireSchema) }) },
      },
    },
    async (req) => ({ questionnaires: await profiles.questionnaires(actorOf(req)) }),
  );
  app.post(
    '/v1/suitability/questionnaires',
    {
      preHandler: perm(access, 'suitability:settings'),
      schema: {
        tags,
        summary: 'Add a questionnaire version (optionally make it the one in force)',
        body: AddQuestionnaireSchema,
        response: { 201: QuestionnaireSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await profiles.addQuestionnaire(actorOf(req), req.body.questionnaire, req.body.activate === true)),
  );
  app.get(
    '/v1/suitability/settings',
    {
      preHandler: read,
      schema: { tags, summary: 'Expiry, cooling-off, mismatch policy per category', response: { 200: SettingsSchema } },
    },
    async (req) => profiles.settings(actorOf(req).tenantId),
  );
  app.put(
    '/v1/suitability/settings',
    {
      preHandler: perm(access, 'suitability:settings'),
      schema: {
        tags,
        summary: 'Change the suitability settings',
        body: SettingsInputSchema,
        response: { 200: SettingsSchema },
      },
    },
    async (req) => profiles.putSettings(actorOf(req), req.body),
  );
  app.post(
    '/v1/suitability/assessments',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "Score a customer's answers: category C1–C5, knowledge gaps, expiry",
        body: AssessSchema,
        response: { 201: AssessmentViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await profiles.assess(actorOf(req), req.body)),
  );
  app.get(
    '/v1/suitability/customers/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "A customer's category, expiry, professional status and history",
        params: IdParam,
        response: { 200: ProfileSchema },
      },
    },
    async (req) => profiles.profile(actorOf(req), req.params.id),
  );
  app.post(
    '/v1/suitability/customers/:id/professional',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Professional-investor status: propose, approve (second operator, approver role), revoke',
        params: IdParam,
        body: ProfessionalActionSchema,
        response: { 200: ProfessionalViewSchema },
      },
    },
    async (req) => profiles.professional(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/v1/suitability/professional-requests',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Professional-investor proposals awaiting the second operator',
        response: {
          200: Type.Object({
            requests: Type.Array(Type.Composite([Type.Object({ customerId: Type.String() }), ProfessionalViewSchema])),
          }),
        },
      },
    },
    async (req) => ({ requests: o.profiles.pendingProfessionals(actorOf(req)) }),
  );
  app.get(
    '/v1/suitability/customers/:id/acknowledgements',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Risk warnings the customer confirmed',
        params: IdParam,
        response: { 200: Type.Object({ acknowledgements: Type.Array(AcknowledgementViewSchema) }) },
      },
    },
    async (req) => ({ acknowledgements: await advice.acknowledgements(actorOf(req), req.params.id) }),
  );
  app.post(
    '/v1/suitability/check',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'May this customer buy this product now? With the risk warning when one must be confirmed',
        body: CheckSchema,
        response: { 200: VerdictSchema },
      },
    },
    async (req) => advice.check(actorOf(req), req.body.customerId, req.body.productId),
  );
  app.post(
    '/v1/suitability/acknowledgements',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Record that the customer confirmed the risk warning (by its hash)',
        body: AcknowledgeSchema,
        response: { 201: AcknowledgementViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await advice.acknowledge(actorOf(req), { ...req.body, channel: req.body.channel ?? 'api' })),
  );

  app.get(
    '/v1/products',
    {
      preHandler: read,
      schema: {
        tags: ['products'],
        summary: "The tenant's product catalogue (R1–R5)",
        response: { 200: Type.Object({ products: Type.Array(ProductViewSchema) }) },
      },
    },
    async (req) => ({ products: await advice.products(actorOf(req)) }),
  );
  app.put(
    '/v1/products/:id',
    {
      preHandler: perm(access, 'suitability:catalogue'),
      schema: {
        tags: ['products'],
        summary: 'Create or change a product',
        params: IdParam,
        body: ProductInputSchema,
        response: { 200: ProductViewSchema },
      },
    },
    async (req) => {
      const b = req.body;
      return advice.putProduct(actorOf(req), {
        id: req.params.id,
        name: b.name,
        risk: Number(b.risk.slice(1)) as Level,
        horizonMonths: b.horizonMonths,
        liquidity: b.liquidity,
        goals: b.goals,
        warning: b.warning,
        status: b.status ?? 'on_sale',
      });
    },
  );

  app.get(
    '/v1/customers/:id/recommendations',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Products ranked by fit, never above the customer’s category, each with its reasons',
        params: IdParam,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: { 200: RecommendationsSchema },
      },
    },
    async (req) => advice.recommendations(actorOf(req), req.params.id, req.query.limit ?? 10),
  );
  app.get(
    '/v1/customers/:id/education',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Lessons for the knowledge gaps the questionnaire revealed, with progress',
        params: IdParam,
        response: { 200: EducationSchema },
      },
    },
    async (req) => advice.education(actorOf(req), req.params.id),
  );
  app.post(
    '/v1/customers/:id/education/:lessonId',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Record a lesson started or completed',
        params: LessonParam,
        body: ProgressSchema,
        response: { 200: EducationSchema },
      },
    },
    async (req) => advice.progress(actorOf(req), req.params.id, req.params.lessonId, req.body.action),
  );
};
