import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { roles } from '../store/index.ts';
import { principalOf, requirePermission } from './http-auth.ts';
import { actorOf, type AccessAdmin } from './admin.ts';
import type { AccessService } from './service.ts';

const ErrorRef = Type.Ref('ErrorBody');
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const RoleList = Type.Array(Type.Union(roles.map((r) => Type.Literal(r))), { maxItems: 4 });
const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef };

const Operator = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.Number(),
  disabled: Type.Boolean(),
});
const Grant = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  userId: Type.String(),
  roles: Type.Array(Type.String()),
  status: Type.String(),
  proposedBy: Type.String(),
  proposedAt: Type.Number(),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.Number(), Type.Null()]),
});
const Key = Type.Object({
  id: Type.String(),
  prefix: Type.String(),
  createdAt: Type.Number(),
  label: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.Number(), Type.Null()]),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
  replacedBy: Type.Union([Type.String(), Type.Null()]),
});
const NewKey = Type.Object({
  apiKey: Type.String({ description: 'Shown once' }),
  id: Type.String(),
  prefix: Type.String(),
  oldKeyExpiresAt: Type.Optional(Type.Number()),
});
const UserParams = Type.Object({ userId: Id });
const GrantParams = Type.Object({ grantId: Id });
const KeyParams = Type.Object({ keyId: Type.String({ pattern: '^[0-9a-f]{16}$' }) });

/** Operator administration and API keys of the caller's tenant (admin role); every action is audited. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ access: AccessService; admin: AccessAdmin }> = async (
  app,
  { access, admin },
) => {
  const users = { preHandler: requirePermission(access, 'users:manage') };
  const keys = { preHandler: requirePermission(access, 'keys:manage') };
  const tags = ['operators'];

  app.get(
    '/v1/users',
    {
      ...users,
      schema: {
        tags,
        summary: 'Operators of your tenant',
        response: { 200: Type.Object({ users: Type.Array(Operator) }), ...errors },
      },
    },
    async (req) => ({ users: await admin.listUsers(actorOf(principalOf(req))) }),
  );
  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/v1/users/:userId/${action}`,
      {
        ...users,
        schema: {
          tags,
          summary: `${action === 'disable' ? 'Disable (ends sessions)' : 'Enable'} an operator`,
          params: UserParams,
          response: { 200: Operator, ...errors },
        },
      },
      async (req) => admin.setDisabled(actorOf(principalOf(req)), req.params.userId, disabled),
    );
  }
  app.put(
    '/v1/users/:userId/roles',
    {
      ...users,
      schema: {
        tags,
        summary: 'Set roles; granting admin or approver waits for a second administrator (202)',
        params: UserParams,
        body: Type.Object({ roles: RoleList }, { additionalProperties: false }),
        response: {
          200: Type.Object({ status: Type.Literal('applied'), user: Operator }),
          202: Type.Object({ status: Type.Literal('pending'), grant: Grant }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const r = await admin.setRoles(actorOf(principalOf(req)), req.params.userId, req.body.roles);
      return reply.code(r.status === 'pending' ? 202 : 200).send(r);
    },
  );
  app.post(
    '/v1/users/:userId/password',
    {
      ...users,
      schema: {
        tags,
        summary: 'Reset an operator password (ends their sessions)',
        params: UserParams,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await admin.resetPassword(actorOf(principalOf(req)), req.params.userId, req.body.password);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/v1/role-grants',
    {
      ...users,
      schema: {
        tags,
        summary: 'Role grants (admin, approver) and their four-eyes decisions',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
          ),
        }),
        response: { 200: Type.Object({ grants: Type.Array(Grant) }), ...errors },
      },
    },
    async (req) => ({ grants: await admin.listGrants(actorOf(principalOf(req)), req.query.status) }),
  );
  for (const [action, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post(
      `/v1/role-grants/:grantId/${action}`,
      {
        ...users,
        schema: {
          tags,
          summary: `${action} a role grant (a second administrator)`,
          params: GrantParams,
          response: { 200: Grant, ...errors },
        },
      },
      async (req) => admin.decideGrant(actorOf(principalOf(req)), req.params.grantId, approve),
    );
  }

  app.get(
    '/v1/api-keys',
    {
      ...keys,
      schema: {
        tags,
        summary: 'API keys of your tenant (never the keys themselves)',
        response: { 200: Type.Object({ keys: Type.Array(Key) }), ...errors },
      },
    },
    async (req) => ({ keys: await admin.listKeys(actorOf(principalOf(req))) }),
  );
  app.post(
    '/v1/api-keys',
    {
      ...keys,
      schema: {
        tags,
        summary: 'Create an API key (shown once)',
        body: Type.Optional(
          Type.Object({ label: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
        ),
        response: { 201: NewKey, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await admin.createKey(actorOf(principalOf(req)), req.body?.label)),
  );
  app.post(
    '/v1/api-keys/:keyId/rotate',
    {
      ...keys,
      schema: {
        tags,
        summary: 'A new key; the old one keeps working for the grace period (default 24 h)',
        params: KeyParams,
        body: Type.Optional(
          Type.Object(
            { graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 86_400 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 201: NewKey, ...errors },
      },
    },
    async (req, reply) => {
      const grace = req.body?.graceSeconds;
      const k = await admin.rotateKey(
        actorOf(principalOf(req)),
        req.params.keyId,
        grace === undefined ? undefined : grace * 1000,
      );
      return reply.code(201).send(k);
    },
  );
  app.post(
    '/v1/api-keys/:keyId/revoke',
    {
      ...keys,
      schema: {
        tags,
        summary: 'Revoke an API key at once',
        params: KeyParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await admin.revokeKey(actorOf(principalOf(req)), req.params.keyId);
      return reply.code(204).send(null);
    },
  );
};
