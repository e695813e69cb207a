/**
 * The public disclosure pages, rendered on the server so they read without JavaScript (tables), with
 * ECharts charts drawn by a same-origin script from a JSON data block: the server's CSP allows scripts
 * from 'self' only, so nothing runs inline and nothing is fetched from a CDN.
 */
import { definitionOf, figureDefinitions } from './core/definitions.ts';
import type { DisclosureDocument } from './core/document.ts';
import type { Disclosure } from './core/workflow.ts';
import { t, type Lang } from './labels.ts';

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON inside a <script type="application/json"> block: `<` escaped so no tag can close it. */
const jsonBlock = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

export const ASSETS = '/portal/_assets/disclosure';

const name = (key: string, lang: Lang) => {
  const d = definitionOf(key);
  return d ? (lang === 'en' ? d.en : d.zh) : key;
};
const meaning = (key: string, lang: Lang) => {
  const d = definitionOf(key);
  return d ? (lang === 'en' ? d.definitionEn : d.definitionZh) : '';
};
export const formatValue = (v: unknown, key: string): string => {
  if (v === null || v === undefined) return '—';
  if (definitionOf(key)?.kind === 'ratio' && typeof v === 'number') return `${(v * 100).toFixed(2)}%`;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
};

/** Rows of [key, value] for one currency section, in the order of the definitions. */
export function currencyRows(c: DisclosureDocument['currencies'][number]): [string, unknown][] {
  const rec = c as unknown as Record<string, unknown>;
  return figureDefinitions
    .filter((d) => !d.key.startsWith('participants.') && !d.key.startsWith('complaints.'))
    .map((d): [string, unknown] => {
      const [head, leaf] = d.key.split('.') as [string, string | undefined];
      const v = rec[head];
      // A document published before a figure was added simply lacks it (shown as —).
      if (leaf === undefined || typeof v !== 'object' || v === null) return [d.key, leaf === undefined ? v : undefined];
      return [d.key, (v as Record<string, unknown>)[leaf]];
    });
}

