import { ZhiliError } from '../../kernel/index.ts';
import { auditedReportStore } from '../audit.ts';
import type { HistoryEntry, ReportRecord } from '../core/types.ts';
import { caseError } from '../errors.ts';
import type { Viewer } from '../service.ts';
import { historyEntry, notErased, pbocProfile, type ReportContext, type ReportServiceOptions } from './context.ts';
import { draftDeletion, draftLargeValue } from './large-value.ts';
import { reportPackage, submitReports } from './packaging.ts';
import { isoDate, localStamp, type PbocProfile } from './pboc/profile.ts';
import { missingFields } from './completeness.ts';
import { assertValidFile } from './files.ts';

export type { ReportServiceOptions } from './context.ts';

export interface Deadline {
  dueBy: string;
  workingDaysLeft: number;
  overdue: boolean;
  /** Not yet submitted and due within one working day. */
  warning: boolean;
}

const open = new Set(['draft', 'approved']);

/** Regulatory reports: drafted from obligations or cases, approved by a second person, submitted as files. */
export class ReportService {
  private readonly o: ReportServiceOptions;
  /** The helpers the drafting and packaging steps (large-value.ts, packaging.ts) share with the service. */
  private readonly ctx: ReportContext;
  constructor(o: ReportServiceOptions) {
    this.o = { ...o, cases: auditedReportStore(o.cases, o.audit, o.settleAudit) };
    this.ctx = {
      o: this.o,
      profile: (tenantId) => this.profile(tenantId),
      today: (tz) => this.today(tz),
      entry: (v, subjectId, action, detail) => this.entry(v, subjectId, action, detail),
      get: (v, id) => this.get(v, id),
    };
  }

  private profile(tenantId: string): Promise<PbocProfile> {
    return pbocProfile(this.o, tenantId);
  }

  private today(tz: string): string {
    return isoDate(localStamp(this.o.clock.now(), tz).slice(0, 8));
  }

  private entry(v: Viewer, subjectId: string, action: string, detail: Record<string, unknown> = {}): HistoryEntry {
    return historyEntry(this.o, v, subjectId, action, detail);
  }

  deadline(r: ReportRecord, today: string): Deadline {
    let left = 0;
    if (today < r.dueBy) for (let d = today; d < r.dueBy; left++) d = this.o.calendar.addWorkingDays(d, 1);
    const pending = open.has(r.status);
    return {
      dueBy: r.dueBy,
      workingDaysLeft: left,
      overdue: pending && today > r.dueBy,
      warning: pending && left <= 1,
    };
  }

  /**
   * A large-value report (HVTR, message N) of the given obligation alerts, or of all not yet reported;
   * an obligation that cannot be reported is skipped and listed in `payload.skipped` (large-value.ts).
   */
  draftLargeValue(v: Viewer, alertIds?: readonly string[]): Promise<ReportRecord> {
    return draftLargeValue(this.ctx, v, alertIds);
  }

  /** A deletion (DHTR, message D) of a submitted large-value report, as a new report of its own. */
  draftDeletion(v: Viewer, id: string, reason: string): Promise<ReportRecord> {
    return draftDeletion(this.ctx, v, id, reason);
  }

  async get(v: Viewer, id: string): Promise<ReportRecord> {
    const r = await this.o.cases.getReport(v.tenantId, id);
    if (!r || (r.str && !v.seesStr)) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    return r;
  }

  async history(v: Viewer, id: string): Promise<HistoryEntry[]> {
    await this.get(v, id);
    return this.o.cases.history(v.tenantId, id);
  }

  /** The register: every report with its deadline state. */
  async register(
    v: Viewer,
    f: { status?: ReportRecord['status'][]; format?: string; limit: number },
  ): Promise<(ReportRecord & { deadline: Deadline })[]> {
    const tenant = await this.o.store.getTenant(v.tenantId);
    const today = this.today(tenant?.timeZone ?? 'Asia/Shanghai');
    const list = await this.o.cases.listReports(v.tenantId, { ...f, ...(v.seesStr ? {} : { str: false }) });
    return list.map((r) => ({ ...r, deadline: this.deadline(r, today) }));
  }

  private async decide(v: Viewer, id: string, approve: boolean, note: string): Promise<ReportRecord> {
    const r = await this.get(v, id);
    if (r.status !== 'draft')
      throw caseError('illegal_transition', { message: `A ${r.status} report cannot be approved or rejected.` });
    if (!v.roles.includes('approver') || v.userId === r.createdBy)
      throw caseError('four_eyes', {
        message: 'A report is approved or rejected by a second operator with the approver role, not by its author.',
        messageZh: '报告须由起草人以外、具有审批角色的第二名操作员批准或驳回。',
      });
    if (approve) {
      notErased(r);
      // The file is checked again from its bytes, and every mandatory field must be there.
      await assertValidFile(r.format, r.payload.xml as string);
      const missing = missingFields(r.payload.xml as string);
      if (missing.length > 0)
        throw caseError('report_incomplete', {
          message: `The report lacks mandatory fields: ${missing.map((m) => m.label).join(', ')}.`,
          messageZh: `报告缺少必填项：${missing.map((m) => m.labelZh).join('、')}。`,
          details: missing.slice(0, 50).map((m) => ({ pointer: m.path, message: m.message, messageZh: m.messageZh })),
        });
    }
    const now = this.o.clock.now();
    const next: ReportRecord = approve
      ? { ...r, status: 'approved', approvedBy: v.userId, approvedAt: now, version: r.version + 1 }
      : { ...r, status: 'rejected', version: r.version + 1 };
    await this.o.cases.updateReport(next, [this.entry(v, id, approve ? 'approved' : 'rejected', { note })], {
      releaseAlerts: !approve,
    });
    return next;
  }

  approve = (v: Viewer, id: string, note = ''): Promise<ReportRecord> => this.decide(v, id, true, note);
  reject = (v: Viewer, id: string, reason: string): Promise<ReportRecord> => this.decide(v, id, false, reason);

  /**
   * Produces the files of approved reports, named by the PBOC rule (goAML / FinCEN: ours) with the day's
   * sequence, checked again and packed into ZIPs of at most 5 MB, one format and message type a package.
   */
  submit(
    v: Viewer,
    ids: readonly string[],
  ): Promise<{ name: string; sha256: string; bytes: number; reportIds: string[] }[]> {
    return submitReports(this.ctx, v, ids);
  }

  /** The FIU's answer to a submitted report. */
  async acknowledge(v: Viewer, id: string, accepted: boolean, note: string): Promise<ReportRecord> {
    const r = await this.get(v, id);
    if (r.status !== 'submitted')
      throw caseError('illegal_transition', { message: `A ${r.status} report cannot be acknowledged.` });
    const next: ReportRecord = {
      ...r,
      status: accepted ? 'acknowledged' : 'rejected',
      ackAt: this.o.clock.now(),
      ackNote: note,
      version: r.version + 1,
    };
    await this.o.cases.updateReport(next, [this.entry(v, id, accepted ? 'acknowledged' : 'rejected_by_fiu', { note })]);
    return next;
  }

  /** A package's bytes, its files checked again before they leave (packaging.ts). */
  package(v: Viewer, name: string): Promise<{ name: string; bytes: Uint8Array; sha256: string }> {
    return reportPackage(this.ctx, v, name);
  }
}
