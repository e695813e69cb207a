import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { roles } from '../store/index.ts';
import { bearerToken, principalOf, requirePermission } from './http-auth.ts';
import { LoginLockedError, type AccessService } from './service.ts';
import { actorOf, type AccessAdmin } from './admin.ts';
import { adminRoutes } from './routes-admin.ts';

const ErrorRef = Type.Ref('ErrorBody');

// Tenant ids are generated (`ten_…`); anything else is refused before it reaches a store or the ledger.
const LoginBody = Type.Object(
  {
    tenantId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
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
  pendingGrant: Type.Optional(Type.String({ description: 'Roles admin/approver wait for a second administrator' })),
});

const MeOut = Type.Object({
  kind: Type.Union([Type.Literal('operator'), Type.Literal('apiKey')]),
  tenantId: Type.String(),
  userId: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  roles: Type.Optional(Type.Array(Type.String())),
  keyPrefix: Type.Optional(Type.String()),
  tenant: Type.Object({
    id: Type.String(),
    name: Type.String(),
    timeZone: Type.String({ description: 'IANA time zone: dates in the console and deadlines use it' }),
  }),
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
export const accessRoutes: FastifyPluginAsyncTypebox<{ access: AccessService; admin?: AccessAdmin }> = async (
  app,
  { access, admin },
) => {
  app.post(
    '/v1/auth/login',
    {
      schema: {
        tags: ['operators'],
        summary: 'Operator login: returns a bearer token for the operator API',
        body: LoginBody,
        response: {
          200: Type.Object({ token: Type.String(), expiresAt: Type.Number(), user: UserOut }),
          400: ErrorRef,
          401: ErrorRef,
          429: ErrorRef,
        },
      },
    },
    async (req, reply) => {
      try {
        return await access.login(req.body.tenantId, req.body.username, req.body.password, req.ip);
      } catch (e) {
        if (e instanceof LoginLockedError) void reply.header('retry-after', String(e.retryAfterSeconds));
        throw e;
      }
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
      schema: {
        tags: ['operators'],
        summary: "Who am I, and my tenant's settings (its time zone for dates)",
        response: { 200: MeOut, 401: ErrorRef },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const t = await access.deps.store.getTenant(p.tenantId);
      return { ...p, tenant: { id: p.tenantId, name: t?.name ?? '', timeZone: t?.timeZone ?? 'Asia/Shanghai' } };
    },
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
      const actor = actorOf(p);
      // Admin and approver are granted only through a second administrator: the operator is created
      // with the other roles, and a grant for the rest waits for approval.
      const wanted = [...new Set(req.body.roles)];
      const raises = wanted.filter((r) => r === 'admin' || r === 'approver');
      const user = await access.createUser({
        tenantId: p.tenantId,
        ...req.body,
        roles: wanted.filter((r) => r !== 'admin' && r !== 'approver'),
        actorId: actor.actorId,
      });
      if (raises.length === 0 || !admin) return reply.code(201).send(user);
      const r = await admin.setRoles(actor, user.id, wanted);
      return reply.code(201).send({ ...user, ...(r.status === 'pending' ? { pendingGrant: r.grant.id } : {}) });
    },
  );

  if (admin) await app.register(adminRoutes, { access, admin });
};
