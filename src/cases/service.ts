import { ZhiliError, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import { auditAction } from './audit.ts';
import type { Store } from '../store/index.ts';
import { applyAction, type CaseAction } from './core/workflow.ts';
import { closedStatuses, type AlertRecord, type CaseRecord, type HistoryEntry } from './core/types.ts';
import { caseError } from './errors.ts';
import { StaleWriteError, type AlertFilter, type CaseFilter, type CaseStore } from './storage/port.ts';

/** Who is looking: tipping-off protection hides everything about suspicious reports from non-AML roles. */
export interface Viewer {
  tenantId: string;
  userId: string;
  roles: readonly string[];
  /** May see STR-related cases, alerts and reports (AML roles: analyst, approver, admin). */
  seesStr: boolean;
}

/** A case is STR-related once a suspicious report is on the table: filed, asked for, or drafted (tag `str`). */
export const isStrCase = (c: CaseRecord): boolean =>
  c.status === 'reported' ||
  c.resolution === 'reported' ||
  c.pending?.resolution === 'reported' ||
  c.tags.includes('str');

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

  private visible(v: Viewer, c: CaseRecord | undefined): c is CaseRecord {
    return c !== undefined && c.tenantId === v.tenantId && (v.seesStr || !isStrCase(c));
  }

  async listCases(v: Viewer, f: CaseFilter): Promise<(CaseRecord & { sla: Sla })[]> {
    const now = this.o.clock.now();
    const list = await this.o.cases.listCases(v.tenantId, f);
    return list.filter((c) => this.visible(v, c)).map((c) => ({ ...c, sla: slaOf(c, now) }));
  }

  async getCase(
    v: Viewer,
    id: string,
  ): Promise<{ case: CaseRecord & { sla: Sla }; alerts: AlertRecord[]; history: HistoryEntry[] }> {
    const c = await this.o.cases.getCase(v.tenantId, id);
    if (!this.visible(v, c)) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    const [alerts, history] = await Promise.all([
      this.o.cases.listAlerts(v.tenantId, { caseId: id, limit: 1000 }),
      this.o.cases.history(v.tenantId, id),
    ]);
    return { case: { ...c, sla: slaOf(c, this.o.clock.now()) }, alerts, history };
  }

  async listAlerts(v: Viewer, f: AlertFilter): Promise<AlertRecord[]> {
    const alerts = await this.o.cases.listAlerts(v.tenantId, f);
    if (v.seesStr) return alerts;
    const hidden = new Set<string>();
    for (const caseId of new Set(alerts.map((a) => a.caseId))) {
      const c = await this.o.cases.getCase(v.tenantId, caseId);
      if (!this.visible(v, c)) hidden.add(caseId);
    }
    return alerts.filter((a) => !hidden.has(a.caseId));
  }

  /** Applies one workflow action, recorded in the case history; retries a lost race a few times. */
  async act(v: Viewer, id: string, action: CaseAction, extra: Record<string, unknown> = {}): Promise<CaseRecord> {
    for (let attempt = 0; ; attempt++) {
      const c = await this.o.cases.getCase(v.tenantId, id);
      if (!this.visible(v, c)) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
      const now = this.o.clock.now();
      const r = applyAction(c, action, { id: v.userId, roles: v.roles }, now);
      if (!r.ok) throw caseError(r.error.kind, { message: r.error.message, messageZh: r.error.messageZh });
      const entry: HistoryEntry = {
        id: this.o.ids.next('hst'),
        tenantId: v.tenantId,
        subjectId: id,
        at: now,
        actor: v.userId,
        action: r.value.action,
        detail: { ...r.value.detail, ...extra },
      };
      try {
        await this.o.cases.updateCase(r.value.case, [entry]);
        await auditAction(this.o.audit, {
          tenantId: v.tenantId,
          actorId: v.userId,
          action: `case.${entry.action}`,
          subjectId: id,
          detail: entry.detail,
          at: now,
        });
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
