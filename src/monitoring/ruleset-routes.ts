import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { allows, principalOf, requirePermission, type AccessService, type Permission } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import type { DecisionEngine } from './engine.ts';
import { viewOf, type Actor, type RuleSetLifecycle } from './ruleset-lifecycle.ts';

const ErrorRef = Type.Ref('ErrorBody');
const StatusSchema = Type.Unsafe<string>({
  type: 'string',
  enum: ['draft', 'submitted', 'approved', 'active', 'rejected', 'superseded'],
});
const ViewSchema = Type.Object({
  version: Type.String(),
  status: StatusSchema,
  active: Type.Boolean(),
  shadow: Type.Boolean(),
  createdAt: Type.Integer(),
  createdBy: Type.String(),
});
const HistorySchema = Type.Array(
  Type.Object({
    action: Type.String(),
    fromStatus: Type.Union([StatusSchema, Type.Null()]),
    toStatus: StatusSchema,
    actorId: Type.String(),
    at: Type.String({ description: 'RFC 3339, UTC' }),
    note: Type.Optional(Type.String()),
  }),
);

const verbs = ['submit', 'approve', 'reject', 'activate', 'shadow', 'unshadow', 'rollback'] as const;
type Verb = (typeof verbs)[number];
/** Who may take each step; four eyes is then checked by the lifecycle itself. */
const verbPermission: Record<Verb, Permission> = {
  submit: 'rulesets:write',
  approve: 'rulesets:approve',
  reject: 'rulesets:approve',
  activate: 'rulesets:write',
  shadow: 'rulesets:write',
  unshadow: 'rulesets:write',
  rollback: 'rulesets:rollback',
};

/** The optional body `{"note": "…"}` (no body at all is fine). */
function noteOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  const note = typeof body === 'object' ? (body as { note?: unknown }).note : 0;
  if (note === undefined) return undefined;
  if (typeof note === 'string' && note.length <= 2000) return note;
  throw new ZhiliError('ZHILI_E_VALIDATION', {
    pointer: '/note',
    message: 'The body is {"note": "…"} with at most 2,000 characters.',
    messageZh: '请求体应为 {"note": "…"}，说明最多 2,000 个字符。',
  });
}

function actorOf(req: Parameters<typeof principalOf>[0]): Actor {
  const p = principalOf(req);
  return { tenantId: p.tenantId, actorId: p.kind === 'operator' ? p.userId : p.keyPrefix };
}

/** Rule-set versions and their four-eyes lifecycle (docs/rules.md, "Lifecycle"). */
export const ruleSetRoutes: FastifyPluginAsyncTypebox<{
  engine: DecisionEngine;
  access: AccessService;
  store: Store;
  lifecycle: RuleSetLifecycle;
}> = async (app, { engine, access, store, lifecycle }) => {
  app.get(
    '/v1/rulesets',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['rules'],
        summary: "The tenant's rule set versions with their lifecycle status; the active one marked",
        response: { 200: Type.Array(ViewSchema) },
      },
    },
    async (req) => (await store.listRuleSets(principalOf(req).tenantId)).map(viewOf),
  );

  app.get(
    '/v1/rulesets/active',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: { tags: ['rules'], summary: 'The active rule set document' },
    },
    async (req) => {
      const rt = engine.runtime(principalOf(req).tenantId);
      if (!rt) throw new ZhiliError('ZHILI_E_NOT_FOUND');
      return rt.ruleSet.spec;
    },
  );

  app.get(
    '/v1/rulesets/:version',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['rules'],
        summary: 'One version: status, document, and its history (who did what, when)',
        params: Type.Object({ version: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          200: Type.Composite([ViewSchema, Type.Object({ content: Type.Unknown(), history: HistorySchema })]),
          404: ErrorRef,
        },
      },
    },
    async (req) => {
      const { record, history } = await lifecycle.get(principalOf(req).tenantId, req.params.version);
      return {
        ...viewOf(record),
        content: record.content,
        history: history.map((h) => ({
          action: h.action,
          fromStatus: h.fromStatus,
          toStatus: h.toStatus,
          actorId: h.actorId,
          at: new Date(h.at).toISOString(),
          ...(h.note === undefined ? {} : { note: h.note }),
        })),
      };
    },
  );

  app.post(
    '/v1/rulesets',
    {
      preHandler: requirePermission(access, 'rulesets:write'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['rules'],
        summary: 'Store a new rule set version as a draft (compiled first; errors name the field)',
        description:
          'Nothing goes live here: submit the draft, have another operator with the approver role approve it, then activate it.',
        body: Type.Unknown(),
        response: { 201: ViewSchema, 409: ErrorRef, 422: ErrorRef },
      },
    },
    async (req, reply) => reply.code(201).send(await lifecycle.create(actorOf(req), req.body)),
  );

  app.post(
    '/v1/rulesets/:target',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['rules'],
        summary: `A lifecycle step: POST /v1/rulesets/{version}:{${verbs.join('|')}}`,
        description:
          'approve and reject need the approver role and a different operator than the author and submitter (ZHILI_E_FOUR_EYES); rollback (admin) re-activates an earlier approved version and needs a reason. Optional body: {"note": "…"}, kept in the history.',
        params: Type.Object({
          target: Type.String({ pattern: `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}:(${verbs.join('|')})$` }),
        }),
        response: { 200: ViewSchema, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef, 422: ErrorRef },
      },
    },
    async (req) => {
      const cut = req.params.target.lastIndexOf(':');
      const version = req.params.target.slice(0, cut);
      const verb = req.params.target.slice(cut + 1) as Verb;
      if (!allows(principalOf(req), verbPermission[verb])) throw new ZhiliError('ZHILI_E_FORBIDDEN');
      const a = actorOf(req);
      const note = noteOf(req.body);
      switch (verb) {
        case 'submit':
          return lifecycle.submit(a, version, note);
        case 'approve':
          return lifecycle.approve(a, version, note);
        case 'reject':
          return lifecycle.reject(a, version, note);
        case 'activate':
          return lifecycle.activate(a, version, note);
        case 'shadow':
          return lifecycle.shadow(a, version, true, note);
        case 'unshadow':
          return lifecycle.shadow(a, version, false, note);
        case 'rollback':
          if (!note?.trim()) {
            throw new ZhiliError('ZHILI_E_VALIDATION', {
              pointer: '/note',
              message: 'A rollback needs a reason in "note".',
              messageZh: '回滚须在 "note" 中说明原因。',
            });
          }
          return lifecycle.rollback(a, version, note);
      }
    },
  );
};
