import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../../access/index.ts';
import { parseTimestamp, systemIds, ZhiliError, type Clock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import type { DecisionEngine } from '../engine.ts';
import type { AccountLabel, Labels } from '../importers/index.ts';
import { BacktestJobs, type BacktestInput, type BacktestJob } from './jobs.ts';

export const MAX_INLINE_EVENTS = 10_000;
const ErrorRef = Type.Ref('ErrorBody');

const BodySchema = Type.Object(
  {
    rules: Type.Optional(Type.Unknown({ description: 'A rule set document; or give `version`' })),
    version: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "One of the tenant's stored versions" }),
    ),
    events: Type.Optional(
      Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_INLINE_EVENTS, description: 'Zhili events' }),
    ),
    history: Type.Optional(
      Type.Object(
        {
          from: Type.String({ description: 'RFC 3339; event time, inclusive' }),
          to: Type.String({ description: 'RFC 3339; event time, exclusive' }),
        },
        { additionalProperties: false },
      ),
    ),
    labels: Type.Optional(
      Type.Object(
        {
          suspiciousAccounts: Type.Array(Type.String(), { description: 'Every other account counts as clean' }),
          suspiciousEvents: Type.Optional(Type.Array(Type.String())),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const JobSchema = Type.Object({
  id: Type.String(),
  status: Type.Unsafe<string>({ type: 'string', enum: ['queued', 'running', 'done', 'failed'] }),
  ruleSetVersion: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  startedAt: Type.Optional(Type.String()),
  finishedAt: Type.Optional(Type.String()),
  progress: Type.Object({ phase: Type.String(), done: Type.Integer(), total: Type.Integer() }),
  result: Type.Optional(Type.Unknown({ description: 'The backtest report (as `zhili backtest --json`)' })),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), messageZh: Type.String() })),
});

const stamp = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
const jobView = (j: BacktestJob) => ({
  id: j.id,
  status: j.status,
  ruleSetVersion: j.ruleSetVersion,
  createdAt: new Date(j.createdAt).toISOString(),
  createdBy: j.createdBy,
  startedAt: stamp(j.startedAt),
  finishedAt: stamp(j.finishedAt),
  progress: { ...j.progress },
  ...(j.result ? { result: j.result } : {}),
  ...(j.error ? { error: j.error } : {}),
});

function invalid(pointer: string, message: string, messageZh: string): ZhiliError {
  return new ZhiliError('ZHILI_E_VALIDATION', { pointer, message, messageZh });
}

function timeOf(s: string, pointer: string): number {
  const t = parseTimestamp(s);
  if (t === undefined) throw new ZhiliError('ZHILI_E_TIMESTAMP', { pointer });
  return t;
}

/** `POST /v1/backtests` and `GET /v1/backtests/{id}`: rule sets replayed on events, in the background. */
export const backtestRoutes: FastifyPluginAsyncTypebox<{
  engine: DecisionEngine;
  access: AccessService;
  store: Store;
  clock: Clock;
}> = async (app, { engine, access, store, clock }) => {
  const jobs = new BacktestJobs({ store, clock, ids: systemIds(), fx: engine.fx });

  app.post(
    '/v1/backtests',
    {
      preHandler: requirePermission(access, 'backtests:run'),
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags: ['backtests'],
        summary: 'Start a backtest: a rule set (document, stored version, or the active one) on events',
        description: `Data is either inline events (at most ${MAX_INLINE_EVENTS}) or the tenant's own stored events in an event-time range. Runs in the background; poll GET /v1/backtests/{id}. Jobs are kept in memory only.`,
        body: BodySchema,
        response: { 202: JobSchema, 400: ErrorRef, 403: ErrorRef, 404: ErrorRef, 422: ErrorRef },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const rt = engine.runtime(p.tenantId);
      if (!rt) throw new ZhiliError('ZHILI_E_NOT_FOUND');
      const b = req.body;
      if (b.rules !== undefined && b.version !== undefined) {
        throw invalid('/version', 'Give either "rules" or "version", not both.', '"rules" 与 "version" 只能给出其一。');
      }
      if ((b.events === undefined) === (b.history === undefined)) {
        throw invalid('/events', 'Give either "events" or "history".', '须给出 "events" 或 "history" 其中之一。');
      }
      let doc: unknown = rt.ruleSet.spec;
      if (b.rules !== undefined) doc = b.rules;
      if (b.version !== undefined) {
        const stored = await store.getRuleSet(p.tenantId, b.version);
        if (!stored) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
        doc = stored.content;
      }
      const rs = engine.compile(doc, rt.tenant.timeZone);
      let source: BacktestInput['source'];
      if (b.history) {
        const fromTime = timeOf(b.history.from, '/history/from');
        const toTime = timeOf(b.history.to, '/history/to');
        if (toTime <= fromTime) throw invalid('/history/to', '"to" must be after "from".', '"to" 须晚于 "from"。');
        source = { kind: 'history', fromTime, toTime };
      } else {
        source = { kind: 'events', events: b.events ?? [] };
      }
      let labels: Labels | undefined;
      if (b.labels) {
        const accounts = new Map<string, AccountLabel>(
          b.labels.suspiciousAccounts.map((a) => [a, { suspicious: true }]),
        );
        labels = b.labels.suspiciousEvents
          ? { accounts, transactions: new Set(b.labels.suspiciousEvents) }
          : { accounts };
      }
      const actorId = p.kind === 'operator' ? p.userId : p.keyPrefix;
      const job = jobs.submit(p.tenantId, actorId, { rs, source, ...(labels ? { labels } : {}) });
      return reply.code(202).header('location', `/v1/backtests/${job.id}`).send(jobView(job));
    },
  );

  app.get(
    '/v1/backtests/:id',
    {
      preHandler: requirePermission(access, 'backtests:run'),
      schema: {
        tags: ['backtests'],
        summary: "A backtest's status, progress and, once done, its report",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: JobSchema, 404: ErrorRef },
      },
    },
    async (req) => {
      const job = jobs.get(principalOf(req).tenantId, req.params.id);
      if (!job) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
      return jobView(job);
    },
  );
};
