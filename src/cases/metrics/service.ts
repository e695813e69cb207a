import { ZhiliError, type Clock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { partyOf } from '../core/alerts.ts';
import { closedStatuses, type AlertRecord, type CaseRecord, type ReportRecord } from '../core/types.ts';
import type { Viewer } from '../service.ts';
import type { CaseStore } from '../storage/port.ts';
import { reportedCase } from '../tipping-off.ts';
import { complianceMetrics } from './core/compute.ts';
import type { ComplianceMetrics } from './schemas.ts';

/** The tenant's customers rated high or prohibited (not erased): the runtime wires it to the parties module. */
export type HighRiskPort = (tenantId: string) => Promise<{ id: string; externalId: string | null }[]>;

export interface MetricsServiceOptions {
  store: Store;
  cases: CaseStore;
  clock: Clock;
  highRisk?: HighRiskPort | undefined;
}

const PAGE = 5000;
const DEFAULT_DAYS = 90;

/** Compliance metrics for one tenant and period, computed from the records the viewer may see. */
export class ComplianceMetricsService {
  constructor(readonly o: MetricsServiceOptions) {}

  async timeZone(tenantId: string): Promise<string> {
    return (await this.o.store.getTenant(tenantId))?.timeZone ?? 'Asia/Shanghai';
  }

  async compute(v: Viewer, range: { from?: number | undefined; to?: number | undefined }): Promise<ComplianceMetrics> {
    const now = this.o.clock.now();
    const to = range.to ?? now;
    const from = range.from ?? to - DEFAULT_DAYS * 86_400_000;
    if (from >= to) throw new ZhiliError('ZHILI_E_VALIDATION', { pointer: '/from', message: 'from must be before to' });
    const t = v.tenantId;
    const [allCases, allAlerts, strReports] = await Promise.all([
      this.cases(t),
      this.alertsSince(t, from),
      this.o.cases.listReports(t, { str: true, limit: 100_000 }),
    ]);
    // Tipping-off: roles outside AML see neither the cases about a suspicious report nor their alerts,
    // exactly as the case and alert lists hide them, so no figure can be set against a list to infer one.
    const strIds = new Set(strReports.map((r) => r.caseId).filter((id): id is string => id !== null));
    const hidden = v.seesStr
      ? new Set<string>()
      : new Set(allCases.filter((c) => reportedCase(c) || strIds.has(c.id)).map((c) => c.id));
    const cases = allCases.filter((c) => !hidden.has(c.id));
    const alerts = allAlerts.filter((a) => !hidden.has(a.caseId));
    const reports: ReportRecord[] = v.seesStr ? strReports : [];
    const coverage = await this.coverage(t, from, to, cases);
    const m = complianceMetrics({ now, from, to, alerts, cases, reports, strVisible: v.seesStr, coverage });
    const names = await this.usernames(
      t,
      m.timeToClose.byAssignee.map((r) => r.key),
    );
    return {
      ...m,
      timeToClose: {
        ...m.timeToClose,
        byAssignee: m.timeToClose.byAssignee.map((r) => ({
          ...r,
          key: r.key === null ? null : (names.get(r.key) ?? r.key),
        })),
      },
    };
  }

  private async cases(tenantId: string): Promise<CaseRecord[]> {
    const out: CaseRecord[] = [];
    for (let before: string | undefined; ;) {
      const page = await this.o.cases.listCases(tenantId, { limit: PAGE, ...(before ? { before } : {}) });
      out.push(...page);
      if (page.length < PAGE) return out;
      before = page[page.length - 1]?.id;
    }
  }

  /** Alerts newest first (ids sort by creation) down to the first page reaching before `from`. */
  private async alertsSince(tenantId: string, from: number): Promise<AlertRecord[]> {
    const out: AlertRecord[] = [];
    for (let before: string | undefined; ;) {
      const page = await this.o.cases.listAlerts(tenantId, { limit: PAGE, ...(before ? { before } : {}) });
      out.push(...page);
      const last = page[page.length - 1];
      if (page.length < PAGE || !last || last.createdAt < from) return out;
      before = last.id;
    }
  }

  /**
   * Events of the period decided by a rule-set version that was put in force and holds at least one
   * rule; high-risk customers named by such an event, or with an open case, count as monitored.
   */
  private async coverage(tenantId: string, from: number, to: number, cases: readonly CaseRecord[]) {
    const inForce = new Set(
      (await this.o.store.listRuleSets(tenantId))
        .filter((r) => (r.status === 'active' || r.status === 'superseded') && hasRules(r.content))
        .map((r) => r.version),
    );
    let events = 0;
    let monitoredEvents = 0;
    const seen = new Set<string>();
    for (let after = 0; ;) {
      const page = await this.o.store.scanTenantDecisions(tenantId, { fromTime: from, toTime: to }, after, PAGE);
      for (const d of page) {
        events += 1;
        if (!inForce.has(d.ruleSetVersion)) continue;
        monitoredEvents += 1;
        const e = d.event as Record<string, unknown> | null;
        for (const p of [partyOf(e?.debtor), partyOf(e?.creditor)]) if (p?.partyId) seen.add(p.partyId);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.seq ?? after;
    }
    for (const c of cases) if (!closedStatuses.has(c.status)) seen.add(c.customerId);
    const highRisk = (await this.o.highRisk?.(tenantId)) ?? [];
    const highRiskMonitored = highRisk.filter(
      (p) => seen.has(p.id) || (p.externalId !== null && seen.has(p.externalId)),
    ).length;
    return { events, monitoredEvents, highRiskCustomers: highRisk.length, highRiskMonitored };
  }

  private async usernames(tenantId: string, ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) {
      if (id === null || out.has(id)) continue;
      const u = await this.o.store.getUser(id);
      if (u?.tenantId === tenantId) out.set(id, u.username);
    }
    return out;
  }
}

function hasRules(content: unknown): boolean {
  const rules = (content as { rules?: unknown } | null)?.rules;
  return Array.isArray(rules) && rules.length > 0;
}
