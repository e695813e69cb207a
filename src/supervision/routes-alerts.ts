import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { HubAlerts } from './alerts-service.ts';
import type { HubStore } from './store/port.ts';
import type { Supervisor } from './supervisors.ts';
import * as S from './schemas.ts';
import type { FastifyRequest } from 'fastify';

/**
 * Supervisors' alert API: the list, one alert, and handling it — acknowledge, resolve, and a second
 * supervisor confirming the resolution of a rewritten-history or unknown-key alert. A step the alert's
 * state does not allow is 409 ZHILI_E_ALERT_STATE; the proposer confirming is 403 ZHILI_E_FOUR_EYES.
 */
export const alertRoutes: FastifyPluginAsyncTypebox<{
  alerts: HubAlerts;
  store: HubStore;
  who: (req: FastifyRequest) => Promise<Supervisor>;
}> = async (app, { alerts, store, who }) => {
  const tags = ['hub'];
  const err = { 400: S.ErrorRef, 401: S.ErrorRef, 403: S.ErrorRef, 404: S.ErrorRef, 409: S.ErrorRef };

  app.get(
    '/v1/hub/alerts',
    {
      schema: {
        tags,
        summary: 'Hub alerts: rewritten history, unknown keys, stale ledgers, disclosure mismatches',
        querystring: S.AlertQuery,
        response: { 200: Type.Object({ alerts: Type.Array(S.AlertOut) }), 400: S.ErrorRef, 401: S.ErrorRef },
      },
    },
    async (req) => {
      await who(req);
      const q = req.query;
      const list = await store.alerts({
        ...(q.platformId ? { platformId: q.platformId } : {}),
        ...(q.open ? { open: q.open === 'true' } : {}),
        limit: q.limit ? Number(q.limit) : 100,
      });
      return { alerts: await alerts.views(list) };
    },
  );
  app.get(
    '/v1/hub/alerts/:id',
    {
      schema: {
        tags,
        summary: 'One hub alert with its handling',
        params: S.IdParams,
        response: { 200: S.AlertOut, ...err },
      },
    },
    async (req) => {
      await who(req);
      return alerts.get(req.params.id);
    },
  );
  const steps = [
    ['acknowledge', 'Acknowledge an open alert (taking it on), with a note saying why', alerts.acknowledge],
    [
      'resolve',
      'Resolve an acknowledged alert with a resolution note; a rewritten-history or unknown-key alert is only proposed for resolution (state resolving) until a second supervisor confirms',
      alerts.resolve,
    ],
    [
      'confirm-resolution',
      'Confirm the proposed resolution of a rewritten-history or unknown-key alert (not its proposer), with a note',
      alerts.confirm,
    ],
    [
      'reject-resolution',
      'Send a proposed resolution back, with a note saying why (the alert is acknowledged again)',
      alerts.reject,
    ],
  ] as const;
  for (const [verb, summary, act] of steps)
    app.post(
      `/v1/hub/alerts/:id/${verb}`,
      {
        schema: { tags, summary, params: S.IdParams, body: S.AlertNoteBody, response: { 200: S.AlertOut, ...err } },
      },
      async (req) => act(req.params.id, req.body.note.trim(), await who(req)),
    );
};
