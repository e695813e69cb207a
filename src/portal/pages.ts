/** The consumer pages as server-rendered HTML: no script at all, forms post and redirect. */
import type { ClassificationTable } from '../protection/index.ts';
import type { ComplaintView } from '../protection/index.ts';
import { esc, stateLabel, t, type Lang } from './words.ts';

export interface PageCtx {
  lang: Lang;
  tenantName: string;
  /** `/portal/{tenant}` as the consumer typed it (id or slug). */
  base: string;
  /** This page's path and query without `lang`, for the language switch. */
  self: string;
}

export const withLang = (href: string, lang: Lang): string =>
  lang === 'en' ? `${href}${href.includes('?') ? '&' : '?'}lang=en` : href;

export function layout(c: PageCtx, title: string, body: string): string {
  const other: Lang = c.lang === 'en' ? 'zh-CN' : 'en';
  return `<!doctype html>
<html lang="${c.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)} · ${esc(c.tenantName)}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
main{max-width:720px;margin:0 auto;padding:12px}
header{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
h1{font-size:1.3rem;margin:8px 0}h2{font-size:1.1rem;margin:16px 0 8px}
section{background:#fff;border-radius:8px;padding:12px;margin:12px 0;overflow-x:auto}
label{display:block;margin:10px 0 4px;font-weight:600}
input,select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:8px;border:1px solid #c9cdd4;border-radius:6px}
textarea{min-height:8em}button{font:inherit;padding:10px 18px;margin-top:12px;border:0;border-radius:6px;background:#1456f0;color:#fff}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 12px}dt{color:#646a73}dd{margin:0;word-break:break-all}
.code{font-family:ui-monospace,monospace;font-size:1.1rem}.note{color:#646a73}
ul.nav{list-style:none;padding:0}ul.nav li{margin:10px 0}ul.nav a{display:block;padding:12px;background:#fff;border-radius:8px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e6eb;padding:6px;text-align:left;vertical-align:top}
a{color:#1456f0}
fieldset{border:0;margin:0 0 14px;padding:0}legend{font-weight:600;margin-bottom:6px}
label.opt{display:flex;gap:8px;align-items:flex-start;font-weight:400;margin:6px 0;padding:8px;border:1px solid #e5e6eb;border-radius:6px}
label.opt input{width:auto;margin:3px 0 0;flex:none}
.flash{background:#e8f3ff;border-left:4px solid #1456f0}.warn{background:#fff7e8;border-left:4px solid #ff7d00}
.err{background:#ffece8;border-left:4px solid #f53f3f}
nav.me{display:flex;flex-wrap:wrap;gap:6px 14px;margin:8px 0}.inline{display:inline}
.big{font-size:2rem;font-weight:700;margin:4px 0}button.secondary{background:#fff;color:#1456f0;border:1px solid #1456f0}
</style></head>
<body><main>
<header><a href="${esc(withLang(c.base, c.lang))}">${esc(c.tenantName)}</a><a id="lang-switch" href="${esc(withLang(c.self, other))}" hreflang="${other}">${esc(t(c.lang, 'otherLang'))}</a></header>
<h1>${esc(title)}</h1>
${body}
</main></body></html>`;
}

export function homePage(c: PageCtx): string {
  const link = (href: string, w: Parameters<typeof t>[1], id: string) =>
    `<li><a id="${id}" href="${esc(withLang(c.base + href, c.lang))}">${esc(t(c.lang, w))}</a></li>`;
  return layout(
    c,
    t(c.lang, 'home'),
    `<ul class="nav">${link('/me', 'toAccount', 'to-account')}${link('/complaints/new', 'fileComplaint', 'to-file')}${link('/complaints', 'follow', 'to-follow')}${link('/risk', 'risk', 'to-risk')}${link('/disclosures', 'disclosures', 'to-disclosures')}</ul>`,
  );
}

