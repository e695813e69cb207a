import { ZhiliError } from '../../kernel/index.ts';
import { customerOf } from '../core/alerts.ts';
import { applyAction } from '../core/workflow.ts';
import type { HistoryEntry, ReportRecord } from '../core/types.ts';
import { auditedReportStore } from '../audit.ts';
import { caseError } from '../errors.ts';
import { isStrCase, type Viewer } from '../service.ts';
import { buildCtrx } from './fincen/ctrx.ts';
import { ctrDueBy, sarDueBy } from './fincen/deadlines.ts';
import { validateFincenXml } from './fincen/layout.ts';
import type { FincenProfile } from './fincen/profile.ts';
import { buildSarx } from './fincen/sarx.ts';
import { buildGoaml } from './goaml/build.ts';
import type { GoamlProfile } from './goaml/profile.ts';
import { validateGoamlXml } from './goaml/validate.ts';
import { buildBstr, type CaseTransaction, type SuspicionInput } from './pboc/bstr.ts';
import { isoDate, localStamp } from './pboc/profile.ts';
import { validatePbocXml } from './pboc/validate.ts';
import { draftRecord, historyEntry, pbocProfile, tenantZone, type ReportServiceOptions } from './context.ts';
import { missingFields } from './completeness.ts';
import { assertValidFile } from './files.ts';
import { collectFacts, withPartyFacts } from './party-facts.ts';

export interface SuspiciousOptions extends ReportServiceOptions {
  goamlProfileOf: (tenantId: string) => Omit<GoamlProfile, 'timeZone'> | undefined;
  fincenProfileOf: (tenantId: string) => Omit<FincenProfile, 'timeZone'> | undefined;
}

export interface FincenSarRequest {
  caseId: string;
  eventIds?: string[];
  narrative: string;
  classifications: { typeId: string; subtypeId: string }[];
  /** Whether a suspect was identified at initial detection: the SAR is due in 30 days, else 60. */
  suspectIdentified: boolean;
}

export interface GoamlRequest {
  reportCode: 'str' | 'ctr';
  /** STR: the case whose alerts' transactions are reported. */
  caseId?: string;
  /** STR: further transactions of the case's customer to include (the alerts' own are always in). */
  eventIds?: string[];
  /** CTR: unreported large-value obligation alerts. */
  alertIds?: string[];
  reason?: string;
  action?: string;
  indicators: string[];
}

/** FinCEN amounts are whole US dollars and we do no FX conversion: other currencies are refused. */
function usdOnly(items: readonly CaseTransaction[]): void {
  const other = items.find((i) => {
    const amount = (i.event as { amount?: { currency?: unknown } } | null)?.amount;
    return amount?.currency !== 'USD';
  });
  if (other)
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      pointer: '/eventIds',
      message: `Transaction ${other.eventId} is not in USD; FinCEN reports are filed in US dollars (no FX conversion here).`,
    });
}

/**
 * Suspicious reports from cases (PBOC BSTR, goAML STR) and goAML CTRs from obligations. Drafting an STR
 * tags the case `str`: from then on the case, its alerts and the report are hidden from non-AML roles.
 */
export class SuspiciousReports {
  private readonly o: SuspiciousOptions;
  constructor(o: SuspiciousOptions) {
    this.o = { ...o, cases: auditedReportStore(o.cases, o.audit, o.settleAudit) };
  }

  private tz(tenantId: string): Promise<string> {
    return tenantZone(this.o, tenantId);
  }

  private entry(v: Viewer, subjectId: string, action: string, detail: Record<string, unknown>): HistoryEntry {
    return historyEntry(this.o, v, subjectId, action, detail);
  }

  /** The items with the customers' party records over the events' own attributes. */
  private async withFacts(v: Viewer, items: CaseTransaction[]): Promise<CaseTransaction[]> {
    const facts = await collectFacts(
      this.o.partyFacts,
      v.tenantId,
      v.userId,
      items.map((i) => i.event),
    );
    return items.map((i) => ({ ...i, event: withPartyFacts(i.event, facts) }));
  }

