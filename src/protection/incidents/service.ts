/**
 * The incident register: open an incident with its facts, grade it, start a reporting clock for every
 * authority that must be told, record each notice, contain → resolve → close (closing needs a
 * post-incident report approved by someone other than its author). Every step on the audit ledger.
 */
import { parseMoney, parseTimestamp, ZhiliError, type Clock, type Ids } from '../../kernel/index.ts';
import { need, type RightsActor } from '../requests/permissions.ts';
import type { RegisterRecord, RegisterStore } from '../storage/register-port.ts';
import { checked, RegisterWriter, stateOf, type WriterDeps } from '../requests/writer.ts';
import { defaultGrading, defaultNotificationRules, defaultWarnMinutes } from './defaults.ts';
import {
  gradeOf,
  noticeClock,
  noticesDue,
  type GradingPolicy,
  type IncidentFacts,
  type NotificationRule,
} from './core/grading.ts';
import {
  IncidentDocSchema,
  incidentStates,
  IncidentSettingsSchema,
  PlanDocSchema,
  type FactsBody,
  type IncidentAction,
  type IncidentDoc,
  type IncidentState,
  type OpenIncidentBody,
  type ReportInput,
} from './schemas.ts';
import { incidentView, type IncidentView } from './views.ts';

export interface IncidentServiceDeps extends WriterDeps {
  store: RegisterStore;
  clock: Clock;
  ids: Ids;
  timeZoneOf: (tenantId: string) => Promise<string>;
}

export interface IncidentSettings {
  grading: GradingPolicy;
  rules: readonly NotificationRule[];
  warnMinutes: number;
}

const bad = (pointer: string, en: string, zh: string) =>
  new ZhiliError('ZHILI_E_VALIDATION', { pointer, message: en, messageZh: zh });
const transition = (state: string, step: string) =>
  new ZhiliError('ZHILI_E_INCIDENT_TRANSITION', {
    message: `An incident in state ${state} cannot take the step ${step}.`,
    messageZh: `处于 ${state} 状态的事件不能执行 ${step} 步骤。`,
  });

function factsOf(b: FactsBody | undefined): IncidentFacts & { lossMinor?: number } {
  if (!b) return {};
  const { loss, ...rest } = b;
  if (loss === undefined) return rest;
  const m = parseMoney(loss, 'CNY');
  if (!m.ok) throw new ZhiliError(m.error, { pointer: '/facts/loss' });
  return { ...rest, lossMinor: m.value.minor };
}

function time(v: string | undefined, now: number, pointer: string): number {
  if (v === undefined) return now;
  const t = parseTimestamp(v);
  if (t === undefined) throw new ZhiliError('ZHILI_E_TIMESTAMP', { pointer });
  if (t > now) throw bad(pointer, 'The time cannot be in the future.', '时间不能晚于当前时间。');
  return t;
}

/** The notices due now, keeping every one already recorded as sent. */
function reconcile(d: IncidentDoc, rules: readonly NotificationRule[]): IncidentDoc['notices'] {
  const due = noticesDue(d.grade, d.facts, d.detectedAt, rules);
  const sent = d.notices.filter((n) => n.sentAt !== undefined);
  return [...sent, ...due.filter((n) => !sent.some((s) => s.authority === n.authority))];
}

export class IncidentService {
  private readonly w: RegisterWriter;
  constructor(private readonly o: IncidentServiceDeps) {
    this.w = new RegisterWriter(o);
  }

  async settings(tenantId: string): Promise<IncidentSettings> {
    const raw = await this.o.store.getSettings(tenantId, 'incident');
    const s = raw === undefined ? {} : checked(IncidentSettingsSchema, raw);
    return {
      grading: s.grading ?? defaultGrading,
      rules: s.rules ?? defaultNotificationRules,
      warnMinutes: s.warnMinutes ?? defaultWarnMinutes,
    };
  }

  async putSettings(a: RightsActor, doc: unknown): Promise<IncidentSettings> {
    need(a, 'incidents:settings');
    await this.w.putSettings(a, 'incident', checked(IncidentSettingsSchema, doc));
    return this.settings(a.tenantId);
  }

