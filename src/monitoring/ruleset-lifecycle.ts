import { canonicalJson, sha256Hex, ZhiliError, type AuditSink, type Clock } from '../kernel/index.ts';
import type {
  OutboxRow,
  RuleSetEventRecord,
  RuleSetRecord,
  RuleSetStatus,
  RuleSetTransition,
  Store,
} from '../store/index.ts';

/** An operator action for the audit ledger (ids and hashes only). */
type AuditInput = Parameters<AuditSink>[0];
import type { DecisionEngine } from './engine.ts';

/** Who asks: an operator (or, for reads, an API key), in one tenant. */
export interface Actor {
  tenantId: string;
  actorId: string;
}

export interface RuleSetView {
  version: string;
  status: RuleSetStatus;
  active: boolean;
  shadow: boolean;
  createdAt: number;
  createdBy: string;
}

export const viewOf = (r: RuleSetRecord): RuleSetView => ({
  version: r.version,
  status: r.status ?? (r.active ? 'active' : 'draft'),
  active: r.active,
  shadow: r.shadow === true,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
});

/**
 * The four-eyes lifecycle of rule-set versions (docs/rules.md, "Lifecycle"):
 * draft → submitted → approved (by another operator with the approver role) → active → superseded;
 * submitted → rejected; an approved version may run in shadow; rollback re-activates an earlier version
 * that was approved before. Each step is one guarded store transition with its history row, then an
 * audit-ledger entry, then (for activation and shadow) the engine swap.
 */
export class RuleSetLifecycle {
  constructor(
    private readonly deps: {
      store: Store;
      engine: DecisionEngine;
      clock: Clock;
      audit?: AuditSink | undefined;
      /** Encodes a step's audit entry as an outbox row the store writes in the step's transaction (the ledger's encoder). */
      outboxRow?: ((entry: AuditInput) => OutboxRow) | undefined;
      /** After a step queued its audit in its own transaction: move it into the ledger now. */
      settleAudit?: (() => Promise<unknown>) | undefined;
    },
  ) {}

  /** One guarded transition with its audit entry: in its transaction when the ledger's encoder is given. */
  private async transition(a: Actor, t: RuleSetTransition, action: string): Promise<RuleSetRecord> {
    const encode = this.deps.outboxRow;
    if (!encode) {
      const updated = await this.deps.store.transitionRuleSet(t);
      await this.audit(a, action, updated);
      return updated;
    }
    const cur = await this.deps.store.getRuleSet(t.tenantId, t.version);
    const outbox = cur ? encode(this.auditInput(a, action, cur)) : undefined;
    const updated = await this.deps.store.transitionRuleSet(outbox ? { ...t, outbox } : t);
    await this.deps.settleAudit?.();
    return updated;
  }

  private auditInput(a: Actor, action: string, r: RuleSetRecord): AuditInput {
    return {
      tenantId: a.tenantId,
      action,
      actorId: a.actorId,
      subjectId: r.version,
      dataHash: sha256Hex(canonicalJson(r.content)),
      at: this.deps.clock.now(),
    };
  }

  /** Compiles the document (422 with every problem) and stores it as a draft. */
  async create(a: Actor, doc: unknown): Promise<RuleSetView> {
    const compiled = this.deps.engine.compile(doc, this.timeZone(a.tenantId));
    const record: RuleSetRecord = {
      tenantId: a.tenantId,
      version: compiled.version,
      content: doc,
      createdAt: this.deps.clock.now(),
      createdBy: a.actorId,
      active: false,
      status: 'draft',
    };
    if (this.deps.outboxRow) {
      await this.deps.store.putRuleSet(record, this.deps.outboxRow(this.auditInput(a, 'ruleset.create', record)));
      await this.deps.settleAudit?.();
    } else await this.audit(a, 'ruleset.create', record);
    return viewOf({ ...record, shadow: false });
  }

  async get(tenantId: string, version: string): Promise<{ record: RuleSetRecord; history: RuleSetEventRecord[] }> {
    const record = await this.deps.store.getRuleSet(tenantId, version);
    if (!record) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
    return { record, history: await this.deps.store.listRuleSetEvents(tenantId, version) };
  }

  submit(a: Actor, version: string, note?: string): Promise<RuleSetView> {
    return this.step(a, version, 'submit', ['draft'], 'submitted', note);
  }

