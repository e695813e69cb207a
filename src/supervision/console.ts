/**
 * The console at the hub: the same React app the platform serves at /console (one build, one shell),
 * with the one public route it reads at start to learn it runs on a hub (`GET /v1/hub/info`), so it
 * shows the supervisor's sign-in and pages instead of the platform's. Also the supervisors' names the
 * status history shows (its records carry ids). Security headers as on the platform's console: scripts
 * and styles from this origin only, nothing may frame the pages.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { addSecurityHeaders, consoleRoutes } from '../http/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import { allowedNext, platformStatuses } from './core/status.ts';
import { ErrorRef, IdParams, Status } from './schemas.ts';
import type { HubStore } from './store/port.ts';
import type { Supervisor } from './supervisors.ts';

export const HubInfoOut = Type.Object({
  server: Type.Literal('hub'),
  name: Type.String(),
  nameZh: Type.String(),
  version: Type.String(),
  /** The status machine (core/status.ts): for each status, the ones a change may propose. */
  transitions: Type.Record(Type.String(), Type.Array(Status)),
});

export interface HubConsoleOptions {
  store: HubStore;
  version: string;
  authenticateSupervisor: (req: FastifyRequest) => Promise<Supervisor>;
  /** Where the built console is (tests); web/dist by default. */
  root?: string;
}

export const hubConsoleRoutes: FastifyPluginAsyncTypebox<HubConsoleOptions> = async (app, o) => {
  // The platform's headers and CSP, worked out once (not helmet per request).
  await addSecurityHeaders(app);
  const tags = ['hub'];
  app.get(
    '/v1/hub/info',
    {
      schema: {
        tags,
        summary: 'Which server this is (public): the console reads it to show the hub’s pages',
        response: { 200: HubInfoOut },
      },
    },
    async (_req, reply) =>
      reply.header('cache-control', 'no-store').send({
        server: 'hub' as const,
        name: 'Zhili supervision hub',
        nameZh: '治理监管枢纽',
        version: o.version,
        transitions: Object.fromEntries(platformStatuses.map((st) => [st, [...allowedNext(st)]])),
      }),
  );
  app.get(
    '/v1/hub/supervisors/:id',
    {
      schema: {
        tags,
        summary: 'A supervisor’s name (for the status history, whose records carry ids)',
        params: IdParams,
        response: {
          200: Type.Object({ id: Type.String(), username: Type.String() }),
          400: ErrorRef,
          401: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      await o.authenticateSupervisor(req);
      const s = await o.store.supervisor(req.params.id);
      if (!s) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
      return reply.header('cache-control', 'no-store').send({ id: s.id, username: s.username });
    },
  );
  await app.register(consoleRoutes, o.root ? { root: o.root } : {});
};
