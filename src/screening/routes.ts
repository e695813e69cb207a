import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import { ListVersionSchema, MAX_SCREEN_BATCH, ScreenBodySchema, ScreenResponseSchema } from './schemas.ts';
import type { ScreeningService } from './service.ts';
import type { ListRefresher } from './refresh.ts';
import type { TenantScreeningSettings } from './settings.ts';
import { requireSystemAdmin, requireTenantAdmin, type SystemAdminCheck } from './system-access.ts';

const ErrorRef = Type.Ref('ErrorBody');

export const screeningRoutes: FastifyPluginAsyncTypebox<{
  screening: ScreeningService;
  access: AccessService;
  refresher?: ListRefresher;
  settings?: TenantScreeningSettings;
  /** Who may reload the global lists and see reload jobs; nobody over HTTP when unset. */
  isSystemAdmin?: SystemAdminCheck;
}> = async (app, { screening, access, refresher, settings, isSystemAdmin = () => false }) => {
  app.post(
    '/v1/screen',
    {
      preHandler: requirePermission(access, 'events:read'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['screening'],
        summary: 'Screen one name or a batch against the loaded sanctions and internal lists',
        description:
          'Every hit carries a calibrated probability, the name parts that matched and how, and what date of birth, country, gender and ID documents added. Weak-alias-only hits are never recommended for blocking. With no list loaded the answer is 409 ZHILI_E_SCREENING_NO_LISTS, never an empty result.',
        body: ScreenBodySchema,
        response: { 200: ScreenResponseSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef },
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
    const systemOnly = requireSystemAdmin(access, isSystemAdmin);
    app.post(
      '/v1/screening/lists::reload',
      {
        preHandler: systemOnly,
        schema: {
          tags: ['screening'],
          summary:
            'Reload the stored list versions and configured list files (system administrators); a changed list re-screens existing parties in the background',
          response: { 202: JobSchema, 403: ErrorRef },
        },
      },
      async (_req, reply) => {
        const job = await refresher.reload();
        return reply.code(202).header('location', `/v1/screening/reloads/${job.id}`).send(job);
      },
    );
    app.get(
      '/v1/screening/reloads/:id',
      {
        preHandler: systemOnly,
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

  if (settings) {
    const SettingSchema = Type.Object({
      tenantId: Type.String(),
      enabled: Type.Boolean(),
      reason: Type.String(),
      updatedBy: Type.String(),
      updatedAt: Type.Integer(),
    });
    app.get(
      '/v1/screening/settings',
      {
        preHandler: requirePermission(access, 'tenant:read'),
        schema: {
          tags: ['screening'],
          summary: "Whether this tenant's event decisions screen parties (on unless switched off on purpose)",
          response: { 200: SettingSchema, 401: ErrorRef, 403: ErrorRef },
        },
      },
      async (req) => settings.get(principalOf(req).tenantId),
    );
    app.put(
      '/v1/screening/settings',
      {
        preHandler: requireTenantAdmin(access),
        schema: {
          tags: ['screening'],
          summary: "Switch screening in this tenant's event decisions on or off (tenant admin; audited, with a reason)",
          body: Type.Object(
            { enabled: Type.Boolean(), reason: Type.String({ minLength: 3, maxLength: 500 }) },
            { additionalProperties: false },
          ),
          response: { 200: SettingSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const actor = p.kind === 'operator' ? p.userId : `key:${p.keyPrefix}`;
        return settings.set(p.tenantId, req.body.enabled, req.body.reason, actor);
      },
    );
  }
};
