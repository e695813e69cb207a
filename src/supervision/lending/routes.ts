import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { errorHandler, typeboxValidatorCompiler } from '../../http/index.ts';
import { parseTimestamp, ZhiliError } from '../../kernel/index.ts';
import type { PlatformStatus } from '../core/status.ts';
import { lendingAllowed, type LendingAct } from './core/standing.ts';
import type { KeyHolder } from './key-holder.ts';
import type { Registry } from './registry.ts';
import {
  AuditQuerySchema,
  EvaluateBodySchema,
  EvaluateResponseSchema,
  KeyResponseSchema,
  PutLoansBodySchema,
  PutLoansResponseSchema,
  QueryBodySchema,
  QueryResponseSchema,
  type AuditQuery,
} from './schemas.ts';
import type { AuditFilter } from './store.ts';

export interface MultiLendingRoutesOptions {
  /** Who is calling: the hub's platform authentication (signed requests); throws ZHILI_E_UNAUTHENTICATED. */
  authenticatePlatform: (req: FastifyRequest) => Promise<{ platformId: string }>;
  /** Who may read the audit; without it the audit routes are not served. */
  authenticateSupervisor?: (req: FastifyRequest) => Promise<{ supervisorId: string }>;
  /** Serve the key holder's routes (`/v1/hub/oprf/…`) from this process. */
  keyHolder?: KeyHolder;
  /** Serve the registry's routes (`/v1/hub/loans…`) from this process. */
  registry?: Registry;
  /**
   * The platform's licence status at the hub, for the registry's routes (core/standing.ts): a suspended
   * platform reports loans but checks no applicant. Without it every registered platform is served.
   */
  standing?: (platformId: string) => Promise<PlatformStatus | undefined>;
}

const auditFilter = (q: AuditQuery): AuditFilter => {
  const at = (s: string | undefined, pointer: string): number | undefined => {
    if (s === undefined) return undefined;
    const t = parseTimestamp(s);
    if (t === undefined) throw new ZhiliError('ZHILI_E_TIMESTAMP', { pointer });
    return t;
  };
  const from = at(q.from, '/querystring/from');
  const to = at(q.to, '/querystring/to');
  return {
    ...(q.platformId === undefined ? {} : { platformId: q.platformId }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(q.limit === undefined ? {} : { limit: Number(q.limit) }),
  };
};

const iso = (t: number): string => new Date(t).toISOString();
const Err = { type: 'object', additionalProperties: true } as const;

/**
 * The private multi-lending check over HTTP, for the hub to register: the key holder's evaluation
 * (`POST /v1/hub/oprf/evaluate`, `GET /v1/hub/oprf/key`) and the registry's loans and queries
 * (`PUT /v1/hub/loans`, `POST /v1/hub/loans/query`), each only if its service is given — deployed
 * apart, each process serves one. Supervisors read the audit of both (`GET …/evaluations`, `GET …/queries`).
 * Errors carry the catalogue's codes.
 */
export const multiLendingRoutes: FastifyPluginAsyncTypebox<MultiLendingRoutesOptions> = async (app, o) => {
  // The server's own validator and error mapping, set here too: the hub may register this plugin alone.
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  // Authenticated before the body is validated, so an unknown caller learns nothing about the schema.
  const platforms = new WeakMap<FastifyRequest, string>();
  const authenticated = async (req: FastifyRequest): Promise<void> => {
    platforms.set(req, (await o.authenticatePlatform(req)).platformId);
  };
  const platform = async (req: FastifyRequest): Promise<string> => {
    const id = platforms.get(req);
    if (id === undefined) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    return id;
  };
  /** The caller, once its licence status allows `act`. */
  const platformFor = async (req: FastifyRequest, act: LendingAct): Promise<string> => {
    const id = await platform(req);
    if (o.standing && !lendingAllowed(await o.standing(id), act)) throw new ZhiliError('ZHILI_E_PLATFORM_STANDING');
    return id;
  };
  const supervisor = async (req: FastifyRequest): Promise<void> => {
    if (!o.authenticateSupervisor) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    await o.authenticateSupervisor(req);
  };
  const tags = ['supervision'];

  const kh = o.keyHolder;
  if (kh) {
    app.get(
      '/v1/hub/oprf/key',
      {
        schema: {
          tags,
          summary: 'The key holder’s OPRF public key, for platforms to pin',
          response: { 200: KeyResponseSchema },
        },
      },
      async () => kh.key(),
    );
    app.post(
      '/v1/hub/oprf/evaluate',
      {
        bodyLimit: 200 * 1024,
        preValidation: authenticated,
        schema: {
          tags,
          summary: 'Evaluate blinded identity elements (RFC 9497 VOPRF, ristretto255-SHA512), with a batch proof',
          body: EvaluateBodySchema,
          response: { 200: EvaluateResponseSchema, 400: Err, 401: Err, 409: Err, 429: Err },
        },
      },
      async (req) => kh.evaluate(await platform(req), req.body),
    );
    if (o.authenticateSupervisor)
      app.get(
        '/v1/hub/oprf/evaluations',
        {
          schema: {
            tags,
            summary: 'Audit of evaluations: platform, time, count, purpose',
            querystring: AuditQuerySchema,
          },
        },
        async (req) => {
          await supervisor(req);
          const rows = await kh.evaluations(auditFilter(req.query));
          return { evaluations: rows.map((r) => ({ ...r, at: iso(r.at) })) };
        },
      );
  }

  const reg = o.registry;
  if (reg) {
    app.put(
      '/v1/hub/loans',
      {
        bodyLimit: 1024 * 1024,
        preValidation: authenticated,
        schema: {
          tags,
          summary: 'Register or update outstanding loans under applicants’ tokens (per-item outcome)',
          body: PutLoansBodySchema,
          response: { 200: PutLoansResponseSchema, 400: Err, 401: Err, 403: Err, 409: Err },
        },
      },
      async (req) => ({ results: await reg.putLoans(await platformFor(req, 'register'), req.body) }),
    );
    app.post(
      '/v1/hub/loans/query',
      {
        preValidation: authenticated,
        schema: {
          tags,
          summary: 'Totals for one applicant’s token: other platforms lending and their outstanding sum',
          body: QueryBodySchema,
          response: { 200: QueryResponseSchema, 400: Err, 401: Err, 403: Err, 409: Err },
        },
      },
      async (req) => reg.query(await platformFor(req, 'query'), req.body),
    );
    if (o.authenticateSupervisor)
      app.get(
        '/v1/hub/loans/queries',
        {
          schema: {
            tags,
            summary: 'Audit of queries: token digest, platform, time, application',
            querystring: AuditQuerySchema,
          },
        },
        async (req) => {
          await supervisor(req);
          const rows = await reg.queries(auditFilter(req.query));
          return { queries: rows.map((r) => ({ ...r, at: iso(r.at) })) };
        },
      );
  }
};
