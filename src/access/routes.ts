import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { roles } from '../store/index.ts';
import { bearerToken, principalOf, requirePermission } from './http-auth.ts';
import type { AccessService } from './service.ts';

const ErrorRef = Type.Ref('ErrorBody');

const LoginBody = Type.Object(
  {
    tenantId: Type.String({ minLength: 1, maxLength: 64 }),
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

const UserOut = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.Number(),
});

const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    roles: Type.Array(Type.Union(roles.map((r) => Type.Literal(r))), { minItems: 1, maxItems: 4 }),
  },
  { additionalProperties: false },
);

/** Operator login and user management. */
export const accessRoutes: FastifyPluginAsyncTypebox<{ access: AccessService }> = async (app, { access }) => {
  app.post(
    '/v1/auth/login',
    {
      schema: {
        tags: ['operators'],
        summary: 'Operator login: returns a bearer token for the operator API',
        body: LoginBody,
        response: {
          200: Type.Object({ token: Type.String(), expiresAt: Type.Number(), user: UserOut }),
          401: ErrorRef,
        },
      },
    },
    async (req) => {
      return access.login(req.body.tenantId, req.body.username, req.body.password);
    },
  );

  app.post(
    '/v1/auth/logout',
    { schema: { tags: ['operators'], summary: 'End the session of this token' } },
    async (req, reply) => {
      const t = bearerToken(req);
      if (t) await access.logout(t);
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/me',
    {
      preHandler: requirePermission(access, 'tenant:read'),
      schema: { tags: ['operators'], summary: 'Who am I', response: { 401: ErrorRef } },
    },
    async (req) => principalOf(req),
  );

  app.post(
    '/v1/users',
    {
      preHandler: requirePermission(access, 'users:manage'),
      schema: {
        tags: ['operators'],
        summary: 'Create an operator in your tenant (admin)',
        body: CreateUserBody,
        response: { 201: UserOut, 400: ErrorRef, 403: ErrorRef, 409: ErrorRef },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const user = await access.createUser({
        tenantId: p.tenantId,
        ...req.body,
        actorId: p.kind === 'operator' ? p.userId : p.keyPrefix,
      });
      return reply.code(201).send(user);
    },
  );
};
