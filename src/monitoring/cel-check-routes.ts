import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { compile, T, typeName } from './core/cel/index.ts';
import type { FeatureSpec } from './core/features/spec.ts';
import { featureFilterEnv, ruleEnv } from './core/rules/cel-env.ts';
import type { DecisionEngine } from './engine.ts';

const ErrorRef = Type.Ref('ErrorBody');

const CheckBody = Type.Object(
  {
    expression: Type.String({ maxLength: 20_000, description: 'CEL source; lines and columns count from 1' }),
    context: Type.Optional(
      Type.Union([Type.Literal('rule'), Type.Literal('feature')], {
        description: 'A rule expression (default) or a feature `when` filter: they see different variables',
      }),
    ),
    version: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "Check against this stored version's features and lists; else the active rule set's",
      }),
    ),
  },
  { additionalProperties: false },
);

const CheckReply = Type.Object({
  ok: Type.Boolean(),
  type: Type.Optional(Type.String({ description: 'The type of the expression when it compiles' })),
  errors: Type.Array(
    Type.Object({
      line: Type.Integer({ minimum: 1 }),
      column: Type.Integer({ minimum: 1, description: 'UTF-16 code units, from 1' }),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});

/** The features and lists a rule set document declares, read leniently: a broken draft still checks. */
function declared(doc: unknown): { features: FeatureSpec[]; lists: Record<string, unknown> } {
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as { features?: unknown; lists?: unknown };
  const features = Array.isArray(d.features)
    ? (d.features as unknown[]).filter(
        (f): f is FeatureSpec => typeof f === 'object' && f !== null && typeof (f as { id?: unknown }).id === 'string',
      )
    : [];
  const lists = typeof d.lists === 'object' && d.lists !== null ? (d.lists as Record<string, unknown>) : {};
  return { features, lists };
}

/**
 * `POST /v1/cel:check`: the server's own CEL checker on one expression, for the console's editor. The same
 * compile as a rule set's (rules/compile.ts), in the same environment, so what passes here passes there.
 */
export const celCheckRoutes: FastifyPluginAsyncTypebox<{
  engine: DecisionEngine;
  access: AccessService;
  store: Store;
}> = async (app, { engine, access, store }) => {
  app.post(
    '/v1/cel::check',
    {
      preHandler: requirePermission(access, 'rulesets:read'),
      schema: {
        tags: ['rules'],
        summary: 'Check one CEL expression: its type, or every error with line and column',
        description:
          'Rules must be bool. The variables are those a rule (or a feature filter) of the given version sees: event, features, party, lists, screening.',
        body: CheckBody,
        response: { 200: CheckReply, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      let doc: unknown = engine.runtime(tenantId)?.ruleSet.spec;
      if (req.body.version !== undefined) {
        const stored = await store.getRuleSet(tenantId, req.body.version);
        if (!stored) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
        doc = stored.content;
      }
      const { features, lists } = declared(doc);
      const env = req.body.context === 'feature' ? featureFilterEnv(lists) : ruleEnv(features, lists);
      const r = compile(req.body.expression, env, { expect: T.bool });
      if (r.ok) return { ok: true, type: typeName(r.type), errors: [] };
      return {
        ok: false,
        errors: r.errors.map((e) => ({ line: e.line, column: e.column, code: e.code, message: e.message })),
      };
    },
  );
};
