import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../kernel/index.ts';
import { platformAuth, platformOf } from './http-platform-auth.ts';
import type { HubStore } from './store/port.ts';
import type { Witness } from './witness-service.ts';

/**
 * C2SP tlog-witness add-checkpoint, with platform authentication on top (the spec's own check, the
 * checkpoint signature, still decides). 200: cosignature line(s); 409: `text/x.tlog.size` latest size.
 */
export const witnessRoutes: FastifyPluginAsync<{
  witness: Witness;
  store: HubStore;
  clock: Clock;
  verifierKey: string;
}> = async (app, { witness, store, clock, verifierKey }) => {
  const tags = ['hub witness'];
  app.get(
    '/v1/hub/witness/key',
    { schema: { tags, summary: "The witness's cosignature/v1 verifier key (pin it on the platform: ZHILI_HUB_KEY)" } },
    async (_req, reply) => reply.type('text/plain; charset=utf-8').send(`${verifierKey}\n`),
  );
  app.post(
    '/v1/hub/witness/add-checkpoint',
    {
      preHandler: platformAuth({ store, clock }),
      schema: {
        tags,
        summary: 'Submit a signed checkpoint with a consistency proof; returns the cosignature (C2SP tlog-witness)',
        body: Type.String({ maxLength: 65_536 }),
      },
    },
    async (req, reply) => {
      const body = typeof req.body === 'string' ? req.body : '';
      const answer = await witness.addCheckpoint(body, platformOf(req));
      if (answer.status === 409) return reply.code(409).type('text/x.tlog.size').send(`${answer.latestSize}\n`);
      return reply.type('text/plain; charset=utf-8').send(answer.cosignature);
    },
  );
};