function page(lang: Lang, title: string, body: string, data: unknown, switchHref: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
main{max-width:960px;margin:0 auto;padding:12px}
header{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
h1{font-size:1.3rem;margin:8px 0}h2{font-size:1.1rem;margin:20px 0 8px}
section{background:#fff;border-radius:8px;padding:12px;margin:12px 0;overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border-bottom:1px solid #e5e6eb;padding:6px;text-align:left;vertical-align:top}
td.v{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}small{color:#646a73}
.chart{width:100%;height:320px}.hash{font-family:ui-monospace,monospace;word-break:break-all;font-size:.8rem}
a{color:#1456f0}nav a{margin-right:12px}
@media (max-width:600px){.d{display:none}.chart{height:260px}}
</style></head>
<body><main>
<header><h1>${esc(title)}</h1><a id="lang-switch" href="${esc(switchHref)}" hreflang="${lang === 'en' ? 'zh-CN' : 'en'}">${esc(t(lang, 'otherLang'))}</a></header>
${body}
<footer><small>${esc(t(lang, 'standard'))}</small></footer>
</main>
<script type="application/json" id="disclosure-data">${jsonBlock(data)}</script>
<script src="${ASSETS}/echarts.min.js"></script>
<script src="${ASSETS}/page.js"></script>
</body></html>`;
}

const q = (lang: Lang) => `?lang=${lang}`;

/** The month's page: the latest published version, its figures and definitions, charts, and any correction. */
export function periodPage(o: {
  lang: Lang;
  tenantName: string;
  base: string;
  current: Disclosure;
  versions: readonly Disclosure[];
}): string {
  const { lang, current: d } = o;
  const doc = d.doc;
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const href = `${o.base}/${d.period}`;
  const row = (key: string, v: unknown) =>
    `<tr><th scope="row">${esc(name(key, lang))}</th><td class="v">${esc(formatValue(v, key))}</td><td class="d"><small>${esc(meaning(key, lang))}</small></td></tr>`;
  const head = `<tr><th>${t(lang, 'figure')}</th><th>${t(lang, 'value')}</th><th class="d">${t(lang, 'definition')}</th></tr>`;
  const participants = Object.entries(doc.participants)
    .map(([k, v]) => row(`participants.${k}`, v))
    .join('');
  const sections = doc.currencies
    .map(
      (c) =>
        `<section><h2>${esc(t(lang, 'lending'))} · ${esc(c.currency)}</h2><table>${head}${currencyRows(c)
          .map(([k, v]) => row(k, v))
          .join(
            '',
          )}</table><div class="chart" data-chart="lending" data-currency="${esc(c.currency)}" aria-label="${esc(t(lang, 'chartLending'))}"></div></section>`,
    )
    .join('');
  const categories = doc.complaints.byCategory
    .map((c) => `<tr><td>${esc(c.code)}</td><td class="v">${c.count}</td></tr>`)
    .join('');
  const correction =
    d.corrects && d.diff
      ? `<section id="correction"><h2>${t(lang, 'correction')}</h2><p>${t(lang, 'reason')}: ${esc(d.reason ?? '')}</p>
<table><tr><th>${t(lang, 'field')}</th><th>${t(lang, 'before')}</th><th>${t(lang, 'after')}</th></tr>${d.diff
          .map(
            (c) =>
              `<tr><td>${esc(c.path)}</td><td class="v">${esc(c.before ?? '—')}</td><td class="v">${esc(c.after ?? '—')}</td></tr>`,
          )
          .join('')}</table></section>`
      : '';
  const versions = o.versions
    .map(
      (v) =>
        `<li>${t(lang, 'version')} ${v.version} · ${esc(new Date(v.publishedAt ?? 0).toISOString())} · <span class="hash">${esc(v.hash)}</span></li>`,
    )
    .join('');
  const body = `<p>${esc(o.tenantName)} · ${t(lang, 'period')} ${esc(d.period)} · ${t(lang, 'asOf')} ${esc(doc.asOf)} · ${t(lang, 'version')} ${d.version}${d.corrects ? ` (${t(lang, 'corrected')})` : ''}</p>
<nav><a href="${esc(o.base)}${q(lang)}">${t(lang, 'periods')}</a><a href="${esc(href)}.json">${t(lang, 'json')}</a><a href="${esc(href)}.pdf${q(lang)}">${t(lang, 'pdf')}</a><a href="${esc(href)}/verify">${t(lang, 'verify')}</a></nav>
<p><small>${t(lang, 'hash')}:</small> <span class="hash" id="hash">${esc(d.hash)}</span></p>
${correction}
<section><h2>${t(lang, 'participants')}</h2><table>${head}${participants}</table></section>
${sections}
<section><h2>${t(lang, 'complaints')}</h2><table>${head}${row('complaints.received', doc.complaints.received)}${row('complaints.resolutionRate', doc.complaints.resolutionRate)}</table>
<table><tr><th>${t(lang, 'category')}</th><th>${t(lang, 'count')}</th></tr>${categories}</table>
<div class="chart" data-chart="complaints" aria-label="${esc(t(lang, 'chartComplaints'))}"></div></section>
<section><h2>${t(lang, 'versions')}</h2><ul>${versions}</ul></section>`;
  const labels = Object.fromEntries(figureDefinitions.map((x) => [x.key, lang === 'en' ? x.en : x.zh]));
  return page(
    lang,
    `${t(lang, 'title')} ${d.period}`,
    body,
    { kind: 'period', lang, doc, labels },
    `${href}${q(other)}`,
  );
}

/** The list of published months (latest version of each) with a trend chart. */
export function listPage(o: { lang: Lang; tenantName: string; base: string; latest: readonly Disclosure[] }): string {
  const { lang } = o;
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const items = o.latest
    .map(
      (d) =>
        `<tr><td><a href="${esc(o.base)}/${esc(d.period)}${q(lang)}">${esc(d.period)}</a></td><td class="v">${d.version}${d.version > 1 ? ` (${t(lang, 'corrected')})` : ''}</td><td>${esc(new Date(d.publishedAt ?? 0).toISOString().slice(0, 10))}</td></tr>`,
    )
    .join('');
  const body =
    o.latest.length === 0
      ? `<p>${esc(o.tenantName)}</p><section><p>${t(lang, 'none')}</p></section>`
      : `<p>${esc(o.tenantName)}</p><section><table><tr><th>${t(lang, 'period')}</th><th>${t(lang, 'version')}</th><th>${t(lang, 'published')}</th></tr>${items}</table></section>
<section><h2>${t(lang, 'trend')}</h2><div class="chart" data-chart="trend"></div></section>`;
  const trend = [...o.latest].reverse().map((d) => ({ period: d.period, currencies: d.doc.currencies }));
  const labels = {
    outstanding: name('outstanding.amount', lang),
    rate: name('amountOverdueRate', lang),
  };
  return page(lang, t(lang, 'title'), body, { kind: 'list', lang, trend, labels }, `${o.base}${q(other)}`);
}
