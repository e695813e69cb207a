import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePermission, type AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import { ListVersionSchema, MAX_SCREEN_BATCH, ScreenBodySchema, ScreenResponseSchema } from './schemas.ts';
import type { ScreeningService } from './service.ts';
import type { ListRefresher } from './refresh.ts';

const ErrorRef = Type.Ref('ErrorBody');

export const screeningRoutes: FastifyPluginAsyncTypebox<{
  screening: ScreeningService;
  access: AccessService;
  refresher?: ListRefresher;
}> = async (app, { screening, access, refresher }) => {
  app.post(
    '/v1/screen',
    {
      preHandler: requirePermission(access, 'events:read'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['screening'],
        summary: 'Screen one name or a batch against the loaded sanctions and internal lists',
        description:
          'Every hit carries a calibrated probability, the name parts that matched and how, and what date of birth, country, gender and ID documents added. Weak-alias-only hits are never recommended for blocking.',
        body: ScreenBodySchema,
        response: { 200: ScreenResponseSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (req) => {
      const { query, queries, threshold, lists, maxHits } = req.body;
      if ((query === undefined) === (queries === undefined)) {
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '',
          message: 'Send either "query" or "queries".',
          messageZh: '请提供 "query" 或 "queries" 其中之一。',
        });
      }
      const batch = queries ?? [query as NonNullable<typeof query>];
      if (batch.length > MAX_SCREEN_BATCH) {
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '/queries',
          message: `A batch holds at most ${MAX_SCREEN_BATCH} queries.`,
          messageZh: `一个批次最多包含 ${MAX_SCREEN_BATCH} 个查询。`,
        });
      }
      const options = {
        ...(threshold === undefined ? {} : { threshold }),
        ...(lists === undefined ? {} : { lists }),
        ...(maxHits === undefined ? {} : { maxHits }),
      };
      const { results, listVersions } = screening.screenBatch(batch, options);
      return { listVersions, results: results.map((hits, index) => ({ index, hits })) };
    },
  );

  app.get(
    '/v1/screening/lists',
    {
      preHandler: requirePermission(access, 'events:read'),
      schema: {
        tags: ['screening'],
        summary: 'The list versions loaded for screening, with content hashes and counts',
        response: { 200: Type.Array(ListVersionSchema), 401: ErrorRef },
      },
    },
    async () => screening.versions(),
  );

  if (refresher) {
    const JobSchema = Type.Object({
      id: Type.String(),
      status: Type.String(),
      startedAt: Type.Number(),
      finishedAt: Type.Optional(Type.Number()),
      changed: Type.Array(Type.String()),
      rescreened: Type.Integer(),
      newHits: Type.Integer(),
      error: Type.Optional(Type.String()),
    });
    app.post(
      '/v1/screening/lists::reload',
      {
        preHandler: requirePermission(access, 'lists:reload'),
        schema: {
          tags: ['screening'],
          summary: 'Reload the configured list files; a changed list re-screens existing parties in the background',
          response: { 202: JobSchema, 403: ErrorRef },
        },
      },
      async (_req, reply) => {
        const job = refresher.reload();
        return reply.code(202).header('location', `/v1/screening/reloads/${job.id}`).send(job);
      },
    );
    app.get(
      '/v1/screening/reloads/:id',
      {
        preHandler: requirePermission(access, 'lists:reload'),
        schema: {
          tags: ['screening'],
          summary: 'Progress of a list reload and the re-screening it started',
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          response: { 200: JobSchema, 404: ErrorRef },
        },
      },
      async (req) => {
        const job = refresher.job(req.params.id);
        if (!job) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
        return job;
      },
    );
  }
};
