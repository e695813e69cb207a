/**
 * The public consumer area at `/portal/{tenant}` (id or name slug): file a complaint and follow it with
 * the reference number and follow-up code, the risk questionnaire and categories, the disclosures; and,
 * signed in with a one-time code from the platform, the consumer's own category, questionnaire,
 * recommendations and lessons (account-routes.ts). No script: plain forms that post and redirect. Filing and following are rate-limited per IP;
 * a wrong reference or code gets the same 404 as an unknown one, and the code is checked before any read.
 */
import rateLimit from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toZhiliError } from '../http/index.ts';
import { ZhiliError } from '../kernel/index.ts';
import type { ComplaintActor, ComplaintService, SuitabilityModule } from '../protection/index.ts';
import { accountRoutes } from './account-routes.ts';
import { FollowUpCodes } from './followup.ts';
import type { ConsumerIdentity } from './identity.ts';
import { complaintForm, complaintPage, followForm, homePage, messagePage, type PageCtx } from './pages.ts';
import { riskPage, type QuestionnaireSource } from './risk.ts';
import { langOf, t, type Lang } from './words.ts';

export interface PortalTenant {
  id: string;
  name: string;
  /** IANA zone the consumer's dates are shown in (default Asia/Shanghai). */
  timeZone?: string | undefined;
}

export interface ConsumerPortalOptions {
  tenants: { get(id: string): Promise<PortalTenant | undefined>; list(): Promise<PortalTenant[]> };
  complaints: ComplaintService;
  questionnaires: QuestionnaireSource;
  master: { key: Buffer };
  /** Sign-in codes and consumer sessions. */
  identity: ConsumerIdentity;
  /** The signed-in consumer's own questionnaire, category, recommendations and lessons. */
  suitability: SuitabilityModule['self'];
  /**
   * Per IP and window: complaints filed, follow-up look-ups, sign-in attempts (default 5, 30 and 20 per
   * 10 minutes; 20 guesses at a 60-bit code that lives 15 minutes are nothing).
   */
  limits?: { file: number; follow: number; signIn?: number; windowMs: number } | undefined;
}

const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const Tenant = Type.String({ minLength: 1, maxLength: 128 });
const Ref = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const Code = Type.String({ maxLength: 32 });
const Lang_ = Type.Optional(Type.String({ maxLength: 8 }));
const TenantParams = Type.Object({ tenant: Tenant });
const LangQuery = Type.Object({ lang: Lang_ });
const FileBody = Type.Object(
  {
    category: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    cause: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Type.Optional(Type.String({ pattern: '^[0-9 +()-]{0,32}$' })),
    customer: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{0,64}$' })),
    lang: Lang_,
  },
  { additionalProperties: false },
);
const FollowBody = Type.Object(
  { ref: Type.String({ maxLength: 64 }), code: Code, lang: Lang_ },
  { additionalProperties: false },
);
const FollowQuery = Type.Object({ code: Type.Optional(Code), lang: Lang_, filed: Type.Optional(Type.Literal('1')) });

/** The portal files and reads as itself; never reveals personal data, never approves. */
const portalActor = (tenantId: string): ComplaintActor => ({
  tenantId,
  actorId: 'portal',
  permissions: ['complaints:read', 'complaints:write'],
  approver: false,
});

const field = (x: unknown, k: string): unknown =>
  typeof x === 'object' && x !== null && k in x ? (x as Record<string, unknown>)[k] : undefined;
const langOfReq = (req: FastifyRequest): Lang => langOf(field(req.query, 'lang') ?? field(req.body, 'lang'));
const blank = (s: string | undefined): string | undefined =>
  s === undefined || s.trim() === '' ? undefined : s.trim();

