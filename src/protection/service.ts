/**
 * Complaint use-cases: file from any channel, act on the state machine (four eyes, payouts from the risk
 * reserve on communication), read with the statutory clock, reveal (audited) and erase personal data.
 * Every step is in the complaint's history and on the audit ledger (ids and hashes only).
 */
import {
  canonicalJson,
  sha256Hex,
  ZhiliError,
  type AuditSink,
  type Clock,
  type Ids,
  type WorkingCalendar,
} from '../kernel/index.ts';
import { checkClassification, type ClassificationTable } from './core/classification.ts';
import { clockOf, type ClockView } from './core/clocks.ts';
import type { Action, Channel, Complaint, ComplaintState, Complexity, HistoryEntry } from './core/types.ts';
import { applyAction, type WorkflowError } from './core/workflow.ts';
import { need, type ComplaintActor } from './permissions.ts';
import { ComplaintSealer, type ComplaintPersonal } from './personal.ts';
import type { SettingsInput } from './schemas.ts';
import { mergeSettings, type ComplaintSettings } from './settings.ts';
import {
  ComplaintStaleError,
  ReserveInsufficientError,
  type ComplaintAudit,
  type ComplaintStore,
} from './storage/port.ts';
import { complaintView, historyView, type ComplaintView, type HistoryView } from './views.ts';
import { receivedAtOf } from './core/received-at.ts';

export interface ComplaintServiceDeps {
  store: ComplaintStore;
  master: { key: Buffer };
  clock: Clock;
  ids: Ids;
  calendar: WorkingCalendar;
  table: ClassificationTable;
  /** The tenant's time zone (its business day decides the statutory day count). */
  timeZoneOf: (tenantId: string) => Promise<string>;
  audit?: AuditSink | undefined;
  /** With a store that queues audits in its transactions: appends the queued entries to the ledger now. */
  settleAudit?: (() => Promise<unknown>) | undefined;
}

export interface FileInput extends ComplaintPersonal {
  customerId: string;
  channel: Channel;
  category: string;
  cause: string;
  productId?: string | undefined;
  eventIds?: string[] | undefined;
  loanIds?: string[] | undefined;
  regulator?: string | undefined;
  /** When the complaint reached the platform (phone/branch entered later); default now, never in the future. */
  receivedAt?: string | undefined;
}

const workflowError = (e: WorkflowError): ZhiliError => {
  switch (e.kind) {
    case 'transition':
      return new ZhiliError('ZHILI_E_COMPLAINT_TRANSITION', {
        message: `A complaint in state ${e.from} cannot take the action ${e.action}.`,
        messageZh: `处于 ${e.from} 状态的投诉不能执行 ${e.action} 操作。`,
      });
    case 'four_eyes':
      return new ZhiliError('ZHILI_E_FOUR_EYES', {
        message:
          'Compensation above the threshold needs approval by a second operator with the approver role, not the proposer.',
        messageZh: '赔偿金额超过阈值，须由提议人以外、具有审批角色的第二名操作员审批。',
      });
    case 'notice':
      return new ZhiliError('ZHILI_E_COMPLAINT_NOTICE', { pointer: '/consumerNotified' });
    case 'invalid':
      return new ZhiliError('ZHILI_E_VALIDATION', { pointer: e.pointer, message: e.en, messageZh: e.zh });
  }
};

export class ComplaintService {
  readonly sealer: ComplaintSealer;
  constructor(private readonly o: ComplaintServiceDeps) {
    this.sealer = new ComplaintSealer(o.master);
  }

  /** The tenant's classification table, or the shipped one. */
  async table(tenantId: string): Promise<ClassificationTable> {
    return (await this.settings(tenantId)).classification ?? this.o.table;
  }

  async settings(tenantId: string): Promise<ComplaintSettings> {
    return mergeSettings((await this.o.store.getSettings(tenantId))?.doc);
  }

  async putSettings(a: ComplaintActor, doc: SettingsInput): Promise<ComplaintSettings> {
    need(a, 'complaints:settings');
    const merged = mergeSettings(doc);
    const at = this.o.clock.now();
    const audits = [this.record(a, 'complaint.settings', a.tenantId, sha256Hex(canonicalJson(doc)))];
    await this.o.store.putSettings(
      { tenantId: a.tenantId, doc, updatedAt: at, updatedBy: a.actorId },
      this.queued(audits),
    );
    await this.settle(audits);
    return merged;
  }

