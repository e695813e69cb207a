/**
 * Data-subject requests: received → identity verified (method and who checked) → fulfilled, or refused
 * with a reason. A deletion is carried out through the platform's crypto-shredding by a second operator;
 * an access or copy request is answered with a JSON export of what the platform holds. Every step is in
 * the request's history and on the audit ledger as hashes.
 */
import { sha256Hex, ZhiliError, type Clock, type Ids, type WorkingCalendar } from '../../kernel/index.ts';
import { requestDeadline, requestStates, stepsIn, type RequestStep } from './core/deadlines.ts';
import { need, type RightsActor } from './permissions.ts';
import {
  RequestDocSchema,
  RequestSettingsInputSchema,
  type FileRequestBody,
  type RequestDoc,
  type RequestView,
} from './schemas.ts';
import { mergeRequestSettings, type RequestSettings } from './settings.ts';
import type { SubjectSources } from './sources.ts';
import type { RegisterRecord, RegisterStore } from '../storage/register-port.ts';
import { checked, RegisterWriter, stateOf, type WriterDeps } from './writer.ts';
import { receivedAtOf } from '../core/received-at.ts';

export interface RequestServiceDeps extends WriterDeps {
  store: RegisterStore;
  clock: Clock;
  ids: Ids;
  calendar: WorkingCalendar;
  timeZoneOf: (tenantId: string) => Promise<string>;
  sources: SubjectSources;
}

const iso = (ms: number) => new Date(ms).toISOString();
const open = ['received', 'verified'] as const;

const transition = (state: string, step: string) =>
  new ZhiliError('ZHILI_E_DSR_TRANSITION', {
    message: `A request in state ${state} cannot take the step ${step}.`,
    messageZh: `处于 ${state} 状态的个人信息权利请求不能执行 ${step} 步骤。`,
  });

export class SubjectRequestService {
  private readonly w: RegisterWriter;
  constructor(private readonly o: RequestServiceDeps) {
    this.w = new RegisterWriter(o);
  }

  async settings(tenantId: string): Promise<RequestSettings> {
    const stored = await this.o.store.getSettings(tenantId, 'dsr');
    return mergeRequestSettings(stored === undefined ? undefined : checked(RequestSettingsInputSchema, stored));
  }

