/**
 * The hub's own pages, rendered on the server in zh-CN and en (`?lang=en`): the dashboard across
 * platforms with their flags, one platform's drill-down, and a winding-down platform's exit plan.
 * Plain HTML and CSS, no script at all (the pages' CSP forbids it).
 */
import { formatMoney } from '../../kernel/index.ts';
import type { ExitItem, ExitPlan } from '../core/exit-plan.ts';
import type { Flag, Thresholds } from '../core/flags.ts';
import type { HubAlert } from '../hub-store.ts';
import type { PlatformDashboard } from './dashboard.ts';
import type { LatestFilings } from './read.ts';
import type { HubDisclosure } from './schemas.ts';

export type Lang = 'zh' | 'en';
export const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const L = {
  zh: {
    hub: '监管枢纽',
    dashboard: '跨平台监管看板',
    platform: '平台',
    status: '状态',
    flags: '预警',
    none: '无',
    threshold: '阈值',
    value: '数值',
    indicators: '指标',
    alertBacklog: '预警积压',
    caseBacklog: '案件积压',
    slaBreaches: '超时未结案件',
    reportLate: '监管报告逾期率',
    complaintBreach: '投诉超时率',
    overdue: '逾期率',
    disclosures: '信息披露',
    ledger: '账本健康',
    ledgerAge: '最近联署检查点（小时前）',
    openAlerts: '未关闭告警',
    lastSync: '最近报送（小时前）',
    incidents: '未关闭突发事件',
    period: '期间',
    version: '版本',
    verdict: '核验结果',
    verified: '已核验',
    pending: '待核验',
    mismatch: '不一致',
    reports: '监管报告副本',
    due: '应报日期',
    submitted: '报送时间',
    exitPlan: '退出计划',
    item: '事项',
    initial: '初始',
    current: '当前',
    closed: '已完成',
    open: '未完成',
    ready: '可以审批退出（仍需两名监管人员复核）',
    notReady: '尚不能退出',
    login: '登录',
    username: '用户名',
    password: '密码',
    logout: '退出登录',
    thresholds: '阈值设置',
    alerts: '告警',
    back: '返回看板',
    data: '数据时间',
    lang: 'English',
    loginFailed: '用户名或密码错误。',
  },
  en: {
    hub: 'Supervision hub',
    dashboard: 'Dashboard across platforms',
    platform: 'Platform',
    status: 'Status',
    flags: 'Flags',
    none: 'none',
    threshold: 'threshold',
    value: 'value',
    indicators: 'Indicators',
    alertBacklog: 'Alert backlog',
    caseBacklog: 'Case backlog',
    slaBreaches: 'Cases past SLA',
    reportLate: 'Reports submitted late',
    complaintBreach: 'Complaint breach rate',
    overdue: 'Overdue rate',
    disclosures: 'Disclosures',
    ledger: 'Ledger health',
    ledgerAge: 'Last cosigned checkpoint (hours ago)',
    openAlerts: 'Open alerts',
    lastSync: 'Last filing (hours ago)',
    incidents: 'Open incidents',
    period: 'Period',
    version: 'Version',
    verdict: 'Verdict',
    verified: 'verified',
    pending: 'pending',
    mismatch: 'MISMATCH',
    reports: 'Report copies',
    due: 'Due',
    submitted: 'Submitted',
    exitPlan: 'Exit plan',
    item: 'Item',
    initial: 'Initial',
    current: 'Current',
    closed: 'closed',
    open: 'open',
    ready: 'Exit may be approved (by two supervisors)',
    notReady: 'Not ready to exit',
    login: 'Sign in',
    username: 'Username',
    password: 'Password',
    logout: 'Sign out',
    thresholds: 'Thresholds',
    alerts: 'Alerts',
    back: 'Back to the dashboard',
    data: 'Data as of',
    lang: '中文',
    loginFailed: 'Wrong username or password.',
  },
} as const;
type Labels = (typeof L)[Lang];

const pctOf = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(x));
const time = (ms: number | null) =>
  ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z';

