/**
 * The signed-in part of the portal: sign in with a one-time code, the consumer's category, the
 * questionnaire, recommendations and lessons, sign out. The session (cookie) names the tenant and the
 * customer; no page takes a customer id from the request, so a session can only ever show its own.
 * Every form posts with the session's form token; the sign-in form with a pre-session token (its cookie
 * is SameSite=Strict too), so no other site can post either.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ZhiliError } from '../kernel/index.ts';
import type { SuitabilityModule } from '../protection/index.ts';
import {
  accountPage,
  lessonsPage,
  questionnairePage,
  recommendationsPage,
  signInPage,
  type SelfQuestionnaire,
} from './account-pages.ts';
import { clearCookie, cookieOf, setCookie } from './cookies.ts';
import type { ConsumerIdentity, ConsumerSession } from './identity.ts';
import { messagePage, withLang, type PageCtx } from './pages.ts';
import { langOf, t, type Lang } from './words.ts';

export interface AccountDeps {
  identity: ConsumerIdentity;
  suitability: SuitabilityModule['self'];
  tenantOf(key: string): Promise<{ id: string; name: string; timeZone?: string | undefined }>;
  ctxOf(req: FastifyRequest, tenant: string, name: string, self: string): PageCtx;
  html(reply: FastifyReply, body: string, status?: number): FastifyReply;
  /** Sign-in attempts per IP and window. */
  signInLimit: { max: number; windowMs: number };
}