export const consumerPortalRoutes: FastifyPluginAsyncTypebox<ConsumerPortalOptions> = async (app, o) => {
  const codes = new FollowUpCodes(o.master);
  const limits = o.limits ?? { file: 5, follow: 30, signIn: 20, windowMs: 600_000 };
  const hide = { hide: true };
  await app.register(rateLimit, { global: false, keyGenerator: (req) => req.ip });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  async function tenantOf(key: string): Promise<PortalTenant> {
    const byId = await o.tenants.get(key);
    if (byId) return byId;
    const matches = (await o.tenants.list()).filter((x) => slugOf(x.name) === key);
    if (matches.length !== 1) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/tenant' });
    return matches[0]!;
  }
  const ctxOf = (req: FastifyRequest, tenant: string, name: string, self: string): PageCtx => ({
    lang: langOfReq(req),
    tenantName: name,
    base: `/portal/${encodeURIComponent(tenant)}`,
    self,
  });
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  // Errors as a page in the consumer's language, never the API's JSON and never a detail.
  app.setErrorHandler(async (err, req, reply) => {
    const status = field(err, 'statusCode') === 429 ? 429 : toZhiliError(err).status;
    const kind = status === 429 ? 'tooMany' : status === 404 ? 'notFound' : status < 500 ? 'invalid' : 'failed';
    if (kind === 'failed') req.log.error({ err }, 'portal page failed');
    const p = field(req.params, 'tenant');
    const tenant = typeof p === 'string' ? p : '';
    // The switch goes to the tenant's home: the failed URL (a reference, a code) is never echoed.
    const c = ctxOf(req, tenant, tenant, `/portal/${encodeURIComponent(tenant)}`);
    return html(reply, messagePage(c, t(c.lang, 'home'), t(c.lang, kind)), kind === 'notFound' ? 404 : status);
  });

  accountRoutes(app, {
    identity: o.identity,
    suitability: o.suitability,
    tenantOf,
    ctxOf,
    html,
    signInLimit: { max: limits.signIn ?? 20, windowMs: limits.windowMs },
  });

  app.get(
    '/portal/:tenant',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const x = await tenantOf(req.params.tenant);
      const c = ctxOf(req, req.params.tenant, x.name, `/portal/${encodeURIComponent(req.params.tenant)}`);
      return html(reply, homePage(c));
    },
  );

  app.get(
    '/portal/:tenant/complaints/new',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const x = await tenantOf(req.params.tenant);
      const c = ctxOf(
        req,
        req.params.tenant,
        x.name,
        `/portal/${encodeURIComponent(req.params.tenant)}/complaints/new`,
      );
      return html(reply, complaintForm(c, await o.complaints.table(x.id)));
    },
  );

  app.post(
    '/portal/:tenant/complaints',
    {
      schema: { ...hide, params: TenantParams, body: FileBody },
      config: { rateLimit: { max: limits.file, timeWindow: limits.windowMs } },
    },
    async (req, reply) => {
      const x = await tenantOf(req.params.tenant);
      const b = req.body;
      const name = blank(b.name);
      const phone = blank(b.phone);
      const v = await o.complaints.file(portalActor(x.id), {
        customerId: blank(b.customer) ?? 'anonymous',
        channel: 'portal',
        category: b.category,
        cause: b.cause,
        description: b.description,
        ...(name || phone ? { complainant: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
      });
      const q = new URLSearchParams({ code: codes.codeOf(x.id, v.id), filed: '1' });
      if (langOf(b.lang) === 'en') q.set('lang', 'en');
      return reply.redirect(`/portal/${encodeURIComponent(req.params.tenant)}/complaints/${v.id}?${q.toString()}`, 303);
    },
  );

  app.get(
    '/portal/:tenant/complaints',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const x = await tenantOf(req.params.tenant);
      const c = ctxOf(req, req.params.tenant, x.name, `/portal/${encodeURIComponent(req.params.tenant)}/complaints`);
      return html(reply, followForm(c));
    },
  );

  app.post(
    '/portal/:tenant/complaints/follow',
    {
      schema: { ...hide, params: TenantParams, body: FollowBody },
      config: { rateLimit: { max: limits.follow, timeWindow: limits.windowMs } },
    },
    async (req, reply) => {
      await tenantOf(req.params.tenant);
      const ref = req.body.ref.trim();
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(ref)) throw new ZhiliError('ZHILI_E_NOT_FOUND');
      const q = new URLSearchParams({ code: req.body.code.trim() });
      if (langOf(req.body.lang) === 'en') q.set('lang', 'en');
      return reply.redirect(`/portal/${encodeURIComponent(req.params.tenant)}/complaints/${ref}?${q.toString()}`, 303);
    },
  );

  app.get(
    '/portal/:tenant/complaints/:ref',
    {
      schema: { ...hide, params: Type.Object({ tenant: Tenant, ref: Ref }), querystring: FollowQuery },
      config: { rateLimit: { max: limits.follow, timeWindow: limits.windowMs } },
    },
    async (req, reply) => {
      const x = await tenantOf(req.params.tenant);
      const code = req.query.code ?? '';
      // The code first: without it nothing is read, so a wrong code cannot tell whether the reference exists.
      if (!codes.matches(x.id, req.params.ref, code)) throw new ZhiliError('ZHILI_E_NOT_FOUND');
      const v = await o.complaints.view(portalActor(x.id), req.params.ref);
      if (v.channel !== 'portal') throw new ZhiliError('ZHILI_E_NOT_FOUND');
      const base = `/portal/${encodeURIComponent(req.params.tenant)}`;
      const c = ctxOf(req, req.params.tenant, x.name, `${base}/complaints/${v.id}?code=${encodeURIComponent(code)}`);
      return html(reply, complaintPage(c, v, await o.complaints.table(x.id), code, req.query.filed === '1'));
    },
  );

  app.get(
    '/portal/:tenant/risk',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const x = await tenantOf(req.params.tenant);
      const c = ctxOf(req, req.params.tenant, x.name, `/portal/${encodeURIComponent(req.params.tenant)}/risk`);
      return html(reply, riskPage(c, await o.questionnaires.questionnaire(x.id)));
    },
  );
};