  async goamlProfile(tenantId: string): Promise<GoamlProfile> {
    const p = this.o.goamlProfileOf(tenantId);
    if (!p)
      throw caseError('report_profile', {
        message: 'No goAML reporting profile is configured for this tenant.',
        messageZh: '该租户未配置 goAML 报送信息。',
      });
    return { ...p, timeZone: await this.tz(tenantId) };
  }

  /** The case's transactions (its alerts' events, once each) after checking it may be reported. */
  private async caseTransactions(
    v: Viewer,
    caseId: string,
    format: ReportRecord['format'],
    extra: readonly string[] = [],
  ): Promise<{ items: CaseTransaction[]; alertIds: string[] }> {
    const c = await this.o.cases.getCase(v.tenantId, caseId);
    if (!c || !v.seesStr) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/caseId' });
    const existing = await this.o.cases.listReports(v.tenantId, { format, limit: 500 });
    if (existing.some((r) => r.caseId === caseId && r.status !== 'rejected' && r.str))
      throw caseError('illegal_transition', {
        pointer: '/caseId',
        message: `Case ${caseId} already has a ${format} report.`,
        messageZh: '该案件已有同类可疑交易报告。',
      });
    const alerts = await this.o.cases.listAlerts(v.tenantId, { caseId, limit: 1000 });
    const items = new Map<string, CaseTransaction>();
    for (const a of alerts) {
      if (items.has(a.eventId)) continue;
      const d = await this.o.store.getDecision(v.tenantId, a.eventId);
      if (d) items.set(a.eventId, { eventId: a.eventId, eventType: d.type, event: d.event, occurredAt: d.occurredAt });
    }
    for (const eventId of extra) {
      if (items.has(eventId)) continue;
      const d = await this.o.store.getDecision(v.tenantId, eventId);
      if (!d || customerOf(d.type, d.event) !== c.customerId)
        throw new ZhiliError('ZHILI_E_NOT_FOUND', {
          pointer: '/eventIds',
          message: `Event ${eventId} is not a stored transaction of the case's customer.`,
        });
      items.set(eventId, { eventId, eventType: d.type, event: d.event, occurredAt: d.occurredAt });
    }
    if (items.size === 0)
      throw new ZhiliError('ZHILI_E_NOT_FOUND', {
        pointer: '/caseId',
        message: 'The case has no stored transactions to report.',
      });
    if (!isStrCase(c)) {
      const r = applyAction(c, { type: 'tag', add: ['str'] }, { id: v.userId, roles: v.roles }, this.o.clock.now());
      if (!r.ok) throw caseError(r.error.kind, { message: r.error.message, messageZh: r.error.messageZh });
      await this.o.cases.updateCase(r.value.case, [
        this.entry(v, caseId, r.value.action, { ...r.value.detail, reason: 'suspicious report drafted' }),
      ]);
    }
    return { items: await this.withFacts(v, [...items.values()]), alertIds: alerts.map((a) => a.id) };
  }

  private record(
    v: Viewer,
    r: Pick<ReportRecord, 'format' | 'str' | 'caseId' | 'alertIds' | 'payload' | 'dueBy'>,
    id = this.o.ids.next('rpt'),
  ): ReportRecord {
    return draftRecord(this.o, v, { ...r, id });
  }

  /** A PBOC suspicious transaction report (BSTR) of a case, due 5 working days from today. */
  async draftBstr(v: Viewer, caseId: string, q: SuspicionInput & { eventIds?: string[] }): Promise<ReportRecord> {
    const p = await pbocProfile(this.o, v.tenantId);
    const { items, alertIds } = await this.caseTransactions(v, caseId, 'pboc_bstr', q.eventIds);
    const built = buildBstr(p, items, q);
    await assertValidFile('pboc_bstr', built.xml, validatePbocXml(built.xml));
    const today = isoDate(localStamp(this.o.clock.now(), p.timeZone).slice(0, 8));
    const r = this.record(v, {
      format: 'pboc_bstr',
      str: true,
      caseId,
      alertIds: [],
      payload: {
        root: 'BSTR',
        xml: built.xml,
        missing: missingFields(built.xml),
        caseAlertIds: alertIds,
        subjects: built.subjects,
        transactions: built.transactions,
        characteristicCodes: q.characteristicCodes,
      },
      dueBy: this.o.calendar.addWorkingDays(today, 5),
    });
    await this.o.cases.createReport(r, [this.entry(v, r.id, 'drafted', { caseId, dueBy: r.dueBy })]);
    return r;
  }

