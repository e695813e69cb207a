import { ZhiliError, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import { writeAudited } from './audit.ts';
import type { Store } from '../store/index.ts';
import { applyAction, type CaseAction } from './core/workflow.ts';
import { closedStatuses, type AlertRecord, type CaseRecord, type HistoryEntry } from './core/types.ts';
import { caseError } from './errors.ts';
import { isStrRelated, reportedCase, strCaseIds } from './tipping-off.ts';
import { StaleWriteError, type AlertFilter, type CaseFilter, type CaseStore } from './storage/port.ts';

/** Who is looking: tipping-off protection hides everything about suspicious reports from non-AML roles. */
export interface Viewer {
  tenantId: string;
  userId: string;
  roles: readonly string[];
  /** May see STR-related cases, alerts and reports (AML roles: analyst, approver, admin). */
  seesStr: boolean;
}

/** A case is STR-related by its own state (see tipping-off.ts for the reports that also make it so). */
export const isStrCase = reportedCase;

export interface Sla {
  dueAt: number;
  remainingMs: number;
  breached: boolean;
  /** Closed cases stop the clock. */
  stopped: boolean;
}

export const slaOf = (c: CaseRecord, now: number): Sla => {
  const stopped = closedStatuses.has(c.status);
  const at = stopped ? (c.closedAt ?? now) : now;
  return { dueAt: c.dueAt, remainingMs: c.dueAt - at, breached: at > c.dueAt, stopped };
};

export interface CaseServiceOptions {
  store: Store;
  cases: CaseStore;
  clock: Clock;
  ids: Ids;
  /** Where workflow actions go for the audit ledger (ids and hashes only). */
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
}

export type BulkResult = {
  caseId: string;
  status: number;
  case?: CaseRecord;
  error?: { code: string; message: string };
};

/** Use-cases of alerts and cases: reading, the workflow with its history, bulk actions. */
export class CaseService {
  constructor(readonly o: CaseServiceOptions) {}

  private async visible(v: Viewer, c: CaseRecord | undefined, known?: Set<string>): Promise<boolean> {
    if (c === undefined || c.tenantId !== v.tenantId) return false;
    return v.seesStr || !(await isStrRelated(this.o.cases, c, known));
  }

  /** Whether a case is about a suspicious report (by state or by a report of it), for the audit trail. */
  strRelated(c: CaseRecord): Promise<boolean> {
    return isStrRelated(this.o.cases, c);
  }

  async listCases(v: Viewer, f: CaseFilter): Promise<(CaseRecord & { sla: Sla })[]> {
    const now = this.o.clock.now();
    const list = await this.o.cases.listCases(v.tenantId, f);
    const known = v.seesStr ? new Set<string>() : await strCaseIds(this.o.cases, v.tenantId);
    const out: (CaseRecord & { sla: Sla })[] = [];
    for (const c of list) if (await this.visible(v, c, known)) out.push({ ...c, sla: slaOf(c, now) });
    return out;
  }

  async getCase(
    v: Viewer,
    id: string,
  ): Promise<{ case: CaseRecord & { sla: Sla }; alerts: AlertRecord[]; history: HistoryEntry[] }> {
    const c = await this.o.cases.getCase(v.tenantId, id);
    if (!c || !(await this.visible(v, c))) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    const [alerts, history] = await Promise.all([
      this.o.cases.listAlerts(v.tenantId, { caseId: id, limit: 1000 }),
      this.o.cases.history(v.tenantId, id),
    ]);
    return { case: { ...c, sla: slaOf(c, this.o.clock.now()) }, alerts, history };
  }

  async listAlerts(v: Viewer, f: AlertFilter): Promise<AlertRecord[]> {
    const alerts = await this.o.cases.listAlerts(v.tenantId, f);
    if (v.seesStr) return alerts;
    const known = await strCaseIds(this.o.cases, v.tenantId);
    const hidden = new Set<string>();
    for (const caseId of new Set(alerts.map((a) => a.caseId))) {
      const c = await this.o.cases.getCase(v.tenantId, caseId);
      if (!(await this.visible(v, c, known))) hidden.add(caseId);
    }
    return alerts.filter((a) => !hidden.has(a.caseId));
  }

  /** Applies one workflow action, recorded in the case history; retries a lost race a few times. */
  async act(v: Viewer, id: string, action: CaseAction, extra: Record<string, unknown> = {}): Promise<CaseRecord> {
    for (let attempt = 0; ; attempt++) {
      const c = await this.o.cases.getCase(v.tenantId, id);
      if (!c || !(await this.visible(v, c))) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
      const now = this.o.clock.now();
      const r = applyAction(c, action, { id: v.userId, roles: v.roles }, now);
      if (!r.ok) throw caseError(r.error.kind, { message: r.error.message, messageZh: r.error.messageZh });
      // Actions on a case about a suspicious report are marked so the ledger withholds them from other roles.
      const str = (await isStrRelated(this.o.cases, r.value.case)) || (await isStrRelated(this.o.cases, c));
      const entry: HistoryEntry = {
        id: this.o.ids.next('hst'),
        tenantId: v.tenantId,
        subjectId: id,
        at: now,
        actor: v.userId,
        action: r.value.action,
        detail: { ...r.value.detail, ...extra },
        ledgerAction: `${str ? 'str.' : ''}case.${r.value.action}`,
      };
      try {
        const route = { store: this.o.cases, audit: this.o.audit, settle: this.o.settleAudit };
        await writeAudited(route, [entry], (h) => this.o.cases.updateCase(r.value.case, h));
        return r.value.case;
      } catch (e) {
        if (!(e instanceof StaleWriteError)) throw e;
        if (attempt >= 3) throw caseError('stale', { cause: e });
      }
    }
  }

  /** The same action on many cases; one result per case, a failure does not stop the rest. */
  async bulk(v: Viewer, ids: readonly string[], action: CaseAction): Promise<BulkResult[]> {
    const out: BulkResult[] = [];
    for (const caseId of ids) {
      try {
        out.push({ caseId, status: 200, case: await this.act(v, caseId, action, { bulk: true }) });
      } catch (e) {
        if (!(e instanceof ZhiliError)) throw e;
        out.push({ caseId, status: e.status, error: { code: e.code, message: e.message } });
      }
    }
    return out;
  }
}
