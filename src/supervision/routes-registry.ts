import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { bearerToken } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import type { HubAlerts } from './alerts-service.ts';
import type { Registry } from './registry.ts';
import type { HubStore, WitnessedCheckpoint } from './store/port.ts';
import type { Supervisor, Supervisors } from './supervisors.ts';
import * as S from './schemas.ts';

const checkpointOut = ({ size, rootHash, note, cosignature, at }: WitnessedCheckpoint) => ({
  size,
  rootHash,
  note,
  cosignature,
  at,
});

/** Supervisors' API: sign-in, platforms, status changes under four eyes (alerts: ./routes-alerts.ts). */
export const registryRoutes: FastifyPluginAsyncTypebox<{
  supervisors: Supervisors;
  registry: Registry;
  store: HubStore;
  alerts: HubAlerts;
}> = async (app, { supervisors, registry, store, alerts }) => {
  const who = (req: FastifyRequest): Promise<Supervisor> => supervisors.authenticate(bearerToken(req));
  const tags = ['hub'];
  const err = { 400: S.ErrorRef, 401: S.ErrorRef, 403: S.ErrorRef, 404: S.ErrorRef, 409: S.ErrorRef };

  app.post(
    '/v1/hub/auth/login',
    {
      schema: {
        tags,
        summary: 'Supervisor sign-in: a session token (zh_…)',
        body: S.LoginBody,
        response: {
          200: Type.Object({ token: Type.String(), expiresAt: Type.Number(), supervisor: S.SupervisorOut }),
          401: S.ErrorRef,
          429: S.ErrorRef,
        },
      },
    },
    async (req) => supervisors.login(req.body.username, req.body.password, req.ip),
  );
  app.post(
    '/v1/hub/auth/logout',
    { schema: { tags, response: { 204: Type.Null(), 401: S.ErrorRef } } },
    async (req, reply) => {
      await who(req);
      await supervisors.logout(bearerToken(req) ?? '');
      return reply.code(204).send(null);
    },
  );
  app.get('/v1/hub/me', { schema: { tags, response: { 200: S.SupervisorOut, 401: S.ErrorRef } } }, async (req) =>
    who(req),
  );
  app.post(
    '/v1/hub/supervisors',
    {
      schema: {
        tags,
        summary: 'Add a supervisor (admins)',
        body: S.NewSupervisorBody,
        response: { 201: S.SupervisorOut, ...err },
      },
    },
    async (req, reply) => {
      const by = await who(req);
      if (!by.admin)
        throw new ZhiliError('ZHILI_E_FORBIDDEN', {
          message: 'Only a hub administrator may do this.',
          messageZh: '只有枢纽管理员可以执行此操作。',
        });
      const s = await supervisors.create({ ...req.body, admin: req.body.admin ?? false }, by.id);
      return reply.code(201).send(s);
    },
  );

  app.post(
    '/v1/hub/platforms',
    {
      schema: {
        tags,
        summary: 'Register a platform (status applying)',
        body: S.NewPlatformBody,
        response: { 201: S.PlatformOut, ...err },
      },
    },
    async (req, reply) => reply.code(201).send(await registry.register(req.body, await who(req))),
  );
  app.get(
    '/v1/hub/platforms',
    {
      schema: {
        tags,
        summary: 'Every registered platform',
        response: { 200: Type.Object({ platforms: Type.Array(S.PlatformOut) }), 401: S.ErrorRef },
      },
    },
    async (req) => {
      await who(req);
      return { platforms: await registry.list() };
    },
  );
  app.get(
    '/v1/hub/platforms/:id',
    {
      schema: {
        tags,
        summary: 'One platform: record, latest witnessed checkpoint, open alerts',
        params: S.IdParams,
        response: {
          200: Type.Object({
            platform: S.PlatformOut,
            witnessed: Type.Union([S.CheckpointOut, Type.Null()]),
            openAlerts: Type.Array(S.AlertOut),
          }),
          ...err,
        },
      },
    },
    async (req) => {
      await who(req);
      const platform = await registry.get(req.params.id);
      const w = await store.witnessState(platform.id);
      return {
        platform,
        witnessed: w ? checkpointOut(w) : null,
        openAlerts: await alerts.views(await store.alerts({ platformId: platform.id, open: true, limit: 100 })),
      };
    },
  );
  app.get(
    '/v1/hub/platforms/:id/checkpoints',
    {
      schema: {
        tags,
        summary: 'Checkpoints the hub cosigned for the platform, newest first',
        params: S.IdParams,
        response: { 200: Type.Object({ checkpoints: Type.Array(S.CheckpointOut) }), ...err },
      },
    },
    async (req) => {
      await who(req);
      const p = await registry.get(req.params.id);
      return { checkpoints: (await store.checkpoints(p.id, 100)).map(checkpointOut) };
    },
  );
  app.put(
    '/v1/hub/platforms/:id/ledger-keys',
    {
      schema: {
        tags,
        summary: "Replace the platform's ledger verifier keys (admins)",
        params: S.IdParams,
        body: S.LedgerKeysBody,
        response: { 200: S.PlatformOut, ...err },
      },
    },
    async (req) => registry.setLedgerKeys(req.params.id, req.body.ledgerKeys, await who(req)),
  );
  app.get(
    '/v1/hub/platforms/:id/status-changes',
    {
      schema: {
        tags,
        summary: 'Status history: every proposal with who proposed and who decided',
        params: S.IdParams,
        response: { 200: Type.Object({ changes: Type.Array(S.ChangeOut) }), ...err },
      },
    },
    async (req) => {
      await who(req);
      await registry.get(req.params.id);
      return { changes: await registry.history(req.params.id) };
    },
  );
  app.post(
    '/v1/hub/platforms/:id/status-changes',
    {
      schema: {
        tags,
        summary: 'Propose a status change; a second supervisor approves it',
        params: S.IdParams,
        body: S.ProposeBody,
        response: { 201: S.ChangeOut, ...err },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await registry.propose(req.params.id, req.body.to, req.body.reason, await who(req))),
  );
  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const)
    app.post(
      `/v1/hub/status-changes/:id/${verb}`,
      {
        schema: {
          tags,
          summary: `${verb} a proposed status change (not its proposer)`,
          params: S.IdParams,
          response: { 200: S.ChangeOut, ...err },
        },
      },
      async (req) => registry.decide(req.params.id, decision, await who(req)),
    );
};