  /** The audit record of a write, queued in the write's own transaction when the store can. */
  record(a: ComplaintActor, action: string, subjectId: string, dataHash?: string): ComplaintAudit {
    return {
      tenantId: a.tenantId,
      action,
      actorId: a.actorId,
      subjectId,
      ...(dataHash ? { dataHash } : {}),
      at: this.o.clock.now(),
    };
  }

  /** For the store: the records it must queue (undefined when it cannot). */
  queued(records: ComplaintAudit[]): ComplaintAudit[] | undefined {
    return this.o.store.auditsInTransaction ? records : undefined;
  }

  /** After the write committed: append the queued entries now, or send them to the sink. */
  async settle(records: ComplaintAudit[]): Promise<void> {
    if (this.o.store.auditsInTransaction) await this.o.settleAudit?.();
    else for (const r of records) await this.o.audit?.(r);
  }

  private async audit(a: ComplaintActor, action: string, subjectId: string, dataHash?: string): Promise<void> {
    await this.o.audit?.({
      tenantId: a.tenantId,
      action,
      actorId: a.actorId,
      subjectId,
      ...(dataHash ? { dataHash } : {}),
      at: this.o.clock.now(),
    });
  }

  private clock(c: Complaint, s: ComplaintSettings): ClockView {
    const policy = s.clocks[c.regulator] ?? s.clocks[s.defaultRegulator];
    if (!policy) throw new ZhiliError('ZHILI_E_INTERNAL');
    return clockOf(c, policy, this.o.calendar, this.o.clock.now());
  }