  /** A goAML STR of a case or CTR of large-value obligations, with the FIU's codes from the profile. */
  async draftGoaml(v: Viewer, q: GoamlRequest): Promise<ReportRecord> {
    const p = await this.goamlProfile(v.tenantId);
    const bad = q.indicators.filter((i) => !p.indicators.includes(i));
    if (bad.length > 0 || q.indicators.length === 0)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/indicators',
        message: `At least one indicator from the FIU's list is required; unknown: ${bad.join(', ') || 'none given'}.`,
      });
    let items: CaseTransaction[];
    let caseAlertIds: string[] = [];
    let alertIds: string[] = [];
    if (q.reportCode === 'str') {
      if (!q.caseId)
        throw new ZhiliError('ZHILI_E_VALIDATION', { pointer: '/caseId', message: 'An STR is drafted from a case.' });
      if (!q.reason)
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '/reason',
          message: 'An STR states the reason for suspicion.',
        });
      ({ items, alertIds: caseAlertIds } = await this.caseTransactions(v, q.caseId, 'goaml', q.eventIds));
    } else {
      const alerts = await Promise.all((q.alertIds ?? []).map((id) => this.o.cases.getAlert(v.tenantId, id)));
      if (alerts.length === 0 || alerts.some((a) => !a || a.type !== 'large_value_report' || a.reportId !== null))
        throw new ZhiliError('ZHILI_E_NOT_FOUND', {
          pointer: '/alertIds',
          message: 'A CTR needs unreported large-value obligation alerts.',
        });
      items = [];
      for (const a of alerts) {
        const d = a && (await this.o.store.getDecision(v.tenantId, a.eventId));
        if (d) items.push({ eventId: d.eventId, eventType: d.type, event: d.event, occurredAt: d.occurredAt });
      }
      items = await this.withFacts(v, items);
      alertIds = q.alertIds ?? [];
    }
    const id = this.o.ids.next('rpt');
    const built = buildGoaml(p, items, {
      kind: q.reportCode,
      reference: id,
      submittedAt: this.o.clock.now(),
      indicators: q.indicators,
      ...(q.reason ? { reason: q.reason } : {}),
      ...(q.action ? { action: q.action } : {}),
    });
    const problems = validateGoamlXml(built.xml, {
      indicators: p.indicators,
      reportCodes: [p.reportCodes.str, p.reportCodes.ctr],
    });
    await assertValidFile('goaml', built.xml, problems);
    const today = isoDate(localStamp(this.o.clock.now(), p.timeZone).slice(0, 8));
    const days = (q.reportCode === 'str' ? p.dueWorkingDays?.str : p.dueWorkingDays?.ctr) ?? 5;
    const r = this.record(
      v,
      {
        format: 'goaml',
        str: q.reportCode === 'str',
        caseId: q.caseId ?? null,
        alertIds,
        payload: {
          root: 'report',
          reportCode: q.reportCode === 'str' ? p.reportCodes.str : p.reportCodes.ctr,
          xml: built.xml,
          missing: missingFields(built.xml),
          caseAlertIds,
          transactions: built.transactions,
          indicators: q.indicators,
        },
        dueBy: this.o.calendar.addWorkingDays(today, days),
      },
      id,
    );
    await this.o.cases.createReport(r, [
      this.entry(v, r.id, 'drafted', { caseId: r.caseId, reportCode: r.payload.reportCode, dueBy: r.dueBy }),
    ]);
    return r;
  }

  /**
   * A FinCEN SAR (batch XML, SARX) of a case. Initial detection is the day the case opened (tenant's
   * zone): due 30 calendar days later, 60 when no suspect was identified.
   */
  async draftFincenSar(v: Viewer, q: FincenSarRequest): Promise<ReportRecord> {
    const base = this.o.fincenProfileOf(v.tenantId);
    if (!base)
      throw caseError('report_profile', {
        message: 'No FinCEN filing profile is configured for this tenant.',
        messageZh: '该租户未配置 FinCEN 报送信息。',
      });
    const p = { ...base, timeZone: await this.tz(v.tenantId) };
    const { items, alertIds } = await this.caseTransactions(v, q.caseId, 'fincen_sar', q.eventIds);
    usdOnly(items);
    const c = await this.o.cases.getCase(v.tenantId, q.caseId);
    const detected = isoDate(localStamp(c?.openedAt ?? this.o.clock.now(), p.timeZone).slice(0, 8));
    const today = isoDate(localStamp(this.o.clock.now(), p.timeZone).slice(0, 8));
    const built = buildSarx(p, items, {
      filingDate: today,
      narrative: q.narrative,
      classifications: q.classifications,
    });
    await assertValidFile('fincen_sar', built.xml, validateFincenXml(built.xml));
    const r = this.record(v, {
      format: 'fincen_sar',
      str: true,
      caseId: q.caseId,
      alertIds: [],
      payload: {
        root: 'EFilingBatchXML',
        reportCode: 'SARX',
        xml: built.xml,
        missing: missingFields(built.xml),
        caseAlertIds: alertIds,
        totalAmount: built.amount,
        detectedOn: detected,
        suspectIdentified: q.suspectIdentified,
      },
      dueBy: sarDueBy(detected, q.suspectIdentified),
    });
    await this.o.cases.createReport(r, [
      this.entry(v, r.id, 'drafted', { caseId: q.caseId, dueBy: r.dueBy, detectedOn: detected }),
    ]);
    return r;
  }

  /** A FinCEN CTR batch (CTRX) of unreported large-value cash obligations; due 15 days after the earliest transaction. */
  async draftFincenCtr(v: Viewer, alertIds: readonly string[]): Promise<ReportRecord> {
    const base = this.o.fincenProfileOf(v.tenantId);
    if (!base)
      throw caseError('report_profile', {
        message: 'No FinCEN filing profile is configured for this tenant.',
        messageZh: '该租户未配置 FinCEN 报送信息。',
      });
    const p = { ...base, timeZone: await this.tz(v.tenantId) };
    const alerts = await Promise.all(alertIds.map((id) => this.o.cases.getAlert(v.tenantId, id)));
    const items: CaseTransaction[] = [];
    for (const a of alerts) {
      const d =
        a && a.type === 'large_value_report' && a.reportId === null
          ? await this.o.store.getDecision(v.tenantId, a.eventId)
          : undefined;
      if (!d || (d.type !== 'cash_deposit' && d.type !== 'cash_withdrawal'))
        throw new ZhiliError('ZHILI_E_NOT_FOUND', {
          pointer: '/alertIds',
          message: 'A CTR needs unreported large-value obligations on cash transactions.',
        });
      items.push({ eventId: d.eventId, eventType: d.type, event: d.event, occurredAt: d.occurredAt });
    }
    usdOnly(items);
    const today = isoDate(localStamp(this.o.clock.now(), p.timeZone).slice(0, 8));
    const built = buildCtrx(p, await this.withFacts(v, items), { filingDate: today });
    await assertValidFile('fincen_sar', built.xml, validateFincenXml(built.xml));
    const r = this.record(v, {
      format: 'fincen_ctr',
      str: false,
      caseId: null,
      alertIds: [...alertIds],
      payload: {
        root: 'EFilingBatchXML',
        reportCode: 'CTRX',
        xml: built.xml,
        missing: missingFields(built.xml),
        activities: built.activities,
      },
      dueBy: ctrDueBy(isoDate(built.firstDate)),
    });
    await this.o.cases.createReport(r, [this.entry(v, r.id, 'drafted', { alerts: alertIds.length, dueBy: r.dueBy })]);
    return r;
  }
}
