import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import { sha256Hex, ZhiliError } from '../kernel/index.ts';
import { scoreApplicant } from './core/score.ts';
import { settingsFrom } from './core/settings.ts';
import { tableFromCsv } from './files.ts';
import {
  MAX_TRAIN_BYTES,
  ScoreBodySchema,
  ScoreResponseSchema,
  TrainBodySchema,
  TrainingJobSchema,
} from './schemas.ts';
import type { CreditTrainingJobs, TrainingJob } from './service.ts';
import { scorecardRoutes } from './scorecard-routes.ts';
import { monitorRoutes } from './monitor-routes.ts';

const ErrorRef = Type.Ref('ErrorBody');
const stamp = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

const jobView = (j: TrainingJob) => ({
  id: j.id,
  status: j.status,
  createdAt: new Date(j.createdAt).toISOString(),
  createdBy: j.createdBy,
  dataHash: j.dataHash,
  ...(j.startedAt === undefined ? {} : { startedAt: stamp(j.startedAt) }),
  ...(j.finishedAt === undefined ? {} : { finishedAt: stamp(j.finishedAt) }),
  progress: { ...j.progress },
  ...(j.scorecard ? { scorecard: j.scorecard } : {}),
  ...(j.error ? { error: j.error } : {}),
});

/**
 * `POST /v1/credit/training-jobs` (train a scorecard in the background), `GET …/{id}` (progress, then
 * the scorecard) and `POST /v1/credit/score` (scores and reason codes with a given scorecard).
 * Permissions reuse the backtest ones until credit has its own: analysts and approvers train; API keys
 * and operators who may read events score.
 */
export const creditRoutes: FastifyPluginAsyncTypebox<{ access: AccessService; jobs: CreditTrainingJobs }> = async (
  app,
  { access, jobs },
) => {
  app.post(
    '/v1/credit/training-jobs',
    {
      preHandler: requirePermission(access, 'backtests:run'),
      bodyLimit: MAX_TRAIN_BYTES + 64 * 1024,
      schema: {
        tags: ['credit'],
        summary: 'Train a credit scorecard from past applications (CSV), in the background',
        description:
          'Seeded stratified split, optimal monotonic binning, WOE/IV, selection, L2 logistic regression and points scaling, as `zhili credit train`. Poll GET /v1/credit/training-jobs/{id}; jobs are kept in memory only.',
        body: TrainBodySchema,
        response: { 202: TrainingJobSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 413: ErrorRef },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const b = req.body;
      const settings = settingsFrom(b.config ?? {}, '/config');
      const table = tableFromCsv(b.csv, 'csv');
      if (!table.header.includes(b.target))
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '/target',
          message: `The data has no column "${b.target}".`,
          messageZh: `数据中没有名为“${b.target}”的列。`,
        });
      const actor = p.kind === 'operator' ? p.userId : p.keyPrefix;
      const job = await jobs.submit(p.tenantId, actor, {
        table,
        target: b.target,
        bad: b.bad,
        settings,
        dataHash: sha256Hex(b.csv),
      });
      return reply.code(202).header('location', `/v1/credit/training-jobs/${job.id}`).send(jobView(job));
    },
  );

  app.get(
    '/v1/credit/training-jobs/:id',
    {
      preHandler: requirePermission(access, 'backtests:run'),
      schema: {
        tags: ['credit'],
        summary: "A training job's status and progress and, once done, the scorecard",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: TrainingJobSchema, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => {
      const job = jobs.get(principalOf(req).tenantId, req.params.id);
      if (!job) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
      return jobView(job);
    },
  );

  app.post(
    '/v1/credit/score',
    {
      preHandler: requirePermission(access, 'events:read'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['credit'],
        summary: 'Score applicants with a scorecard: score, points per characteristic and reason codes',
        description:
          'Reason codes are the characteristics that cost the applicant the most points against their best bin, in English and Chinese.',
        body: ScoreBodySchema,
        response: { 200: ScoreResponseSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (req) => {
      const { scorecard, applicants, reasons } = req.body;
      return {
        scorecard: { name: scorecard.name, version: scorecard.version },
        results: applicants.map((a, index) => ({ index, ...scoreApplicant(scorecard, a, reasons ?? 4) })),
      };
    },
  );

  if (jobs.scorecards)
    await app.register(scorecardRoutes, { access, jobs, lifecycle: jobs.scorecards, book: jobs.loanBook });
  if (jobs.monitor) await app.register(monitorRoutes, { access, monitor: jobs.monitor });
};