function page(lang: Lang, title: string, body: string, path: string): string {
  const other = lang === 'zh' ? 'en' : 'zh';
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${esc(title)} · ${esc(L[lang].hub)}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
main{max-width:1100px;margin:0 auto;padding:12px}header{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
h1{font-size:1.3rem;margin:8px 0}h2{font-size:1.1rem;margin:18px 0 8px}section{background:#fff;border-radius:8px;padding:12px;margin:12px 0;overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e5e6eb;padding:6px;text-align:left;vertical-align:top}
.critical{color:#b42318;font-weight:600}.warning{color:#b54708}.ok{color:#067647}.mono{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}
form.inline{display:inline}label{display:block;margin:8px 0}input{padding:6px;font-size:1rem}button{padding:6px 14px}
</style></head><body><main>
<header><h1>${esc(title)}</h1><nav><a href="${esc(path)}?lang=${other}" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${esc(L[lang].lang)}</a></nav></header>
${body}
</main></body></html>`;
}

const flagList = (flags: Flag[], lang: Lang, t: Labels) =>
  flags.length === 0
    ? `<span class="ok">${esc(t.none)}</span>`
    : `<ul>${flags
        .map(
          (f) =>
            `<li class="${f.severity}" data-flag="${esc(f.code)}">${esc(lang === 'zh' ? f.messageZh : f.message)} <small>(${esc(f.code)}: ${esc(t.value)} ${esc(f.value)} &gt; ${esc(t.threshold)} ${esc(f.threshold)}${f.setting ? ` · ${esc(f.setting)}` : ''})</small></li>`,
        )
        .join('')}</ul>`;

export function loginPage(lang: Lang, error?: string): string {
  const t = L[lang];
  return page(
    lang,
    t.login,
    `<section>${error ? `<p class="critical" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/hub/login?lang=${lang}"><label>${esc(t.username)} <input name="username" autocomplete="username" required></label>
<label>${esc(t.password)} <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">${esc(t.login)}</button></form></section>`,
    '/hub/login',
  );
}

const logout = (lang: Lang) =>
  `<form class="inline" method="post" action="/hub/logout?lang=${lang}"><button type="submit">${esc(L[lang].logout)}</button></form>`;

export function dashboardPage(lang: Lang, rows: PlatformDashboard[], th: Thresholds): string {
  const t = L[lang];
  const body = `<section><table><thead><tr><th>${esc(t.platform)}</th><th>${esc(t.status)}</th><th>${esc(t.caseBacklog)}</th><th>${esc(t.slaBreaches)}</th><th>${esc(t.reportLate)}</th><th>${esc(t.complaintBreach)}</th><th>${esc(t.overdue)}</th><th>${esc(t.disclosures)}</th><th>${esc(t.ledgerAge)}</th><th>${esc(t.flags)}</th></tr></thead><tbody>
${rows
  .map((r) => {
    const i = r.indicators;
    const od = i.overdue.map((o) => `${esc(o.currency)} ${pctOf(o.rate)}`).join('<br>') || '—';
    return `<tr><td><a href="/hub/platforms/${esc(r.platform.id)}?lang=${lang}">${esc(r.platform.name)}</a><br><small class="mono">${esc(r.platform.id)}</small></td><td>${esc(r.platform.status)}</td><td>${num(i.caseBacklog)}</td><td>${num(i.slaBreaches)}</td><td>${pctOf(i.reports.lateRate)}</td><td>${pctOf(i.complaints.breachRate)}</td><td>${od}</td><td>${i.disclosures.verified}/${i.disclosures.published}${i.disclosures.mismatched ? ` <span class="critical">${esc(t.mismatch)} ${i.disclosures.mismatched}</span>` : ''}</td><td>${num(i.ledger.ageHours)}</td><td>${flagList(r.flags, lang, t)}</td></tr>`;
  })
  .join('\n')}
</tbody></table></section>
<section><h2>${esc(t.thresholds)}</h2><table><tbody>${Object.entries(th)
    .map(([k, v]) => `<tr><th class="mono">${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('')}</tbody></table></section>${logout(lang)}`;
  return page(lang, t.dashboard, body, '/hub/dashboard');
}

const verdict = (d: HubDisclosure, t: Labels) =>
  d.state === 'verified'
    ? `<span class="ok">${esc(t.verified)}</span>`
    : d.state === 'pending'
      ? `<span class="warning">${esc(t.pending)}</span>`
      : `<span class="critical">${esc(t.mismatch)}</span>`;

export function platformPage(
  lang: Lang,
  r: PlatformDashboard,
  f: LatestFilings,
  disclosures: HubDisclosure[],
  alerts: HubAlert[],
): string {
  const t = L[lang];
  const i = r.indicators;
  const rows: [string, string][] = [
    [t.status, esc(r.platform.status)],
    [t.alertBacklog, num(i.alertBacklog)],
    [t.caseBacklog, num(i.caseBacklog)],
    [t.slaBreaches, num(i.slaBreaches)],
    [t.reportLate, `${pctOf(i.reports.lateRate)} (${i.reports.late}/${i.reports.submitted})`],
    [t.complaintBreach, `${pctOf(i.complaints.breachRate)} (${i.complaints.breached}/${i.complaints.received})`],
    [t.overdue, i.overdue.map((o) => `${esc(o.currency)} ${pctOf(o.rate)}`).join('<br>') || '—'],
    [t.incidents, num(i.incidentsOpen)],
    [t.ledgerAge, num(i.ledger.ageHours)],
    [t.openAlerts, num(i.ledger.openAlerts)],
    [t.lastSync, num(i.syncAgeHours)],
  ];
  const body = `<p><a href="/hub/dashboard?lang=${lang}">${esc(t.back)}</a>${r.platform.status === 'winding_down' ? ` · <a href="/hub/platforms/${esc(r.platform.id)}/exit-plan?lang=${lang}">${esc(t.exitPlan)}</a>` : ''}</p>
<section><h2>${esc(t.flags)}</h2>${flagList(r.flags, lang, t)}</section>
<section><h2>${esc(t.indicators)}</h2><table><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table></section>
<section><h2>${esc(t.disclosures)}</h2><table><thead><tr><th>${esc(t.period)}</th><th>${esc(t.version)}</th><th>${esc(t.verdict)}</th><th>SHA-256</th></tr></thead><tbody>${disclosures
    .map(
      (d) =>
        `<tr data-disclosure="${esc(d.id)}"><td>${esc(d.period)}</td><td>${d.version}</td><td>${verdict(d, t)}${d.reasons.length ? `<br><small>${d.reasons.map((x) => esc(lang === 'zh' ? x.zh : x.en)).join('<br>')}</small>` : ''}</td><td class="mono">${esc(d.computedHash)}</td></tr>`,
    )
    .join('')}</tbody></table></section>
<section><h2>${esc(t.reports)}</h2><table><thead><tr><th>ID</th><th>${esc(t.due)}</th><th>${esc(t.submitted)}</th><th>SHA-256</th></tr></thead><tbody>${f.reports
    .map(
      (x) =>
        `<tr><td class="mono">${esc(x.id)}<br>${esc(x.format)}</td><td>${esc(x.dueBy)}</td><td>${time(x.submittedAt)}</td><td class="mono">${esc(x.sha256 ?? '—')}</td></tr>`,
    )
    .join('')}</tbody></table></section>
<section><h2>${esc(t.alerts)}</h2><ul>${alerts.map((a) => `<li class="critical">${esc(lang === 'zh' ? a.messageZh : a.message)}</li>`).join('') || `<li>${esc(t.none)}</li>`}</ul></section>`;
  return page(lang, r.platform.name, body, `/hub/platforms/${r.platform.id}`);
}

/** A balance in its currency (decimal), a count as it is. */
const figure = (i: ExitItem, x: number): string =>
  i.unit === 'minor' && i.currency ? formatMoney({ minor: x, currency: i.currency }) : String(x);

export function exitPlanPage(
  lang: Lang,
  name: string,
  platformId: string,
  plan: ExitPlan | undefined,
  ready: { ok: boolean; reason?: string; reasonZh?: string },
): string {
  const t = L[lang];
  const body = `<p><a href="/hub/platforms/${esc(platformId)}?lang=${lang}">${esc(name)}</a></p>
<section><p class="${ready.ok ? 'ok' : 'warning'}">${esc(ready.ok ? t.ready : t.notReady)}${ready.ok ? '' : `: ${esc((lang === 'zh' ? ready.reasonZh : ready.reason) ?? '')}`}</p>
<p>${esc(t.data)}: ${time(plan?.dataAt ?? null)}</p>
<table><thead><tr><th>${esc(t.item)}</th><th>${esc(t.initial)}</th><th>${esc(t.current)}</th><th>${esc(t.status)}</th></tr></thead><tbody>${(
    plan?.items ?? []
  )
    .map(
      (i) =>
        `<tr data-item="${esc(i.key)}"><td>${esc(lang === 'zh' ? i.labelZh : i.label)}</td><td>${esc(figure(i, i.initial))}</td><td>${esc(figure(i, i.current))}</td><td>${i.closedAt === null ? `<span class="warning">${esc(t.open)}</span>` : `<span class="ok">${esc(t.closed)}</span> ${time(i.closedAt)}`}</td></tr>`,
    )
    .join('')}</tbody></table></section>`;
  return page(lang, `${t.exitPlan} · ${name}`, body, `/hub/platforms/${platformId}/exit-plan`);
}

export const loginFailedText = (lang: Lang): string => L[lang].loginFailed;
