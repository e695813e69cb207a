import {
  sha256Hex,
  ZhiliError,
  type AuditSink,
  type Clock,
  type Ids,
  type WorkingCalendar,
} from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { auditedReportStore } from '../audit.ts';
import { customerOf, partyOf } from '../core/alerts.ts';
import type { AlertRecord, HistoryEntry, ReportRecord } from '../core/types.ts';
import { caseError } from '../errors.ts';
import type { Viewer } from '../service.ts';
import type { CaseStore } from '../storage/port.ts';
import { buildDhtr, buildHvtr, type LargeValueItem, type TransactionKey } from './pboc/hvtr.ts';
import { compactDate, isoDate, localStamp, pbocFileName, type PbocProfile } from './pboc/profile.ts';
import { validatePbocXml } from './pboc/validate.ts';
import { assembleZip, entryBytes, packEntry, readZip, ZIP_END_BYTES, type PackedEntry } from './zip.ts';
import { missingFields } from './completeness.ts';
import { assertValidFile, assertValidFiles, invalidReport } from './files.ts';
import { collectFacts, withPartyFacts, type PartyFactsPort } from './party-facts.ts';

export interface ReportServiceOptions {
  store: Store;
  cases: CaseStore;
  clock: Clock;
  ids: Ids;
  calendar: WorkingCalendar;
  /** The tenant's PBOC identity; undefined when it has none configured. */
  profileOf: (tenantId: string) => Omit<PbocProfile, 'timeZone'> | undefined;
  maxPackageBytes?: number;
  /** Where report actions go for the audit ledger (ids and hashes only). */
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
  /** The customers' party records (names, IDs, nationality, address); the events' attributes are the fallback. */
  partyFacts?: PartyFactsPort | undefined;
}

export interface Deadline {
  dueBy: string;
  workingDaysLeft: number;
  overdue: boolean;
  /** Not yet submitted and due within one working day. */
  warning: boolean;
}

const MB5 = 5 * 1024 * 1024;
const open = new Set(['draft', 'approved']);

/** Regulatory reports: drafted from obligations or cases, approved by a second person, submitted as files. */
export class ReportService {
  private readonly o: ReportServiceOptions;
  constructor(o: ReportServiceOptions) {
    this.o = { ...o, cases: auditedReportStore(o.cases, o.audit, o.settleAudit) };
  }

  private async profile(tenantId: string): Promise<PbocProfile> {
    const p = this.o.profileOf(tenantId);
    if (!p)
      throw caseError('report_profile', {
        message: 'No PBOC reporting profile (institution code) is configured for this tenant.',
        messageZh: '该租户未配置人民银行报送机构信息（报告机构编码）。',
      });
    const tenant = await this.o.store.getTenant(tenantId);
    return { ...p, timeZone: tenant?.timeZone ?? 'Asia/Shanghai' };
  }

  private today(tz: string): string {
    return isoDate(localStamp(this.o.clock.now(), tz).slice(0, 8));
  }