export function complaintForm(c: PageCtx, table: ClassificationTable): string {
  const L = c.lang === 'en' ? 'en' : 'zh';
  const options = (list: ClassificationTable['categories']) =>
    list.map((x) => `<option value="${esc(x.code)}">${esc(x[L])}</option>`).join('');
  const lang = c.lang === 'en' ? '<input type="hidden" name="lang" value="en">' : '';
  return layout(
    c,
    t(c.lang, 'fileComplaint'),
    `<section><p class="note">${esc(t(c.lang, 'fileIntro'))}</p>
<form method="post" action="${esc(withLang(`${c.base}/complaints`, c.lang))}">${lang}
<label for="category">${esc(t(c.lang, 'category'))}</label><select id="category" name="category" required>${options(table.categories)}</select>
<label for="cause">${esc(t(c.lang, 'cause'))}</label><select id="cause" name="cause" required>${options(table.causes)}</select>
<label for="description">${esc(t(c.lang, 'description'))}</label><textarea id="description" name="description" required maxlength="2000"></textarea>
<label for="name">${esc(t(c.lang, 'name'))}</label><input id="name" name="name" maxlength="100" autocomplete="name">
<label for="phone">${esc(t(c.lang, 'phone'))}</label><input id="phone" name="phone" maxlength="32" inputmode="tel" autocomplete="tel">
<label for="customer">${esc(t(c.lang, 'customerNo'))}</label><input id="customer" name="customer" maxlength="64">
<button type="submit">${esc(t(c.lang, 'submit'))}</button></form></section>`,
  );
}

export function followForm(c: PageCtx): string {
  const lang = c.lang === 'en' ? '<input type="hidden" name="lang" value="en">' : '';
  return layout(
    c,
    t(c.lang, 'follow'),
    `<section><form method="post" action="${esc(withLang(`${c.base}/complaints/follow`, c.lang))}">${lang}
<label for="ref">${esc(t(c.lang, 'reference'))}</label><input id="ref" name="ref" required maxlength="64" autocomplete="off">
<label for="code">${esc(t(c.lang, 'code'))}</label><input id="code" name="code" required maxlength="32" autocomplete="off">
<button type="submit">${esc(t(c.lang, 'show'))}</button></form></section>`,
  );
}

export function complaintPage(
  c: PageCtx,
  v: ComplaintView,
  table: ClassificationTable,
  code: string,
  justFiled: boolean,
): string {
  const L = c.lang === 'en' ? 'en' : 'zh';
  const label = (list: ClassificationTable['categories'], code_: string) =>
    list.find((x) => x.code === code_)?.[L] ?? code_;
  const row = (w: Parameters<typeof t>[1], value: string, id: string) =>
    `<dt>${esc(t(c.lang, w))}</dt><dd id="${id}">${esc(value)}</dd>`;
  const filed = justFiled
    ? `<section><p id="filed">${esc(t(c.lang, 'filed'))}</p><dl>${row('reference', v.id, 'ref')}<dt>${esc(t(c.lang, 'code'))}</dt><dd id="code" class="code">${esc(code)}</dd></dl></section>`
    : '';
  return layout(
    c,
    t(c.lang, 'follow'),
    `${filed}<section><dl>
${justFiled ? '' : row('reference', v.id, 'ref')}
${row('state', stateLabel(c.lang, v.state), 'state')}
${row('category', label(table.categories, v.category), 'category')}
${row('cause', label(table.causes, v.cause), 'cause')}
${row('received', v.clock.receivedDate, 'received')}
${row('decisionBy', v.clock.decisionBy, 'decision-by')}
${v.clock.daysLeft === undefined ? '' : row('daysLeft', String(v.clock.daysLeft), 'days-left')}
</dl></section>`,
  );
}

export function messagePage(c: PageCtx, title: string, message: string): string {
  return layout(c, title, `<section><p id="message">${esc(message)}</p></section>`);
}
