import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';
let s: TestServer;

beforeAll(async () => {
  s = await startServer({ config: { metricsToken: METRICS_TOKEN } });
});
afterAll(async () => {
  await s.close();
});

describe('security headers', () => {
  it('sends CSP (fit for /docs and /console), HSTS, frame and referrer policies on every response', async () => {
    for (const path of ['/healthz', '/docs/', '/console/', '/v1/me']) {
      const r = await fetch(`${s.url}${path}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp, path).toContain("img-src 'self' data:");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(r.headers.get('strict-transport-security'), path).toMatch(/max-age=31536000; includeSubDomains/);
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    // swagger-ui loads only same-origin scripts: every <script> has a src on this server.
    const docs = await (await fetch(`${s.url}/docs/`)).text();
    expect(docs).toMatch(/<script src="/);
    expect(docs).not.toMatch(/<script>(?!\s*<\/script>)|<script\s*>[^<\s]/);
  });

  it('marks personal and credential responses no-store', async () => {
    const admin = await s.login(['admin'], 'hdr.admin');
    const decided = await s.call('POST', '/v1/events', event());
    expect(decided.headers.get('cache-control')).toBe('no-store');
    for (const path of [
      '/v1/me',
      '/v1/users',
      '/v1/cases',
      '/v1/parties',
      `/v1/events/${decided.body.eventId ?? 'x'}`,
    ]) {
      const r = await s.call('GET', path, undefined, admin);
      expect(r.headers.get('cache-control'), path).toBe('no-store');
    }
    const login = await s.call(
      'POST',
      '/v1/auth/login',
      { tenantId: s.tenantId, username: 'hdr.admin', password: 'x' },
      null,
    );
    expect(login.headers.get('cache-control')).toBe('no-store');
  });
});

describe('/metrics', () => {
  it('needs a credential: 401 without, 403 for an analyst or an API key', async () => {
    expect((await s.call('GET', '/metrics', undefined, null)).status).toBe(401);
    expect((await s.call('GET', '/metrics', undefined, 'wrong-token')).status).toBe(401);
    expect((await s.call('GET', '/metrics', undefined, s.apiKey)).status).toBe(403);
    expect((await s.call('GET', '/metrics', undefined, await s.login(['analyst'], 'm.analyst'))).status).toBe(403);
  });

  it('labels per tenant for the configured system token only; a tenant admin sees totals', async () => {
    await s.call('POST', '/v1/events', event());
    const system = await s.call('GET', '/metrics', undefined, METRICS_TOKEN);
    expect(system.status).toBe(200);
    expect(system.body).toContain(`zhili_tenant_requests_total{tenant="${s.tenantId}"}`);
    const admin = await s.call('GET', '/metrics', undefined, await s.login(['admin'], 'm.admin'));
    expect(admin.status).toBe(200);
    expect(admin.body).toMatch(/^zhili_tenant_requests_total \d+$/m);
    expect(admin.body).not.toContain(s.tenantId);
    expect(admin.body).toMatch(/zhili_decisions_total\{outcome="\w+"\} \d+/);
  });

  it('carries the process: CPU, heap, GC, event-loop lag and the background thread busy share', async () => {
    const first = await s.call('GET', '/metrics', undefined, METRICS_TOKEN);
    expect(first.body).toMatch(/^process_cpu_seconds_total \d/m);
    expect(first.body).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(first.body).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(first.body).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(first.body).toMatch(/^zhili_thread_event_loop_utilization\{thread="background"\} [\d.e-]+$/m);
  });
});