  private view(rec: RegisterRecord, d: IncidentDoc, s: IncidentSettings): IncidentView {
    const now = this.o.clock.now();
    const clocks = d.notices.map((n) => {
      const rule = s.rules.find((r) => r.authority === n.authority) ?? {
        authority: n.authority,
        name: n.authority,
        nameZh: n.authority,
        hours: 0,
        source: 'no longer configured',
      };
      return { ...noticeClock(rule, n.dueAt, n.sentAt, now, s.warnMinutes), reference: n.reference, by: n.by };
    });
    return incidentView(rec, d, clocks);
  }

  async open(a: RightsActor, b: OpenIncidentBody): Promise<IncidentView> {
    need(a, 'incidents:write');
    const s = await this.settings(a.tenantId);
    const now = this.o.clock.now();
    const detectedAt = time(b.detectedAt, now, '/detectedAt');
    const facts = factsOf(b.facts);
    const graded = gradeOf(facts, s.grading);
    const id = this.o.ids.next('inc');
    // The latest plan for this kind of incident is linked at once: responders see what to do.
    const plans = await this.o.store.list(a.tenantId, 'plan', { state: b.type, limit: 1000 });
    const plan = plans.sort((x, y) => y.openedAt - x.openedAt)[0];
    const d: IncidentDoc = {
      id,
      type: b.type,
      title: b.title,
      ...(b.titleZh ? { titleZh: b.titleZh } : {}),
      detectedAt,
      ...(b.occurredAt ? { occurredAt: time(b.occurredAt, now, '/occurredAt') } : {}),
      timeZone: await this.o.timeZoneOf(a.tenantId),
      facts,
      grade: graded.grade,
      gradeReasons: graded.reasons,
      ...(plan ? { planId: plan.id } : {}),
      notices: [],
      times: {},
    };
    d.notices = reconcile(d, s.rules);
    const rec = { kind: 'incident' as const, id, state: 'open', openedAt: detectedAt, doc: d };
    await this.w.create(a, rec, 'incident.opened', d);
    return this.view({ ...rec, tenantId: a.tenantId, version: 1 }, d, s);
  }

  private async load(a: RightsActor, id: string, expectedVersion?: number) {
    const r = await this.w.load(a, 'incident', id, IncidentDocSchema);
    if (expectedVersion !== undefined && expectedVersion !== r.rec.version) throw new ZhiliError('ZHILI_E_STALE_WRITE');
    return r;
  }

  async act(a: RightsActor, id: string, action: IncidentAction): Promise<IncidentView> {
    need(a, 'incidents:write');
    const s = await this.settings(a.tenantId);
    const { rec, doc } = await this.load(a, id, action.expectedVersion);
    const state = stateOf(rec, incidentStates);
    if (state === 'closed') throw transition(state, action.action);
    const now = this.o.clock.now();
    let d: IncidentDoc = { ...doc, times: { ...doc.times } };
    let next: IncidentState = state;
    switch (action.action) {
      case 'update_facts': {
        d.facts = { ...d.facts, ...factsOf(action.facts) };
        if (!d.override)
          Object.assign(d, (({ grade, reasons }) => ({ grade, gradeReasons: reasons }))(gradeOf(d.facts, s.grading)));
        d.notices = reconcile(d, s.rules);
        break;
      }
      case 'regrade':
        d = {
          ...d,
          grade: action.grade,
          override: { grade: action.grade, reason: action.reason, by: a.actorId, at: now },
        };
        d.notices = reconcile(d, s.rules);
        break;
      case 'notify': {
        const i = d.notices.findIndex((n) => n.authority === action.authority);
        const known = s.rules.some((r) => r.authority === action.authority);
        if (!known && i < 0)
          throw bad(
            '/authority',
            `No reporting rule for ${action.authority}.`,
            `没有 ${action.authority} 的报告规则。`,
          );
        const sentAt = time(action.sentAt, now, '/sentAt');
        const notice = {
          authority: action.authority,
          dueAt: i >= 0 ? (d.notices[i]?.dueAt ?? sentAt) : sentAt,
          sentAt,
          by: a.actorId,
          ...(action.reference ? { reference: action.reference } : {}),
        };
        d.notices = i >= 0 ? d.notices.map((n, j) => (j === i ? notice : n)) : [...d.notices, notice];
        break;
      }
      case 'contain':
        if (state !== 'open') throw transition(state, action.action);
        next = 'contained';
        d.times.contained = now;
        break;
      case 'resolve':
        if (state !== 'open' && state !== 'contained') throw transition(state, action.action);
        next = 'resolved';
        d.times.resolved = now;
        break;
      case 'close':
        if (state !== 'resolved') throw transition(state, action.action);
        if (!d.report?.approvedBy) throw new ZhiliError('ZHILI_E_INCIDENT_REPORT');
        next = 'closed';
        d.times.closed = now;
        break;
    }
    const version = await this.w.update(a, rec, next, d, `incident.${action.action}`, action);
    return this.view({ ...rec, state: next, version }, d, s);
  }

