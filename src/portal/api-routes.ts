/**
 * The platform's side of consumer sign-in: `POST /v1/portal/sign-in-codes` issues a one-time code for
 * one of its customers, to hand over in its own app or by text message. An API key (the platform's
 * backend) or an operator whose role may act for customers (admin, analyst) may issue one.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearerToken, type AccessService, type Principal } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import type { ConsumerIdentity } from './identity.ts';

export interface PortalApiOptions {
  access: AccessService;
  identity: ConsumerIdentity;
}

/** Roles that may issue a sign-in code (customer service acts for the customer; auditors only read). */
export const signInCodeRoles: readonly string[] = ['admin', 'analyst'];

const actorOf = (p: Principal): { tenantId: string; actorId: string } | undefined =>
  p.kind === 'apiKey'
    ? { tenantId: p.tenantId, actorId: `key:${p.keyPrefix}` }
    : p.roles.some((r) => signInCodeRoles.includes(r))
      ? { tenantId: p.tenantId, actorId: p.userId }
      : undefined;

const IssueBody = Type.Object(
  {
    customerId: Type.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:\\-]+$',
      description: "The platform's own customer id",
    }),
  },
  { additionalProperties: false },
);
const Issued = Type.Object({
  code: Type.String({ description: 'XXXX-XXXX-XXXX; shown once, works once' }),
  expiresAt: Type.String({ format: 'date-time' }),
  url: Type.String({ description: "The portal's sign-in page with the code filled in, relative to this server" }),
});

export const portalApiRoutes: FastifyPluginAsyncTypebox<PortalApiOptions> = async (app, o) => {
  app.post(
    '/v1/portal/sign-in-codes',
    {
      schema: {
        tags: ['portal'],
        summary: 'A one-time sign-in code for a customer to use on the consumer portal (15 minutes, once)',
        body: IssueBody,
        response: { 201: Issued },
      },
    },
    async (req, reply) => {
      const actor = actorOf(await o.access.authenticate(bearerToken(req)));
      if (!actor) throw new ZhiliError('ZHILI_E_FORBIDDEN');
      const issued = await o.identity.issue(actor, req.body.customerId);
      const q = new URLSearchParams({ code: issued.code });
      return reply.code(201).send({
        code: issued.code,
        expiresAt: new Date(issued.expiresAt).toISOString(),
        url: `/portal/${encodeURIComponent(actor.tenantId)}/sign-in?${q.toString()}`,
      });
    },
  );
};