  async file(a: ComplaintActor, input: FileInput): Promise<ComplaintView> {
    need(a, 'complaints:write');
    const s = await this.settings(a.tenantId);
    const check = checkClassification(s.classification ?? this.o.table, input.category, input.cause);
    if (!check.ok) throw new ZhiliError('ZHILI_E_COMPLAINT_CODE', { pointer: check.pointer });
    const regulator = input.regulator ?? s.defaultRegulator;
    if (!s.clocks[regulator])
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/regulator',
        message: `No clock policy for regulator ${regulator}.`,
        messageZh: `没有监管机构 ${regulator} 的时限规则。`,
      });
    const now = this.o.clock.now();
    const receivedAt = receivedAtOf(input.receivedAt, now);
    const id = this.o.ids.next('cmp');
    const personal: ComplaintPersonal = {
      ...(input.complainant ? { complainant: input.complainant } : {}),
      ...(input.description ? { description: input.description } : {}),
    };
    const sealed = Object.keys(personal).length ? this.sealer.seal(a.tenantId, id, personal) : undefined;
    const complexity: Complexity = 'normal';
    const c: Complaint = {
      tenantId: a.tenantId,
      id,
      customerId: input.customerId,
      channel: input.channel,
      category: input.category,
      cause: input.cause,
      links: { productId: input.productId, eventIds: input.eventIds ?? [], loanIds: input.loanIds ?? [] },
      regulator,
      timeZone: await this.o.timeZoneOf(a.tenantId),
      receivedAt,
      complexity,
      state: 'received',
      reopened: 0,
      version: 1,
      contentHash: sha256Hex(sealed?.sealed ?? ''),
    };
    const h = this.entry(c, 'file', a.actorId, null, now, { ...c, links: c.links });
    const audits = [this.record(a, 'complaint.filed', id, h.dataHash)];
    await this.o.store.create(c, h, sealed, this.queued(audits));
    await this.settle(audits);
    return complaintView(c, this.clock(c, s));
  }

  private entry(
    c: Complaint,
    action: HistoryEntry['action'],
    actorId: string,
    from: ComplaintState | null,
    at: number,
    payload: unknown,
  ): HistoryEntry {
    return {
      tenantId: c.tenantId,
      complaintId: c.id,
      seq: c.version,
      action,
      actorId,
      from,
      to: c.state,
      at,
      dataHash: sha256Hex(canonicalJson({ complaint: c.id, version: c.version, action, payload })),
    };
  }

  private async load(a: ComplaintActor, id: string): Promise<Complaint> {
    const c = await this.o.store.get(a.tenantId, id);
    if (!c) throw new ZhiliError('ZHILI_E_NOT_FOUND');
    return c;
  }

  async act(a: ComplaintActor, id: string, action: Action, expectedVersion?: number): Promise<ComplaintView> {
    need(a, action.kind === 'approve' ? 'complaints:approve' : 'complaints:write');
    const c = await this.load(a, id);
    if (expectedVersion !== undefined && expectedVersion !== c.version) throw new ZhiliError('ZHILI_E_STALE_WRITE');
    const s = await this.settings(a.tenantId);
    const now = this.o.clock.now();
    const r = applyAction(c, action, { id: a.actorId, approver: a.approver }, now, s.fourEyes);
    if (!r.ok) throw workflowError(r.error);
    const next = r.value;
    const h = this.entry(next, action.kind, a.actorId, c.state, now, action);
    const p = next.proposal;
    // Communicating an approved compensation pays it from the risk reserve, in the same transaction.
    const payout =
      action.kind === 'communicate' && p && p.compensationMinor > 0
        ? {
            tenantId: a.tenantId,
            id: this.o.ids.next('rsv'),
            kind: 'payout' as const,
            amountMinor: -p.compensationMinor,
            currency: p.currency,
            complaintId: id,
            actorId: a.actorId,
            at: now,
          }
        : undefined;
    const audits = [this.record(a, `complaint.${action.kind}`, id, h.dataHash)];
    if (payout) audits.push(this.record(a, 'reserve.payout', payout.id, sha256Hex(canonicalJson(payout))));
    try {
      await this.o.store.update(next, h, payout, this.queued(audits));
    } catch (e) {
      if (e instanceof ComplaintStaleError) throw new ZhiliError('ZHILI_E_STALE_WRITE');
      if (e instanceof ReserveInsufficientError) throw new ZhiliError('ZHILI_E_RESERVE_INSUFFICIENT');
      throw e;
    }
    await this.settle(audits);
    return complaintView(next, this.clock(next, s));
  }

  async view(a: ComplaintActor, id: string, opts: { reveal?: boolean; reason?: string | undefined } = {}) {
    need(a, 'complaints:read');
    const c = await this.load(a, id);
    const v = complaintView(c, this.clock(c, await this.settings(a.tenantId)));
    if (!opts.reveal) return v;
    need(a, 'complaints:reveal');
    const sealed = await this.o.store.personal(a.tenantId, id);
    await this.audit(a, 'complaint.reveal', id, opts.reason ? sha256Hex(opts.reason) : undefined);
    if (!sealed) return { ...v, personalErased: c.contentHash !== sha256Hex('') };
    return { ...v, personal: this.sealer.open(a.tenantId, id, sealed) };
  }

  async list(
    a: ComplaintActor,
    q: { state?: ComplaintState | undefined; after?: string | undefined; limit: number },
  ): Promise<ComplaintView[]> {
    need(a, 'complaints:read');
    const s = await this.settings(a.tenantId);
    return (await this.o.store.list(a.tenantId, q)).map((c) => complaintView(c, this.clock(c, s)));
  }

  /** Open complaints whose decision clock is near its end or past it: the breach warnings. */
  async due(a: ComplaintActor): Promise<ComplaintView[]> {
    need(a, 'complaints:read');
    const s = await this.settings(a.tenantId);
    const out: ComplaintView[] = [];
    for (const state of ['received', 'acknowledged', 'investigating', 'decision_proposed'] as const) {
      let after: string | undefined;
      for (;;) {
        const page = await this.o.store.list(a.tenantId, { state, after, limit: 500 });
        for (const c of page) {
          const clock = this.clock(c, s);
          if (clock.status === 'due_soon' || clock.status === 'breached') out.push(complaintView(c, clock));
        }
        if (page.length < 500) break;
        after = page[page.length - 1]?.id;
      }
    }
    return out.sort((x, y) => x.clock.decisionBy.localeCompare(y.clock.decisionBy));
  }

  async history(a: ComplaintActor, id: string): Promise<HistoryView[]> {
    need(a, 'complaints:read');
    await this.load(a, id);
    return (await this.o.store.history(a.tenantId, id)).map(historyView);
  }

  /** Crypto-shreds the complaint's personal data; the record, its history and hashes stay. */
  async erase(a: ComplaintActor, id: string): Promise<{ erased: boolean }> {
    need(a, 'complaints:erase');
    await this.load(a, id);
    const audits = [this.record(a, 'complaint.erase', id)];
    const erased = await this.o.store.shredPersonal(a.tenantId, id, this.queued(audits));
    await this.settle(audits);
    return { erased };
  }

  /** Complaints received in the period with their clocks, for statistics. */
  async inPeriod(a: ComplaintActor, fromMs: number, toMs: number) {
    need(a, 'complaints:read');
    const s = await this.settings(a.tenantId);
    return (await this.o.store.receivedBetween(a.tenantId, fromMs, toMs)).map((c) => ({
      complaint: c,
      clock: this.clock(c, s),
    }));
  }
}