const PRE = 'zp_pre';
const sessionCookie = (tenantId: string): string => `zp_${tenantId.replace(/[^A-Za-z0-9_]/g, '_')}`;
const Lang_ = Type.Optional(Type.String({ maxLength: 8 }));
const TenantParams = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 128 }) });
const LangQuery = Type.Object({ lang: Lang_ });
const FormOnly = Type.Object({ form: Type.String({ maxLength: 64 }), lang: Lang_ }, { additionalProperties: false });
const SignInBody = Type.Object(
  { code: Type.String({ maxLength: 32 }), form: Type.String({ maxLength: 64 }), lang: Lang_ },
  { additionalProperties: false },
);
/** Radio answers `a/<question>`, checkboxes `m/<question>/<option>`, the form token and the language. */
const AnswersBody = Type.Record(Type.String(), Type.String({ maxLength: 200 }), { maxProperties: 600 });
const LessonParams = Type.Object({
  tenant: TenantParams.properties.tenant,
  lessonId: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$' }),
});
const sameText = (a: string, b: string | undefined): boolean =>
  b !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function accountRoutes(app: FastifyInstance, d: AccountDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const hide = { hide: true };
  const base = (tenant: string) => `/portal/${encodeURIComponent(tenant)}`;
  const to = (reply: FastifyReply, tenant: string, path: string, lang: Lang, query = '') =>
    reply.redirect(withLang(`${base(tenant)}${path}${query}`, lang), 303);

  /** The session of this tenant, or a redirect to sign in (nothing else happens without one). */
  async function signedIn(req: FastifyRequest, tenantKey: string, path: string) {
    const tenant = await d.tenantOf(tenantKey);
    const session = await d.identity.session(tenant.id, cookieOf(req, sessionCookie(tenant.id)));
    const c = d.ctxOf(req, tenantKey, tenant.name, `${base(tenantKey)}${path}`);
    return { tenant, session, c, formToken: session ? d.identity.formToken(session) : '' };
  }
  const checkForm = (s: ConsumerSession, body: unknown): void => {
    const given = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).form : undefined;
    if (!d.identity.formTokenMatches(s, given)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
  };

  r.get(
    '/portal/:tenant/sign-in',
    {
      schema: {
        ...hide,
        params: TenantParams,
        querystring: Type.Object({ lang: Lang_, code: Type.Optional(Type.String({ maxLength: 32 })) }),
      },
    },
    async (req, reply) => {
      const tenant = await d.tenantOf(req.params.tenant);
      const c = d.ctxOf(req, req.params.tenant, tenant.name, `${base(req.params.tenant)}/sign-in`);
      const pre = cookieOf(req, PRE) ?? randomBytes(18).toString('base64url');
      setCookie(req, reply, PRE, pre, 3600);
      return d.html(reply, signInPage(c, { code: req.query.code ?? '', formToken: pre, failed: false }));
    },
  );

  r.post(
    '/portal/:tenant/sign-in',
    {
      schema: { ...hide, params: TenantParams, body: SignInBody },
      config: { rateLimit: { max: d.signInLimit.max, timeWindow: d.signInLimit.windowMs } },
    },
    async (req, reply) => {
      const tenant = await d.tenantOf(req.params.tenant);
      const pre = cookieOf(req, PRE);
      if (!pre || !sameText(req.body.form, pre)) throw new ZhiliError('ZHILI_E_FORBIDDEN');
      const lang = langOf(req.body.lang);
      const started = await d.identity.signIn(tenant.id, req.body.code);
      if (!started) {
        // One answer for a mistyped, unknown, used or expired code: the same page, status and token.
        const c = d.ctxOf(req, req.params.tenant, tenant.name, `${base(req.params.tenant)}/sign-in`);
        return d.html(reply, signInPage(c, { code: '', formToken: pre, failed: true }), 400);
      }
      setCookie(req, reply, sessionCookie(tenant.id), started.token, Math.floor(d.identity.policy.absoluteMs / 1000));
      clearCookie(req, reply, PRE);
      return to(reply, req.params.tenant, '/me', lang);
    },
  );

  r.post(
    '/portal/:tenant/sign-out',
    { schema: { ...hide, params: TenantParams, body: FormOnly } },
    async (req, reply) => {
      const { tenant, session, c } = await signedIn(req, req.params.tenant, '');
      if (session) {
        checkForm(session, req.body);
        await d.identity.signOut(session);
      }
      clearCookie(req, reply, sessionCookie(tenant.id));
      return d.html(reply, messagePage(c, t(c.lang, 'signOut'), t(c.lang, 'signedOut')));
    },
  );

  r.get(
    '/portal/:tenant/me',
    {
      schema: {
        ...hide,
        params: TenantParams,
        querystring: Type.Object({ lang: Lang_, assessed: Type.Optional(Type.Literal('1')) }),
      },
    },
    async (req, reply) => {
      const { tenant, session, c, formToken } = await signedIn(req, req.params.tenant, '/me');
      if (!session) return to(reply, req.params.tenant, '/sign-in', c.lang);
      const [profile, q] = await Promise.all([
        d.suitability.profile(tenant.id, session.customerId),
        d.suitability.questionnaire(tenant.id, session.customerId),
      ]);
      const level = profile.current?.level;
      const bandName = q.bands.find((b) => b.level === level)?.name;
      return d.html(
        reply,
        accountPage(c, {
          customerId: session.customerId,
          timeZone: tenant.timeZone ?? 'Asia/Shanghai',
          profile,
          bandName,
          formToken,
          justAssessed: req.query.assessed === '1',
        }),
      );
    },
  );

  r.get(
    '/portal/:tenant/me/questionnaire',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const { tenant, session, c, formToken } = await signedIn(req, req.params.tenant, '/me/questionnaire');
      if (!session) return to(reply, req.params.tenant, '/sign-in', c.lang);
      const q = await d.suitability.questionnaire(tenant.id, session.customerId);
      return d.html(reply, questionnairePage(c, { q, formToken, answers: {} }));
    },
  );

  r.post(
    '/portal/:tenant/me/questionnaire',
    { schema: { ...hide, params: TenantParams, body: AnswersBody } },
    async (req, reply) => {
      const { tenant, session, c, formToken } = await signedIn(req, req.params.tenant, '/me/questionnaire');
      if (!session) return to(reply, req.params.tenant, '/sign-in', c.lang);
      checkForm(session, req.body);
      const q = await d.suitability.questionnaire(tenant.id, session.customerId);
      const answers = answersOf(q, req.body);
      try {
        await d.suitability.assess(tenant.id, session.customerId, answers);
      } catch (e) {
        if (!(e instanceof ZhiliError) || e.code !== 'ZHILI_E_VALIDATION') throw e;
        // The form again with what was chosen, and what is missing in the consumer's language.
        const error = c.lang === 'en' ? e.message : e.messageZh;
        return d.html(reply, questionnairePage(c, { q, formToken, answers, error }), 400);
      }
      return to(reply, req.params.tenant, '/me', c.lang, '?assessed=1');
    },
  );

  r.get(
    '/portal/:tenant/me/recommendations',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const { tenant, session, c, formToken } = await signedIn(req, req.params.tenant, '/me/recommendations');
      if (!session) return to(reply, req.params.tenant, '/sign-in', c.lang);
      const recs = await d.suitability.recommendations(tenant.id, session.customerId, 5);
      return d.html(reply, recommendationsPage(c, { recs, formToken }));
    },
  );

  r.get(
    '/portal/:tenant/me/lessons',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const { tenant, session, c, formToken } = await signedIn(req, req.params.tenant, '/me/lessons');
      if (!session) return to(reply, req.params.tenant, '/sign-in', c.lang);
      const edu = await d.suitability.education(tenant.id, session.customerId);
      return d.html(reply, lessonsPage(c, { edu, formToken }));
    },
  );

  r.post(
    '/portal/:tenant/me/lessons/:lessonId',
    { schema: { ...hide, params: LessonParams, body: FormOnly } },
    async (req, reply) => {
      const { tenant, session, c } = await signedIn(req, req.params.tenant, '/me/lessons');
      if (!session) return to(reply, req.params.tenant, '/sign-in', c.lang);
      checkForm(session, req.body);
      await d.suitability.completeLesson(tenant.id, session.customerId, req.params.lessonId);
      return to(reply, req.params.tenant, '/me/lessons', c.lang);
    },
  );
}

/** The questionnaire's answers from the form: a radio per question, a checkbox per option of a multiple choice. */
function answersOf(q: SelfQuestionnaire, body: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const x of q.questions) {
    const chosen = x.multi
      ? x.options.filter((a) => body[`m/${x.id}/${a.id}`] !== undefined).map((a) => a.id)
      : [body[`a/${x.id}`] ?? ''].filter((v) => v !== '');
    if (chosen.length) out[x.id] = chosen;
  }
  return out;
}
