/**
 * The public disclosure pages, without login: `/portal/{tenant}/disclosures` (published months),
 * `/portal/{tenant}/disclosures/{period}` (HTML; `.json` the document; `.pdf`), and `…/{period}/verify`.
 * `{tenant}` is the tenant id or the slug of its name. Only published versions are ever shown.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ZhiliError } from '../kernel/index.ts';
import type { Disclosure } from './core/workflow.ts';
import { langOf } from './labels.ts';
import { ASSETS, listPage, periodPage } from './pages.ts';
import { disclosurePdf } from './pdf.ts';
import type { DisclosureService } from './service.ts';

export interface PortalTenant {
  id: string;
  name: string;
}

export interface DisclosurePortalOptions {
  disclosures: DisclosureService;
  tenants: { get(id: string): Promise<PortalTenant | undefined>; list(): Promise<PortalTenant[]> };
}

/** `Test Pay 测试支付` → `test-pay`: ASCII letters and digits, dashes between. */
export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const pageScript = readFileSync(fileURLToPath(new URL('./web/page.js', import.meta.url)), 'utf8');
/** ECharts from the installed package (the console's dependency), served by this server: no CDN. */
function echartsScript(): string | undefined {
  try {
    return readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  } catch {
    return undefined;
  }
}

const TenantParams = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 128 }) });
const PeriodParams = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 128 }),
  period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])(\\.json|\\.pdf)?$' }),
});
const LangQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 8 })),
  version: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
});

const latestPerPeriod = (all: readonly Disclosure[]): Disclosure[] => {
  const seen = new Set<string>();
  return all.filter((d) => !seen.has(d.period) && seen.add(d.period));
};

export const disclosurePortalRoutes: FastifyPluginAsyncTypebox<DisclosurePortalOptions> = async (app, o) => {
  const echarts = echartsScript();
  const hide = { hide: true };

  async function tenantOf(key: string): Promise<PortalTenant> {
    const byId = await o.tenants.get(key);
    if (byId) return byId;
    const matches = (await o.tenants.list()).filter((t) => slugOf(t.name) === key);
    if (matches.length !== 1) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/tenant' });
    return matches[0]!;
  }

  const js = (body: string | undefined) => async (_req: unknown, reply: FastifyReply) => {
    if (body === undefined) return reply.code(404).send(new ZhiliError('ZHILI_E_ROUTE_NOT_FOUND').toJSON());
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(body);
  };
  app.get(`${ASSETS}/echarts.min.js`, { schema: hide }, js(echarts));
  app.get(`${ASSETS}/page.js`, { schema: hide }, js(pageScript));

  app.get(
    '/portal/:tenant/disclosures',
    { schema: { ...hide, params: TenantParams, querystring: LangQuery } },
    async (req, reply) => {
      const t = await tenantOf(req.params.tenant);
      const latest = latestPerPeriod(await o.disclosures.published(t.id));
      const html = listPage({
        lang: langOf(req.query.lang),
        tenantName: t.name,
        base: `/portal/${encodeURIComponent(req.params.tenant)}/disclosures`,
        latest,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  async function versionsOf(tenant: string, period: string) {
    const t = await tenantOf(tenant);
    const versions = await o.disclosures.published(t.id, period);
    if (versions.length === 0) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/period' });
    return { t, versions };
  }
  const pick = (versions: Disclosure[], v: string | undefined): Disclosure => {
    const d = v === undefined ? versions[0] : versions.find((x) => x.version === Number(v));
    if (!d) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
    return d;
  };

  app.get(
    '/portal/:tenant/disclosures/:period',
    { schema: { ...hide, params: PeriodParams, querystring: LangQuery } },
    async (req, reply) => {
      const [period, ext] = req.params.period.split('.') as [string, string | undefined];
      const { t, versions } = await versionsOf(req.params.tenant, period);
      const d = pick(versions, req.query.version);
      const lang = langOf(req.query.lang);
      if (ext === 'json')
        return reply
          .type('application/json; charset=utf-8')
          .header('x-content-sha256', d.hash)
          .send({
            document: d.doc,
            hash: d.hash,
            version: d.version,
            publishedAt: new Date(d.publishedAt ?? 0).toISOString(),
            ...(d.corrects ? { corrects: d.corrects, reason: d.reason, diff: d.diff } : {}),
          });
      if (ext === 'pdf')
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="disclosure-${period}-v${d.version}-${lang}.pdf"`)
          .send(Buffer.from(disclosurePdf(d, t.name, lang)));
      const html = periodPage({
        lang,
        tenantName: t.name,
        base: `/portal/${encodeURIComponent(req.params.tenant)}/disclosures`,
        current: d,
        versions,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.get(
    '/portal/:tenant/disclosures/:period/verify',
    { schema: { ...hide, params: PeriodParams, querystring: LangQuery } },
    async (req) => {
      const { t, versions } = await versionsOf(req.params.tenant, req.params.period.split('.')[0]!);
      return o.disclosures.verify(t.id, pick(versions, req.query.version).id);
    },
  );
};