  /** The checker: never the author nor the submitter (ZHILI_E_FOUR_EYES). */
  async approve(a: Actor, version: string, note?: string): Promise<RuleSetView> {
    await this.checkFourEyes(a, version);
    return this.step(a, version, 'approve', ['submitted'], 'approved', note);
  }

  /** Also withdraws an approval not yet activated; a rejected version stops running in shadow. */
  async reject(a: Actor, version: string, note?: string): Promise<RuleSetView> {
    await this.checkFourEyes(a, version);
    const updated = await this.transition(
      a,
      {
        ...this.base(a, version, 'reject', note),
        from: ['submitted', 'approved'],
        to: 'rejected',
        shadow: false,
      },
      'ruleset.reject',
    );
    if (this.deps.engine.runtime(a.tenantId)?.shadow?.ruleSet.version === version) {
      await this.deps.engine.setShadow(a.tenantId, null);
    }
    return viewOf(updated);
  }

  /** An approved version goes live; the active one becomes superseded. */
  activate(a: Actor, version: string, note?: string): Promise<RuleSetView> {
    return this.goLive(a, version, 'activate', ['approved'], note);
  }

  /**
   * Emergency path: an admin puts back any earlier version that went through four eyes before (approved
   * or superseded), with a reason, at once. Audited as `ruleset.rollback`.
   */
  rollback(a: Actor, version: string, reason: string): Promise<RuleSetView> {
    return this.goLive(a, version, 'rollback', ['approved', 'superseded'], reason);
  }

  /** Runs an approved version beside the active one (or stops it): evaluated and recorded, never acting. */
  async shadow(a: Actor, version: string, on: boolean, note?: string): Promise<RuleSetView> {
    const { record } = await this.get(a.tenantId, version);
    const compiled = on ? this.deps.engine.compile(record.content, this.timeZone(a.tenantId)) : null;
    const from: RuleSetStatus[] = on ? ['approved'] : ['approved', 'superseded', 'rejected'];
    const status = record.status ?? 'draft';
    const updated = await this.transition(
      a,
      {
        ...this.base(a, version, on ? 'shadow' : 'unshadow', note),
        from,
        to: on ? 'approved' : status,
        shadow: on,
      },
      on ? 'ruleset.shadow' : 'ruleset.unshadow',
    );
    await this.deps.engine.setShadow(a.tenantId, compiled);
    return viewOf(updated);
  }

  private async goLive(
    a: Actor,
    version: string,
    action: 'activate' | 'rollback',
    from: RuleSetStatus[],
    note?: string,
  ): Promise<RuleSetView> {
    const { record } = await this.get(a.tenantId, version);
    const compiled = this.deps.engine.compile(record.content, this.timeZone(a.tenantId));
    const updated = await this.transition(
      a,
      {
        ...this.base(a, version, action, note),
        from,
        to: 'active',
      },
      action === 'activate' ? 'ruleset.activate' : 'ruleset.rollback',
    );
    await this.deps.engine.activate(a.tenantId, compiled);
    return viewOf(updated);
  }

  private async step(
    a: Actor,
    version: string,
    action: string,
    from: RuleSetStatus[],
    to: RuleSetStatus,
    note?: string,
  ): Promise<RuleSetView> {
    const updated = await this.transition(a, { ...this.base(a, version, action, note), from, to }, `ruleset.${action}`);
    return viewOf(updated);
  }

  private async checkFourEyes(a: Actor, version: string): Promise<void> {
    const { record, history } = await this.get(a.tenantId, version);
    const makers = new Set([record.createdBy, ...history.filter((e) => e.action === 'submit').map((e) => e.actorId)]);
    if (makers.has(a.actorId)) throw new ZhiliError('ZHILI_E_FOUR_EYES', { pointer: '/version' });
  }

  private base(a: Actor, version: string, action: string, note: string | undefined) {
    return {
      tenantId: a.tenantId,
      version,
      action,
      actorId: a.actorId,
      at: this.deps.clock.now(),
      ...(note === undefined ? {} : { note }),
    };
  }

  private timeZone(tenantId: string): string {
    const rt = this.deps.engine.runtime(tenantId);
    if (!rt) throw new ZhiliError('ZHILI_E_NOT_FOUND');
    return rt.tenant.timeZone;
  }

  private async audit(a: Actor, action: string, r: RuleSetRecord): Promise<void> {
    await this.deps.audit?.({
      tenantId: a.tenantId,
      action,
      actorId: a.actorId,
      subjectId: r.version,
      dataHash: sha256Hex(canonicalJson(r.content)),
      at: this.deps.clock.now(),
    });
  }
}