  /** The post-incident report's text; a rewrite after approval needs approval again. */
  async putReport(a: RightsActor, id: string, b: ReportInput): Promise<IncidentView> {
    need(a, 'incidents:write');
    const { rec, doc } = await this.load(a, id, b.expectedVersion);
    if (rec.state !== 'resolved') throw transition(rec.state, 'report');
    const { expectedVersion: _v, ...text } = b;
    const d = { ...doc, report: { ...text, author: a.actorId, at: this.o.clock.now() } };
    const version = await this.w.update(a, rec, rec.state, d, 'incident.report', text);
    return this.view({ ...rec, version }, d, await this.settings(a.tenantId));
  }

  async approveReport(a: RightsActor, id: string): Promise<IncidentView> {
    need(a, 'incidents:approve');
    const { rec, doc } = await this.load(a, id);
    if (!doc.report || doc.report.approvedBy) throw transition(rec.state, 'approve_report');
    if (doc.report.author === a.actorId) throw new ZhiliError('ZHILI_E_FOUR_EYES');
    const d = { ...doc, report: { ...doc.report, approvedBy: a.actorId, approvedAt: this.o.clock.now() } };
    const version = await this.w.update(a, rec, rec.state, d, 'incident.report_approved', { at: d.report.approvedAt });
    return this.view({ ...rec, version }, d, await this.settings(a.tenantId));
  }

  async get(a: RightsActor, id: string): Promise<IncidentView> {
    need(a, 'incidents:read');
    const { rec, doc } = await this.load(a, id);
    return this.view(rec, doc, await this.settings(a.tenantId));
  }

  /** The incident, its linked plan and its history: what the post-incident report is made of. */
  async reportData(a: RightsActor, id: string) {
    const incident = await this.get(a, id);
    const planRec = incident.planId ? await this.o.store.get(a.tenantId, 'plan', incident.planId) : undefined;
    const plan = planRec ? { ...checked(PlanDocSchema, planRec.doc), version: planRec.version } : undefined;
    return { incident, plan, history: await this.history(a, id) };
  }

  async list(a: RightsActor, q: { state?: string | undefined; after?: string | undefined; limit: number }) {
    need(a, 'incidents:read');
    const s = await this.settings(a.tenantId);
    return (await this.o.store.list(a.tenantId, 'incident', q)).map((r) =>
      this.view(r, checked(IncidentDocSchema, r.doc), s),
    );
  }

  /** Incidents with a notice near or past its deadline: the reporting warnings. */
  async due(a: RightsActor): Promise<IncidentView[]> {
    const out: IncidentView[] = [];
    for (const state of ['open', 'contained', 'resolved']) {
      let after: string | undefined;
      for (;;) {
        const page = await this.list(a, { state, after, limit: 500 });
        out.push(...page.filter((v) => v.notices.some((n) => n.status === 'due_soon' || n.status === 'overdue')));
        if (page.length < 500) break;
        after = page.at(-1)?.id;
      }
    }
    return out;
  }

  async history(a: RightsActor, id: string) {
    need(a, 'incidents:read');
    return (await this.o.store.steps(a.tenantId, 'incident', id)).map((s) => ({
      seq: s.seq,
      action: s.action,
      actorId: s.actorId,
      at: new Date(s.at).toISOString(),
      dataHash: s.dataHash,
    }));
  }
}
