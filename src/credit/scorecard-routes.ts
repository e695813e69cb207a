import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { allows, principalOf, requirePermission, type AccessService, type Permission } from '../access/index.ts';
import { dayNumber, localDate, ZhiliError } from '../kernel/index.ts';
import type { LoanBookMemory } from './book.ts';
import type { CreditActor, ScorecardLifecycle } from './lifecycle.ts';
import {
  LoanBookReportSchema,
  SaveScorecardBodySchema,
  ScorecardDetailSchema,
  ScorecardViewSchema,
  StepBodySchema,
} from './scorecard-schemas.ts';
import type { CreditTrainingJobs } from './service.ts';
import type { ScorecardEvent, StoredScorecard } from './store.ts';

const ErrorRef = Type.Ref('ErrorBody');
const iso = (t: number): string => new Date(t).toISOString();

const view = (s: Omit<StoredScorecard, 'card'>) => ({
  version: s.version,
  name: s.name,
  status: s.status,
  shadow: s.shadow,
  createdAt: iso(s.createdAt),
  createdBy: s.createdBy,
});
const eventView = (e: ScorecardEvent) => ({ ...e, at: iso(e.at) });

const verbs = ['submit', 'approve', 'reject', 'activate', 'rollback', 'shadow', 'unshadow'] as const;
type Verb = (typeof verbs)[number];
/** As for rule sets: analysts make and activate, approvers check, admins roll back. */
const verbPermission: Record<Verb, Permission> = {
  submit: 'rulesets:write',
  approve: 'rulesets:approve',
  reject: 'rulesets:approve',
  activate: 'rulesets:write',
  rollback: 'rulesets:rollback',
  shadow: 'rulesets:write',
  unshadow: 'rulesets:write',
};

function actorOf(req: Parameters<typeof principalOf>[0]): CreditActor {
  const p = principalOf(req);
  return { tenantId: p.tenantId, actorId: p.kind === 'operator' ? p.userId : p.keyPrefix };
}

/**
 * `/v1/credit/scorecards` (stored scorecards and their four-eyes life cycle) and `/v1/credit/loan-book`
 * (balances, overdue buckets, roll rates and vintages from loan events).
 */
export const scorecardRoutes: FastifyPluginAsyncTypebox<{
  access: AccessService;
  jobs: CreditTrainingJobs;
  lifecycle: ScorecardLifecycle;
  book: LoanBookMemory | undefined;
}> = async (app, { access, jobs, lifecycle, book }) => {
  app.get(
    '/v1/credit/scorecards',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['credit'],
        summary: "The tenant's stored scorecards and their status, newest first",
        response: { 200: Type.Array(ScorecardViewSchema), 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (req) => (await lifecycle.list(principalOf(req).tenantId)).map(view),
  );

  app.post(
    '/v1/credit/scorecards',
    {
      preHandler: requirePermission(access, 'rulesets:write'),
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['credit'],
        summary: 'Save a scorecard (given, or a finished training job’s) as a draft, with score-band limits',
        body: SaveScorecardBodySchema,
        response: {
          201: ScorecardViewSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      const a = actorOf(req);
      const { scorecard, trainingJobId, limits } = req.body;
      let card: unknown = scorecard;
      if (trainingJobId !== undefined) {
        const job = jobs.get(a.tenantId, trainingJobId);
        if (!job?.scorecard) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/trainingJobId' });
        card = job.scorecard;
      }
      if (card === undefined)
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '/scorecard',
          message: 'Give a scorecard or a finished training job’s id.',
          messageZh: '请提供评分卡或已完成的训练任务编号。',
        });
      const saved = await lifecycle.saveDraft(a, card, limits);
      return reply.code(201).send(view(saved));
    },
  );

  app.get(
    '/v1/credit/scorecards/:version',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['credit'],
        summary: 'A stored scorecard with its bins, points, limits and life-cycle history',
        params: Type.Object({ version: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: ScorecardDetailSchema, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      const s = await lifecycle.get(tenantId, req.params.version);
      const history = await lifecycle.history(tenantId, req.params.version);
      return { ...view(s), scorecard: s.card, history: history.map(eventView) };
    },
  );

  app.post(
    '/v1/credit/scorecards/:version/:verb',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['credit'],
        summary: 'A life-cycle step: submit, approve, reject, activate, rollback, shadow, unshadow',
        description:
          'approve and reject need the approver role and another operator than the author and submitter (ZHILI_E_FOUR_EYES); activate makes the card score loan_application events at once; rollback (admin) needs {"reason": "…"}. Every step is on the audit ledger.',
        params: Type.Object({
          version: Type.String({ minLength: 1, maxLength: 64 }),
          verb: Type.Union(verbs.map((v) => Type.Literal(v))),
        }),
        body: StepBodySchema,
        response: {
          200: ScorecardViewSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
          409: ErrorRef,
        },
      },
    },
    async (req) => {
      const verb = req.params.verb;
      if (!allows(principalOf(req), verbPermission[verb])) throw new ZhiliError('ZHILI_E_FORBIDDEN');
      const a = actorOf(req);
      const v = req.params.version;
      const note = req.body?.note;
      switch (verb) {
        case 'submit':
          return view(await lifecycle.submit(a, v, note));
        case 'approve':
          return view(await lifecycle.approve(a, v, note));
        case 'reject':
          return view(await lifecycle.reject(a, v, note));
        case 'activate':
          return view(await lifecycle.activate(a, v, note));
        case 'shadow':
        case 'unshadow':
          return view(await lifecycle.shadow(a, v, verb === 'shadow', note));
        case 'rollback': {
          const reason = req.body?.reason ?? note;
          if (!reason)
            throw new ZhiliError('ZHILI_E_VALIDATION', {
              pointer: '/reason',
              message: 'A rollback needs a reason.',
              messageZh: '回滚须说明原因。',
            });
          return view(await lifecycle.rollback(a, v, reason));
        }
      }
    },
  );

  if (!book) return;
  app.get(
    '/v1/credit/loan-book',
    {
      preHandler: requirePermission(access, 'events:read'),
      schema: {
        tags: ['credit'],
        summary: 'The loan book as of a day: balances, M0–M3+ buckets, roll rates and vintage curves',
        description:
          'Built from loan_disbursement and loan_repayment events. asOf is a local date (YYYY-MM-DD; default today, UTC). rollRates.from/to are day numbers.',
        querystring: Type.Object({ asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }),
        response: { 200: LoanBookReportSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (req) => {
      const asOf = req.query.asOf ?? localDate(jobs.now(), 'UTC');
      return book.report(principalOf(req).tenantId, dayNumber(asOf));
    },
  );
};
