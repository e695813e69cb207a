/** The post-incident report (事件总结报告) as bilingual JSON and a self-contained HTML page. Pure. */
import type { IncidentView } from './views.ts';
import type { PlanView } from './plans.ts';

export interface ReportData {
  incident: IncidentView;
  plan?: PlanView | Omit<PlanView, 'updatedAt'> | undefined;
  history: { seq: number; action: string; actorId: string; at: string; dataHash: string }[];
}

export function reportJson(r: ReportData, generatedAt: string) {
  const i = r.incident;
  return {
    format: 'zhili.incident-report/1',
    title: 'Post-incident report',
    titleZh: '事件总结报告',
    generatedAt,
    incident: {
      id: i.id,
      type: i.type,
      title: i.title,
      titleZh: i.titleZh,
      grade: i.grade,
      gradeName: i.gradeName,
      gradeReasons: i.gradeReasons,
      override: i.override,
      facts: i.facts,
      detectedAt: i.detectedAt,
      occurredAt: i.occurredAt,
      containedAt: i.containedAt,
      resolvedAt: i.resolvedAt,
      closedAt: i.closedAt,
      state: i.state,
    },
    notices: i.notices,
    plan: r.plan ? { id: r.plan.id, version: r.plan.version, title: r.plan.title, titleZh: r.plan.titleZh } : null,
    report: i.report ?? null,
    history: r.history,
  };
}

const esc = (s: string | number | undefined): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const row = (en: string, zh: string, v: string | number | undefined) =>
  `<tr><th>${esc(en)}<br><span lang="zh-CN">${esc(zh)}</span></th><td>${esc(v)}</td></tr>`;
const list = (xs: readonly string[]) => `<ul>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;

export function reportHtml(r: ReportData, generatedAt: string): string {
  const i = r.incident;
  const rep = i.report;
  const notices = i.notices
    .map(
      (n) =>
        `<tr><td>${esc(n.name)}<br><span lang="zh-CN">${esc(n.nameZh)}</span></td><td>${esc(n.dueAt)}</td><td>${esc(n.sentAt ?? '—')}</td><td>${esc(n.status)}</td><td>${esc(n.source)}</td></tr>`,
    )
    .join('');
  const history = r.history
    .map(
      (h) =>
        `<tr><td>${h.seq}</td><td>${esc(h.at)}</td><td>${esc(h.action)}</td><td>${esc(h.actorId)}</td><td><code>${esc(h.dataHash.slice(0, 16))}…</code></td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Post-incident report · 事件总结报告 · ${esc(i.id)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4;width:14rem}</style>
</head><body>
<h1>Post-incident report <span lang="zh-CN">事件总结报告</span></h1>
<p>${esc(i.title)}${i.titleZh ? ` · <span lang="zh-CN">${esc(i.titleZh)}</span>` : ''}</p>
<table>
${row('Incident', '事件编号', i.id)}
${row('Type', '事件类型', i.type)}
${row('Grade', '事件等级', `${i.grade} · ${i.gradeName.en} · ${i.gradeName.zh}`)}
${row('Grading reasons', '定级依据', i.gradeReasons.join('; ') || (i.override ? `override: ${i.override.reason}` : '—'))}
${row('Detected', '发现时间', i.detectedAt)}
${row('Contained', '控制时间', i.containedAt ?? '—')}
${row('Resolved', '恢复时间', i.resolvedAt ?? '—')}
${row('Closed', '关闭时间', i.closedAt ?? '—')}
${row('Contingency plan', '应急预案', r.plan ? `${r.plan.id} v${r.plan.version} ${r.plan.title} · ${r.plan.titleZh}` : '—')}
</table>
<h2>Notices to authorities <span lang="zh-CN">向监管及有关部门报告</span></h2>
<table><tr><th>Authority · 报告对象</th><th>Due · 时限</th><th>Sent · 报送时间</th><th>Status · 状态</th><th>Source · 依据</th></tr>${notices}</table>
<h2>Report <span lang="zh-CN">总结</span></h2>
${
  rep
    ? `<table>
${row('Summary', '事件经过', rep.summary)}${rep.summaryZh ? row('Summary (zh)', '事件经过（中文）', rep.summaryZh) : ''}
${row('Root cause', '原因分析', rep.rootCause)}${rep.rootCauseZh ? row('Root cause (zh)', '原因分析（中文）', rep.rootCauseZh) : ''}
<tr><th>Actions<br><span lang="zh-CN">整改措施</span></th><td>${list(rep.actions)}</td></tr>
<tr><th>Lessons<br><span lang="zh-CN">经验教训</span></th><td>${list(rep.lessons)}</td></tr>
${row('Author', '撰写人', `${rep.author} · ${rep.at}`)}
${row('Approved by', '审批人', rep.approvedBy ? `${rep.approvedBy} · ${rep.approvedAt ?? ''}` : 'not approved · 未审批')}
</table>`
    : '<p>No report written yet · 尚未撰写总结报告</p>'
}
<h2>History <span lang="zh-CN">处置记录</span></h2>
<table><tr><th>#</th><th>At · 时间</th><th>Step · 步骤</th><th>By · 操作人</th><th>Hash · 摘要</th></tr>${history}</table>
<p><small>Generated ${esc(generatedAt)} · 生成时间 · Zhili</small></p>
</body></html>
`;
}
