import { createHash, timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allows, bearerToken, type AccessService, type Principal } from '../access/index.ts';
import { Counter, ZhiliError, type Registry } from '../kernel/index.ts';

/**
 * Security headers for every response. The CSP fits what this server serves itself: swagger-ui at
 * /docs and the console at /console (same-origin scripts and styles; inline styles for Ant Design and
 * swagger-ui; data: images for their icons). Nothing may frame the pages.
 */
export async function securityHeaders(app: FastifyInstance, metrics: Registry): Promise<void> {
  await app.register(helmet, {
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
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  // The API answers with personal data (parties, events, cases, reports, users) and credentials:
  // nothing under /v1 may be kept by a browser or an intermediary cache.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/v1/')) {
      void reply.header('cache-control', 'no-store');
      void reply.header('pragma', 'no-cache');
    }
    return payload;
  });
  // Per-tenant load, visible on /metrics to system credentials only.
  const byTenant = metrics.register(
    new Counter('zhili_tenant_requests_total', 'Authenticated API requests per tenant (system view only)'),
  );
  app.addHook('onResponse', async (req) => {
    if (req.principal) byTenant.inc({ tenant: req.principal.tenantId });
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
