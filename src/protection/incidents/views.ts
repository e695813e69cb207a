import { gradeNames, type Grade, type NoticeClock } from './core/grading.ts';
import type { IncidentDoc } from './schemas.ts';
import type { RegisterRecord } from '../storage/register-port.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export interface NoticeView {
  authority: string;
  name: string;
  nameZh: string;
  source: string;
  dueAt: string;
  sentAt?: string | undefined;
  status: string;
  minutesLeft?: number | undefined;
  reference?: string | undefined;
  by?: string | undefined;
}

export interface IncidentView {
  id: string;
  type: string;
  title: string;
  titleZh?: string | undefined;
  state: string;
  version: number;
  detectedAt: string;
  occurredAt?: string | undefined;
  facts: IncidentDoc['facts'];
  grade: Grade;
  gradeName: { en: string; zh: string };
  gradeReasons: string[];
  override?: { grade: string; reason: string; by: string; at: string } | undefined;
  planId?: string | undefined;
  notices: NoticeView[];
  containedAt?: string | undefined;
  resolvedAt?: string | undefined;
  closedAt?: string | undefined;
  report?:
    | (Omit<NonNullable<IncidentDoc['report']>, 'at' | 'approvedAt'> & { at: string; approvedAt?: string | undefined })
    | undefined;
}

export function incidentView(
  rec: RegisterRecord,
  d: IncidentDoc,
  clocks: (NoticeClock & { reference?: string | undefined; by?: string | undefined })[],
): IncidentView {
  return {
    id: d.id,
    type: d.type,
    title: d.title,
    titleZh: d.titleZh,
    state: rec.state,
    version: rec.version,
    detectedAt: new Date(d.detectedAt).toISOString(),
    occurredAt: iso(d.occurredAt),
    facts: d.facts,
    grade: d.grade,
    gradeName: gradeNames[d.grade],
    gradeReasons: d.gradeReasons,
    override: d.override && { ...d.override, at: new Date(d.override.at).toISOString() },
    planId: d.planId,
    notices: clocks.map((c) => ({ ...c, dueAt: new Date(c.dueAt).toISOString(), sentAt: iso(c.sentAt) })),
    containedAt: iso(d.times.contained),
    resolvedAt: iso(d.times.resolved),
    closedAt: iso(d.times.closed),
    report: d.report && { ...d.report, at: new Date(d.report.at).toISOString(), approvedAt: iso(d.report.approvedAt) },
  };
}
