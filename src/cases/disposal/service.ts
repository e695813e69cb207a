import { ZhiliError, type AuditSink, type Clock, type Ids } from '../../kernel/index.ts';
import { writeAudited } from '../audit.ts';
import type { HistoryEntry } from '../core/types.ts';
import type { CaseService, Viewer } from '../service.ts';
import type { CaseStore } from '../storage/port.ts';
import { disposalCatalogue } from './catalogue.ts';
import { checkDisposal, plansFor, type DisposalInput, type DisposalPlan, type PlanCatalogue } from './plans.ts';

export interface DisposalServiceOptions {
  cases: CaseService;
  store: CaseStore;
  clock: Clock;
  ids: Ids;
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
  catalogue?: PlanCatalogue;
}

/** Disposal plans: listing them, the ones fitting a case's alerts, and recording one applied to a case. */
export class DisposalService {
  private readonly catalogue: PlanCatalogue;
  constructor(private readonly o: DisposalServiceOptions) {
    this.catalogue = o.catalogue ?? disposalCatalogue();
  }

  list(): PlanCatalogue {
    return this.catalogue;
  }

  /** The plans matching the alert types of the case (the catch-all plan last). */
  async forCase(
    v: Viewer,
    caseId: string,
  ): Promise<{ caseId: string; alertTypes: string[]; version: string; plans: DisposalPlan[] }> {
    const { alerts } = await this.o.cases.getCase(v, caseId);
    const alertTypes = [...new Set(alerts.map((a) => a.type))].sort();
    return { caseId, alertTypes, version: this.catalogue.version, plans: plansFor(this.catalogue, alertTypes) };
  }

  /** Records a plan applied to the case (checked items, actions taken, a note) in its history. */
  async apply(v: Viewer, caseId: string, input: DisposalInput): Promise<HistoryEntry> {
    const { plans } = await this.forCase(v, caseId);
    const plan = plans.find((p) => p.id === input.planId);
    if (!plan)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/planId',
        message: `Plan ${input.planId} does not apply to this case's alerts.`,
        messageZh: `处置方案 ${input.planId} 不适用于该案件的预警。`,
      });
    const r = checkDisposal(plan, input);
    if (!r.ok)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: r.problems[0]?.pointer ?? '',
        message: r.problems[0]?.message ?? 'invalid disposal',
        messageZh: r.problems[0]?.messageZh ?? '处置无效',
        details: r.problems,
      });
    const at = this.o.clock.now();
    const detail = { ...r.value, catalogueVersion: this.catalogue.version };
    const str = await this.o.cases.strRelated((await this.o.cases.getCase(v, caseId)).case);
    const entry: HistoryEntry = {
      id: this.o.ids.next('hst'),
      tenantId: v.tenantId,
      subjectId: caseId,
      at,
      actor: v.userId,
      action: 'disposal',
      detail,
      ledgerAction: str ? 'str.case.disposal' : 'case.disposal',
    };
    const route = { store: this.o.store, audit: this.o.audit, settle: this.o.settleAudit };
    await writeAudited(route, [entry], (h) => this.o.store.appendHistory(h));
    return entry;
  }
}
