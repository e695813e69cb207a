/**
 * The hub's pages over HTTP. A supervisor signs in through a plain form; the session token travels in
 * an HttpOnly, SameSite=Strict cookie limited to /hub. Every page is sent with a CSP that allows no
 * script, and is never cached.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ZhiliError } from '../../kernel/index.ts';
import { exitReady } from '../core/exit-plan.ts';
import type { Registry } from '../registry.ts';
import type { HubStore } from '../hub-store.ts';
import type { Supervisor, Supervisors } from '../supervisors.ts';
import type { Dashboard } from './dashboard.ts';
import type { Filings } from './service.ts';
import { dashboardPage, exitPlanPage, loginFailedText, loginPage, platformPage, type Lang } from './pages.ts';
import { latestFilings } from './read.ts';

const COOKIE = 'zhili_hub_session';
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const LoginForm = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 128 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const IdPattern = /^[A-Za-z0-9_.-]{1,64}$/;

export interface PageRoutesOptions {
  supervisors: Supervisors;
  registry: Registry;
  dashboard: Dashboard;
  filings: Filings;
  store: HubStore;
}

const langOf = (req: FastifyRequest): Lang =>
  (req.query as { lang?: unknown } | undefined)?.lang === 'en' ? 'en' : 'zh';

function cookieToken(req: FastifyRequest): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const html = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body);

export const pageRoutes: FastifyPluginAsync<PageRoutesOptions> = async (app, o) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const hide = { schema: { hide: true } };
  const signedIn = async (req: FastifyRequest): Promise<Supervisor | undefined> =>
    o.supervisors.authenticate(cookieToken(req)).catch(() => undefined);
  const toLogin = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(`/hub/login?lang=${langOf(req)}`, 303);

  app.get('/hub', hide, async (req, reply) => reply.redirect(`/hub/dashboard?lang=${langOf(req)}`, 303));
  app.get('/hub/login', hide, async (req, reply) => html(reply, 200, loginPage(langOf(req))));
  app.post('/hub/login', hide, async (req, reply) => {
    const lang = langOf(req);
    if (!Value.Check(LoginForm, req.body)) return html(reply, 400, loginPage(lang, loginFailedText(lang)));
    try {
      const s = await o.supervisors.login(req.body.username, req.body.password, req.ip);
      const secure = req.protocol === 'https' ? '; Secure' : '';
      return reply
        .header(
          'set-cookie',
          `${COOKIE}=${encodeURIComponent(s.token)}; Path=/hub; HttpOnly; SameSite=Strict; Max-Age=43200${secure}`,
        )
        .redirect(`/hub/dashboard?lang=${lang}`, 303);
    } catch (e) {
      if (!(e instanceof ZhiliError)) throw e;
      const status = e.code === 'ZHILI_E_LOGIN_LOCKED' ? 429 : 401;
      return html(
        reply,
        status,
        loginPage(lang, status === 429 ? (lang === 'zh' ? e.messageZh : e.message) : loginFailedText(lang)),
      );
    }
  });
  app.post('/hub/logout', hide, async (req, reply) => {
    const token = cookieToken(req);
    if (token && (await signedIn(req))) await o.supervisors.logout(token);
    return reply
      .header('set-cookie', `${COOKIE}=; Path=/hub; HttpOnly; SameSite=Strict; Max-Age=0`)
      .redirect(`/hub/login?lang=${langOf(req)}`, 303);
  });

  app.get('/hub/dashboard', hide, async (req, reply) => {
    if (!(await signedIn(req))) return toLogin(req, reply);
    const rows = await o.dashboard.all(await o.registry.list());
    return html(reply, 200, dashboardPage(langOf(req), rows, o.dashboard.thresholds));
  });
  app.get('/hub/platforms/:id', hide, async (req, reply) => {
    if (!(await signedIn(req))) return toLogin(req, reply);
    const id = (req.params as { id: string }).id;
    const p = IdPattern.test(id) ? await o.store.platform(id) : undefined;
    if (!p) return html(reply, 404, 'Not found · 未找到');
    const view = await o.dashboard.platform(p);
    return html(
      reply,
      200,
      platformPage(
        langOf(req),
        view,
        await latestFilings(o.store, p.id),
        await o.store.disclosures(p.id, 200),
        await o.store.alerts({ platformId: p.id, open: true, limit: 100 }),
      ),
    );
  });
  app.get('/hub/platforms/:id/exit-plan', hide, async (req, reply) => {
    if (!(await signedIn(req))) return toLogin(req, reply);
    const id = (req.params as { id: string }).id;
    const p = IdPattern.test(id) ? await o.store.platform(id) : undefined;
    if (!p) return html(reply, 404, 'Not found · 未找到');
    const plan = await o.filings.exitPlans.refresh(p);
    const v = exitReady(plan);
    return html(reply, 200, exitPlanPage(langOf(req), p.name, p.id, plan, v.ok ? { ok: true } : v));
  });
};