  async putSettings(a: RightsActor, doc: unknown): Promise<RequestSettings> {
    need(a, 'privacy:settings');
    const input = checked(RequestSettingsInputSchema, doc);
    const merged = mergeRequestSettings(input);
    if (input.defaultPolicy && !merged.policies[input.defaultPolicy])
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/defaultPolicy',
        message: `No deadline policy ${input.defaultPolicy}.`,
        messageZh: `没有名为 ${input.defaultPolicy} 的期限规则。`,
      });
    await this.w.putSettings(a, 'dsr', input);
    return merged;
  }

  private view(rec: RegisterRecord, d: RequestDoc, s: RequestSettings): RequestView {
    const policy = s.policies[d.policy] ?? s.policies[s.defaultPolicy];
    if (!policy) throw new ZhiliError('ZHILI_E_INTERNAL');
    const state = stateOf(rec, requestStates);
    return {
      id: d.id,
      subject: d.subject,
      kind: d.kind,
      channel: d.channel,
      state,
      version: rec.version,
      receivedAt: iso(d.receivedAt),
      ...(d.fields ? { fields: d.fields } : {}),
      ...(d.purposes ? { purposes: d.purposes } : {}),
      ...(d.verification
        ? {
            verification: {
              method: d.verification.method,
              checkedBy: d.verification.checkedBy,
              at: iso(d.verification.at),
            },
          }
        : {}),
      ...(d.export ? { export: { ...d.export, at: iso(d.export.at) } } : {}),
      ...(d.answer ? { answer: { ...d.answer, at: iso(d.answer.at) } } : {}),
      deadline: requestDeadline({ ...d, closedAt: d.answer?.at }, policy, this.o.calendar, this.o.clock.now()),
      next: stepsIn(state, d.kind),
    };
  }

  async file(a: RightsActor, input: FileRequestBody): Promise<RequestView> {
    need(a, 'privacy:write');
    const s = await this.settings(a.tenantId);
    const policy = input.policy ?? s.defaultPolicy;
    if (!s.policies[policy])
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/policy',
        message: `No deadline policy ${policy}.`,
        messageZh: `没有名为 ${policy} 的期限规则。`,
      });
    const now = this.o.clock.now();
    const receivedAt = receivedAtOf(input.receivedAt, now);
    const id = this.o.ids.next('dsr');
    const doc: RequestDoc = {
      id,
      subject: input.subject,
      kind: input.kind,
      channel: input.channel ?? 'api',
      receivedAt,
      timeZone: await this.o.timeZoneOf(a.tenantId),
      policy,
      ...(input.fields ? { fields: input.fields } : {}),
      ...(input.purposes ? { purposes: input.purposes } : {}),
    };
    const rec = { kind: 'dsr' as const, id, state: 'received', openedAt: receivedAt, doc };
    // The ledger gets the subject as a hash: a party id may itself identify a person.
    await this.w.create(a, rec, 'dsr.received', { ...doc, subject: sha256Hex(doc.subject) });
    return this.view({ ...rec, tenantId: a.tenantId, version: 1 }, doc, s);
  }

  private async load(a: RightsActor, id: string, step: RequestStep, expectedVersion?: number) {
    const { rec, doc } = await this.w.load(a, 'dsr', id, RequestDocSchema);
    if (expectedVersion !== undefined && expectedVersion !== rec.version) throw new ZhiliError('ZHILI_E_STALE_WRITE');
    if (!stepsIn(stateOf(rec, requestStates), doc.kind).includes(step)) throw transition(rec.state, step);
    return { rec, doc };
  }

  async verify(
    a: RightsActor,
    id: string,
    b: {
      method: NonNullable<RequestDoc['verification']>['method'];
      evidence?: string | undefined;
      expectedVersion?: number | undefined;
    },
  ) {
    need(a, 'privacy:write');
    if (a.actorId.startsWith('key:')) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    const { rec, doc } = await this.load(a, id, 'verify', b.expectedVersion);
    const verification = {
      method: b.method,
      checkedBy: a.actorId,
      at: this.o.clock.now(),
      ...(b.evidence ? { evidenceHash: sha256Hex(b.evidence) } : {}),
    };
    const next = { ...doc, verification };
    const version = await this.w.update(a, rec, 'verified', next, 'dsr.verified', verification);
    return this.view({ ...rec, state: 'verified', version }, next, await this.settings(a.tenantId));
  }

  /** The subject's data as one JSON file (access/copy); the file's hash goes on the request and the ledger. */
  async export(a: RightsActor, id: string): Promise<{ file: string; name: string; view: RequestView }> {
    need(a, 'privacy:export');
    const { rec, doc } = await this.load(a, id, 'export');
    const [party, events, complaints] = [
      await this.o.sources.party(a.tenantId, a.actorId, doc.subject),
      await this.o.sources.events(a.tenantId, doc.subject),
      await this.o.sources.complaints(a.tenantId, a.actorId, doc.subject),
    ];
    const at = this.o.clock.now();
    const body = {
      format: 'zhili.subject-export/1',
      title: 'Personal information held about the data subject',
      titleZh: '本平台持有的个人信息副本',
      law: '个人信息保护法 (PIPL) arts. 44–45',
      request: doc.id,
      subject: doc.subject,
      generatedAt: iso(at),
      party: party ?? null,
      events,
      complaints,
    };
    const file = `${JSON.stringify(body, null, 2)}\n`;
    const exp = {
      hash: sha256Hex(file),
      at,
      by: a.actorId,
      items: (party ? 1 : 0) + events.length + complaints.length,
    };
    const next = { ...doc, export: exp };
    const version = await this.w.update(a, rec, rec.state, next, 'dsr.exported', exp);
    return {
      file,
      name: `${doc.id}-export.json`,
      view: this.view({ ...rec, version }, next, await this.settings(a.tenantId)),
    };
  }

  async fulfil(a: RightsActor, id: string, b: { note?: string | undefined; expectedVersion?: number | undefined }) {
    need(a, 'privacy:read');
    const { rec, doc } = await this.load(a, id, 'fulfil', b.expectedVersion);
    need(a, doc.kind === 'deletion' ? 'privacy:erase' : 'privacy:write');
    if ((doc.kind === 'access' || doc.kind === 'copy') && !doc.export) throw new ZhiliError('ZHILI_E_DSR_EXPORT_FIRST');
    let erased: NonNullable<RequestDoc['answer']>['erased'];
    if (doc.kind === 'deletion') {
      // Irreversible: carried out by a second operator, not the one who accepted the requester's identity.
      if (a.actorId === doc.verification?.checkedBy) throw new ZhiliError('ZHILI_E_FOUR_EYES');
      erased = await this.o.sources.erase(a.tenantId, a.actorId, doc.subject);
    }
    const answer = {
      outcome: 'fulfilled' as const,
      by: a.actorId,
      at: this.o.clock.now(),
      ...(b.note ? { note: b.note } : {}),
      ...(erased ? { erased } : {}),
    };
    const next = { ...doc, answer };
    const version = await this.w.update(a, rec, 'fulfilled', next, 'dsr.fulfilled', answer);
    return this.view({ ...rec, state: 'fulfilled', version }, next, await this.settings(a.tenantId));
  }

  /** PIPL art. 50: a refusal states its reason (kept on the request; its hash on the ledger). */
  async refuse(a: RightsActor, id: string, b: { reason: string; expectedVersion?: number | undefined }) {
    need(a, 'privacy:write');
    if (a.actorId.startsWith('key:')) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    const { rec, doc } = await this.load(a, id, 'refuse', b.expectedVersion);
    const answer = { outcome: 'refused' as const, by: a.actorId, at: this.o.clock.now(), reason: b.reason };
    const next = { ...doc, answer };
    const version = await this.w.update(a, rec, 'refused', next, 'dsr.refused', answer);
    return this.view({ ...rec, state: 'refused', version }, next, await this.settings(a.tenantId));
  }

  async get(a: RightsActor, id: string): Promise<RequestView> {
    need(a, 'privacy:read');
    const { rec, doc } = await this.w.load(a, 'dsr', id, RequestDocSchema);
    return this.view(rec, doc, await this.settings(a.tenantId));
  }

  async list(a: RightsActor, q: { state?: string | undefined; after?: string | undefined; limit: number }) {
    need(a, 'privacy:read');
    const s = await this.settings(a.tenantId);
    return (await this.o.store.list(a.tenantId, 'dsr', q)).map((r) =>
      this.view(r, checked(RequestDocSchema, r.doc), s),
    );
  }

  /** Open requests near or past their deadline: the breach warnings. */
  async due(a: RightsActor): Promise<RequestView[]> {
    need(a, 'privacy:read');
    const s = await this.settings(a.tenantId);
    const out: RequestView[] = [];
    for (const state of open) {
      let after: string | undefined;
      for (;;) {
        const page = await this.o.store.list(a.tenantId, 'dsr', { state, after, limit: 500 });
        for (const r of page) {
          const v = this.view(r, checked(RequestDocSchema, r.doc), s);
          if (v.deadline.status === 'due_soon' || v.deadline.status === 'breached') out.push(v);
        }
        if (page.length < 500) break;
        after = page.at(-1)?.id;
      }
    }
    return out.sort((x, y) => x.deadline.dueBy.localeCompare(y.deadline.dueBy));
  }

  async history(a: RightsActor, id: string) {
    need(a, 'privacy:read');
    await this.w.load(a, 'dsr', id, RequestDocSchema);
    return (await this.o.store.steps(a.tenantId, 'dsr', id)).map((s) => ({
      seq: s.seq,
      action: s.action,
      actorId: s.actorId,
      at: iso(s.at),
      dataHash: s.dataHash,
    }));
  }
}