  private entry(v: Viewer, subjectId: string, action: string, detail: Record<string, unknown> = {}): HistoryEntry {
    return {
      id: this.o.ids.next('hst'),
      tenantId: v.tenantId,
      subjectId,
      at: this.o.clock.now(),
      actor: v.userId,
      action,
      detail,
    };
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
   * A large-value report (HVTR, message N) of the given obligation alerts, or of all not yet reported.
   * Each same-day cumulative obligation brings every transaction that made up the total (the customer's
   * same-type movements of that local day); customer facts come from the party record first. An
   * obligation that cannot be reported (its event missing, its file failing the layout) is skipped and
   * listed in `payload.skipped`; the rest are drafted.
   */
  async draftLargeValue(v: Viewer, alertIds?: readonly string[]): Promise<ReportRecord> {
    const p = await this.profile(v.tenantId);
    const candidates = alertIds
      ? await Promise.all(alertIds.map((id) => this.o.cases.getAlert(v.tenantId, id)))
      : await this.o.cases.listAlerts(v.tenantId, { unreported: true, type: 'large_value_report', limit: 5000 });
    const alerts = candidates.filter(
      (a): a is AlertRecord => !!a && a.type === 'large_value_report' && a.reportId === null,
    );
    if (alerts.length === 0 || (alertIds && alerts.length !== alertIds.length))
      throw new ZhiliError('ZHILI_E_NOT_FOUND', {
        pointer: '/alertIds',
        message: 'No unreported large-value obligations to report.',
        messageZh: '没有待报送的大额交易。',
      });
    const skipped: { alertId: string; message: string; messageZh: string }[] = [];
    const accepted: { alert: AlertRecord; items: LargeValueItem[]; due: string }[] = [];
    for (const a of alerts) {
      try {
        const items = await this.obligationItems(v, p, a);
        const facts = await collectFacts(
          this.o.partyFacts,
          v.tenantId,
          v.userId,
          items.map((i) => i.event),
        );
        const withFacts = items.map((i) => ({ ...i, event: withPartyFacts(i.event, facts) }));
        // One bad obligation must not sink the batch: each is built and checked on its own first.
        // Our layout walk per obligation (fast); the parser and libxml2 check the whole file below.
        const own = validatePbocXml(buildHvtr(p, withFacts).xml);
        if (own.length > 0) throw invalidReport(own);
        const first = items[0] as LargeValueItem;
        const due =
          a.dueBy ?? this.o.calendar.addWorkingDays(isoDate(localStamp(first.occurredAt, p.timeZone).slice(0, 8)), 5);
        accepted.push({ alert: a, items: withFacts, due });
      } catch (e) {
        if (!(e instanceof ZhiliError)) throw e;
        skipped.push({ alertId: a.id, message: e.message, messageZh: e.messageZh });
      }
    }
    if (accepted.length === 0)
      throw caseError('report_invalid', {
        pointer: '/alertIds',
        message: `No obligation could be reported: ${skipped[0]?.message ?? ''}`,
        messageZh: `没有可报送的大额交易：${skipped[0]?.messageZh ?? ''}`,
        details: skipped.map((x) => ({ pointer: `/alerts/${x.alertId}`, message: x.message, messageZh: x.messageZh })),
      });
    const seen = new Set<string>();
    const items: LargeValueItem[] = [];
    for (const x of accepted)
      for (const i of x.items) {
        const k = `${i.eventId}\u0000${i.code}`;
        if (!seen.has(k)) items.push(i);
        seen.add(k);
      }
    const dueBy = accepted.map((x) => x.due).sort()[0] as string;
    const built = buildHvtr(p, items);
    await assertValidFile('pboc_hvtr', built.xml, validatePbocXml(built.xml));
    const r: ReportRecord = {
      id: this.o.ids.next('rpt'),
      tenantId: v.tenantId,
      format: 'pboc_hvtr',
      messageType: 'N',
      status: 'draft',
      str: false,
      caseId: null,
      alertIds: accepted.map((x) => x.alert.id),
      correctsId: null,
      payload: {
        root: 'HVTR',
        xml: built.xml,
        transactions: built.transactions,
        customers: built.customers,
        missing: missingFields(built.xml),
        skipped,
      },
      dueBy,
      createdBy: v.userId,
      createdAt: this.o.clock.now(),
      approvedBy: null,
      approvedAt: null,
      submittedAt: null,
      fileName: null,
      packageName: null,
      sha256: null,
      ackAt: null,
      ackNote: null,
      version: 1,
    };
    await this.o.cases.createReport(r, [
      this.entry(v, r.id, 'drafted', { alerts: r.alertIds.length, dueBy, skipped: skipped.map((x) => x.alertId) }),
    ]);
    return r;
  }

  /**
   * The transactions one obligation reports: its own event and, for a same-day cumulative total, the
   * customer's other movements of the same type and direction that local day up to it.
   */
  private async obligationItems(v: Viewer, p: PbocProfile, a: AlertRecord): Promise<LargeValueItem[]> {
    const d = await this.o.store.getDecision(v.tenantId, a.eventId);
    if (!d)
      throw new ZhiliError('ZHILI_E_NOT_FOUND', {
        pointer: '/alertIds',
        message: `event ${a.eventId} of obligation ${a.id} is not stored`,
        messageZh: `义务 ${a.id} 的事件 ${a.eventId} 不存在`,
      });
    const own: LargeValueItem = {
      alertId: a.id,
      code: a.code,
      eventId: a.eventId,
      eventType: d.type,
      event: d.event,
      occurredAt: d.occurredAt,
    };
    const customer = customerOf(d.type, d.event);
    const day = localStamp(d.occurredAt, p.timeZone).slice(0, 8);
    const isDebtor = partyOf((d.event as { debtor?: unknown } | null)?.debtor)?.partyId === customer;
    const window = 36 * 3600 * 1000;
    const moves = await this.o.cases.movementsOfParty(v.tenantId, customer, {
      from: d.occurredAt - window,
      to: d.occurredAt,
      limit: 1000,
    });
    const out: LargeValueItem[] = [];
    for (const m of moves) {
      if (m.eventId === a.eventId || m.type !== d.type || m.occurredAt > d.occurredAt) continue;
      if ((isDebtor ? m.debtorParty : m.creditorParty) !== customer) continue;
      if (localStamp(m.occurredAt, p.timeZone).slice(0, 8) !== day || m.outcome === 'block') continue;
      const other = await this.o.store.getDecision(v.tenantId, m.eventId);
      if (other)
        out.push({
          alertId: a.id,
          code: a.code,
          eventId: m.eventId,
          eventType: other.type,
          event: other.event,
          occurredAt: other.occurredAt,
        });
    }
    return [...out, own];
  }

  /** A deletion (DHTR, message D) of a submitted large-value report, as a new report of its own. */
  async draftDeletion(v: Viewer, id: string, reason: string): Promise<ReportRecord> {
    const p = await this.profile(v.tenantId);
    const orig = await this.get(v, id);
    if (orig.format !== 'pboc_hvtr' || (orig.status !== 'submitted' && orig.status !== 'acknowledged'))
      throw caseError('illegal_transition', {
        message: 'Only a submitted large-value report can be deleted.',
        messageZh: '只能删除已报送的大额交易报告。',
      });
    // Asking again while a deletion of this report is still open gives that deletion, not another one.
    const pending = await this.o.cases.listReports(v.tenantId, {
      format: 'pboc_hvtr',
      status: ['draft', 'approved'],
      limit: 1000,
    });
    const open = pending.find((r) => r.messageType === 'D' && r.correctsId === orig.id);
    if (open) return open;
    notErased(orig);
    const xml = buildDhtr(p, orig.payload.transactions as TransactionKey[]);
    await assertValidFile('pboc_hvtr', xml, validatePbocXml(xml));
    const r: ReportRecord = {
      ...orig,
      id: this.o.ids.next('rpt'),
      messageType: 'D',
      status: 'draft',
      alertIds: [],
      correctsId: orig.id,
      payload: { root: 'DHTR', xml, transactions: orig.payload.transactions, reason },
      dueBy: this.o.calendar.addWorkingDays(this.today(p.timeZone), 5),
      createdBy: v.userId,
      createdAt: this.o.clock.now(),
      ...{
        approvedBy: null,
        approvedAt: null,
        submittedAt: null,
        fileName: null,
        packageName: null,
        sha256: null,
        ackAt: null,
        ackNote: null,
        version: 1,
      },
    };
    await this.o.cases.createReport(r, [this.entry(v, r.id, 'drafted', { deletes: orig.id, reason })]);
    return r;
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
   * Produces the files of approved reports: names them by the PBOC rule (goAML: our own rule) with the
   * day's sequence, checks each against its layout again, and packs them into ZIPs of at most 5 MB, one
   * format and message type (goAML: report code) per package.
   */
  async submit(
    v: Viewer,
    ids: readonly string[],
  ): Promise<{ name: string; sha256: string; bytes: number; reportIds: string[] }[]> {
    const reports = await Promise.all(ids.map((id) => this.get(v, id)));
    reports.forEach(notErased);
    for (const r of reports)
      if (r.status !== 'approved')
        throw caseError('illegal_transition', {
          pointer: '/reportIds',
          message: `Report ${r.id} is ${r.status}, not approved.`,
        });
    const pboc = reports.some((r) => r.format.startsWith('pboc')) ? await this.profile(v.tenantId) : undefined;
    const date8 = compactDate(this.today((await this.o.store.getTenant(v.tenantId))?.timeZone ?? 'Asia/Shanghai'));
    const groups = new Map<string, ReportRecord[]>();
    const key = (r: ReportRecord): string =>
      `${r.format}:${r.messageType}:${typeof r.payload.reportCode === 'string' ? r.payload.reportCode : ''}`;
    for (const r of reports) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    const out: { name: string; sha256: string; bytes: number; reportIds: string[] }[] = [];
    const max = this.o.maxPackageBytes ?? MB5;
    for (const group of groups.values()) {
      const first = group[0] as ReportRecord;
      const naming = {
        messageType: first.messageType,
        industry: pboc?.industry ?? 'B',
        kind: first.format === 'pboc_bstr' ? ('S' as const) : ('H' as const),
        institutionCode: pboc?.institutionCode ?? '',
      };
      // goAML / FinCEN: `GOAML-<report code>-YYYYMMDD-<seq>`, `FINCEN-SARX-…`/`FINCEN-CTRX-…` (ours: neither prescribes a name).
      const goaml = first.format.startsWith('pboc')
        ? undefined
        : `${first.format === 'goaml' ? 'GOAML' : 'FINCEN'}-${String(first.payload.reportCode)}-${date8}`;
      const fileName = (n: number, ext: 'XML' | 'ZIP'): string =>
        goaml ? `${goaml}-${String(n).padStart(8, '0')}.${ext}` : pbocFileName(naming, date8, n, ext);
      const counter = goaml ? first.format : 'pboc';
      const files: { r: ReportRecord; name: string; xml: string }[] = [];
      await assertValidFiles(group.map((r) => ({ format: r.format, xml: r.payload.xml as string })));
      for (const r of group) {
        const xml = r.payload.xml as string;
        files.push({
          r,
          name: fileName(await this.o.cases.nextSequence(v.tenantId, `${counter}:${date8}`), 'XML'),
          xml,
        });
      }
      // Each file is deflated once (off the main thread); a package's size is known without re-packing it.
      const packed = await Promise.all(files.map((f) => packEntry({ name: f.name, data: Buffer.from(f.xml, 'utf8') })));
      let batch: (typeof files)[number][] = [];
      let batchPacked: PackedEntry[] = [];
      let batchBytes = ZIP_END_BYTES;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const bytes = assembleZip(batchPacked);
        if (bytes.length > max)
          throw caseError('report_invalid', { message: `${batch[0]?.name} alone exceeds the package size limit.` });
        const name = fileName(await this.o.cases.nextSequence(v.tenantId, `${counter}-zip:${date8}`), 'ZIP');
        const sha256 = sha256Hex(bytes);
        const reportIds = batch.map((f) => f.r.id);
        await this.o.cases.putPackage({
          name,
          tenantId: v.tenantId,
          reportIds,
          sha256,
          bytes,
          createdAt: this.o.clock.now(),
        });
        for (const f of batch) {
          const next: ReportRecord = {
            ...f.r,
            status: 'submitted',
            submittedAt: this.o.clock.now(),
            fileName: f.name,
            packageName: name,
            sha256: sha256Hex(f.xml),
            version: f.r.version + 1,
          };
          await this.o.cases.updateReport(next, [
            this.entry(v, f.r.id, 'submitted', { fileName: f.name, packageName: name, sha256: next.sha256 }),
          ]);
        }
        out.push({ name, sha256, bytes: bytes.length, reportIds });
        batch = [];
        batchPacked = [];
        batchBytes = ZIP_END_BYTES;
      };
      for (const [i, f] of files.entries()) {
        const p = packed[i];
        if (!p) continue;
        if (batchBytes + entryBytes(p) > max && batch.length > 0) await flush();
        batch.push(f);
        batchPacked.push(p);
        batchBytes += entryBytes(p);
      }
      await flush();
    }
    return out;
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

  async package(v: Viewer, name: string): Promise<{ name: string; bytes: Uint8Array; sha256: string }> {
    const pkg = await this.o.cases.getPackage(v.tenantId, name);
    if (!pkg) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/name' });
    const reports = [];
    for (const id of pkg.reportIds) reports.push(await this.get(v, id)); // tipping-off: hidden reports hide their packages
    // Every file is checked again before it leaves: a package is never offered with a file that fails.
    const format = (reports[0] as ReportRecord).format;
    if (pkg.bytes.length === 0) throw caseError('personal_data_erased', { pointer: '/name' });
    await assertValidFiles(readZip(pkg.bytes).map((f) => ({ format, xml: Buffer.from(f.data).toString('utf8') })));
    return pkg;
  }
}

/** A report whose data subject was erased (crypto-shredded) has no file left to approve, submit or correct. */
function notErased(r: ReportRecord): void {
  if (r.payload.personalDataErased === true) throw caseError('personal_data_erased', { pointer: `/reports/${r.id}` });
}
