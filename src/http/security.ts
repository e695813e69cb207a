import { createHash, timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { allows, bearerToken, type AccessService, type Principal } from '../access/index.ts';
import { Counter, ZhiliError, type Registry } from '../kernel/index.ts';

/**
 * Security headers for every response. The CSP fits what this server serves itself: swagger-ui at
 * /docs and the console at /console (same-origin scripts and styles; inline styles for Ant Design and
 * swagger-ui; data: images for their icons). Nothing may frame the pages.
 */
/** The helmet options of the API server (see securityHeaders). */
const helmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' as const },
  frameguard: { action: 'deny' as const },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets with these options, worked out once: @fastify/helmet builds helmet's
 * middleware (and parses the CSP) again for every request, which cost about as much per request as the
 * rest of Fastify's hooks together. None of them depends on the request (no CSP nonces), so they are
 * taken from one answer of a probe server with helmet, less what the same probe sends without it.
 */
async function helmetHeaders(): Promise<Record<string, string>> {
  const answer = async (withHelmet: boolean) => {
    const probe = Fastify();
    if (withHelmet) await probe.register(helmet, helmetOptions);
    probe.get('/', async () => 'ok');
    try {
      return (await probe.inject({ method: 'GET', url: '/' })).headers;
    } finally {
      await probe.close();
    }
  };
  const [plain, secured] = [await answer(false), await answer(true)];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(secured))
    if (!(name in plain) && typeof value === 'string') out[name] = value;
  if (!out['content-security-policy'] || !out['strict-transport-security'])
    throw new Error('helmet set no security headers on its probe');
  return out;
}

/**
 * Security headers for every response. The CSP fits what this server serves itself: swagger-ui at
 * /docs and the console at /console (same-origin scripts and styles; inline styles for Ant Design and
 * swagger-ui; data: images for their icons). Nothing may frame the pages.
 */
export async function securityHeaders(app: FastifyInstance, metrics: Registry): Promise<void> {
  await addSecurityHeaders(app);
  // The API answers with personal data (parties, events, cases, reports, users) and credentials:
  // nothing under /v1 may be kept by a browser or an intermediary cache.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/v1/')) void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    done(null, payload);
  });
  // Per-tenant load, visible on /metrics to system credentials only.
  const byTenant = metrics.register(
    new Counter('zhili_tenant_requests_total', 'Authenticated API requests per tenant (system view only)'),
  );
  app.addHook('onResponse', (req, _reply, done) => {
    if (req.principal) byTenant.inc({ tenant: req.principal.tenantId });
    done();
  });
}

/** The security headers alone, on every response of `app`'s scope (the hub's console uses them too). */
export async function addSecurityHeaders(app: FastifyInstance): Promise<void> {
  const headers = await helmetHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(headers);
    done();
  });
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics: the configured metrics token (a system credential, for Prometheus), a system
 * administrator, or a tenant admin. Only system credentials see per-tenant labels.
 */
export function metricsAccess(opts: {
  access: AccessService;
  token: string | undefined;
  isSystemAdmin: (p: Principal) => boolean;
}): (req: FastifyRequest) => Promise<'system' | 'tenant'> {
  const want = opts.token ? digest(opts.token) : undefined;
  return async (req) => {
    const bearer = bearerToken(req);
    if (!bearer) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    if (want && timingSafeEqual(digest(bearer), want)) return 'system';
    const p = await opts.access.authenticate(bearer);
    if (opts.isSystemAdmin(p)) return 'system';
    if (!allows(p, 'metrics:read')) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    return 'tenant';
  };
}

export function metricsRoute(
  app: FastifyInstance,
  opts: {
    metrics: Registry;
    who: (req: FastifyRequest) => Promise<'system' | 'tenant'>;
    /** Process, GC, event-loop and thread metrics, appended as they are (they carry no tenant). */
    process?: (() => Promise<string>) | undefined;
  },
): void {
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const scope = await opts.who(req);
    const own = opts.metrics.render(scope === 'system' ? {} : { without: ['tenant'] });
    const text = opts.process ? own + (await opts.process()) : own;
    return reply.header('content-type', 'text/plain; version=0.0.4').send(text);
  });
}
