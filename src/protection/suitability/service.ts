/**
 * Suitability use-cases for operators and the platform's channels: questionnaires (versioned), risk
 * assessments (C1–C5 with expiry), the professional-investor status (four eyes) and the tenant's
 * settings. Every write is on the audit ledger and updates the decision path's memory on this node.
 */
import { ZhiliError, type AuditSink, type Clock, type Ids } from '../../kernel/index.ts';
import { checkQuestionnaire, expiryOf, scoreAnswers } from './core/scoring.ts';
import type { Assessment, Questionnaire } from './core/types.ts';
import { defaultQuestionnaire } from './data/questionnaire-cn.ts';
import type { SuitabilityMemory } from './memory.ts';
import { need, needFor, type SuitabilityActor } from './permissions.ts';
import { Recorder } from './recorder.ts';
import { mergeSuitabilitySettings, type SuitabilitySettings, type SuitabilitySettingsInput } from './settings.ts';
import { SuitabilityStaleError, type ProfessionalRecord, type SuitabilityStore } from './storage/port.ts';
import { assessmentView, professionalView, type AssessmentView } from './views.ts';

export interface SuitabilityDeps {
  store: SuitabilityStore;
  memory: SuitabilityMemory;
  clock: Clock;
  ids: Ids;
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
}

const invalid = (pointer: string, en: string, zh: string) =>
  new ZhiliError('ZHILI_E_VALIDATION', { pointer, message: en, messageZh: zh });

export class SuitabilityService {
  readonly rec: Recorder;
  constructor(readonly o: SuitabilityDeps) {
    this.rec = new Recorder(o);
  }

  async settings(tenantId: string): Promise<SuitabilitySettings> {
    return mergeSuitabilitySettings((await this.o.store.getSettings(tenantId))?.doc);
  }

  async putSettings(a: SuitabilityActor, doc: SuitabilitySettingsInput): Promise<SuitabilitySettings> {
    need(a, 'suitability:settings');
    const merged = mergeSuitabilitySettings(doc);
    if (merged.questionnaire && !(await this.findQuestionnaire(a.tenantId, merged.questionnaire)))
      throw invalid('/questionnaire', 'No such questionnaire version.', '没有该问卷版本。');
    const at = this.o.clock.now();
    await this.rec.write([this.rec.entry(a, 'suitability.settings', a.tenantId, doc)], (q) =>
      this.o.store.putSettings({ tenantId: a.tenantId, doc, updatedAt: at, updatedBy: a.actorId }, q),
    );
    this.o.memory.setSettings(a.tenantId, merged);
    return merged;
  }

  private async findQuestionnaire(tenantId: string, ref: { id: string; version: number }) {
    if (ref.id === defaultQuestionnaire.id && ref.version === defaultQuestionnaire.version) return defaultQuestionnaire;
    return (await this.o.store.questionnaire(tenantId, ref.id, ref.version))?.questionnaire;
  }

  /** The questionnaire new assessments use: the tenant's chosen version, or the shipped one. */
  async questionnaire(a: SuitabilityActor): Promise<Questionnaire> {
    needFor(a, 'suitability:read', undefined);
    const ref = (await this.settings(a.tenantId)).questionnaire;
    return (ref && (await this.findQuestionnaire(a.tenantId, ref))) ?? defaultQuestionnaire;
  }

  async questionnaires(a: SuitabilityActor): Promise<Questionnaire[]> {
    need(a, 'suitability:read');
    return [defaultQuestionnaire, ...(await this.o.store.questionnaires(a.tenantId)).map((x) => x.questionnaire)];
  }

  /** A new questionnaire version (never an edit of one in use); `activate` makes new assessments use it. */
  async addQuestionnaire(a: SuitabilityActor, q: Questionnaire, activate: boolean): Promise<Questionnaire> {
    need(a, 'suitability:settings');
    const bad = checkQuestionnaire(q);
    if (bad) throw invalid(bad.pointer, bad.en, bad.zh);
    if (q.id === defaultQuestionnaire.id)
      throw invalid('/id', 'The shipped questionnaire id is reserved.', '内置问卷编号不可使用。');
    const at = this.o.clock.now();
    try {
      await this.rec.write([this.rec.entry(a, 'suitability.questionnaire', `${q.id}:v${q.version}`, q)], (x) =>
        this.o.store.putQuestionnaire(
          { tenantId: a.tenantId, questionnaire: q, createdAt: at, createdBy: a.actorId },
          x,
        ),
      );
    } catch (e) {
      if (e instanceof SuitabilityStaleError)
        throw new ZhiliError('ZHILI_E_CONFLICT', { pointer: '/version', cause: e });
      throw e;
    }
    if (activate) {
      const doc = (await this.o.store.getSettings(a.tenantId))?.doc ?? {};
      await this.putSettings(a, { ...doc, questionnaire: { id: q.id, version: q.version } });
    }
    return q;
  }

  /** Scores the customer's answers with the questionnaire in force and records the assessment. */
  async assess(
    a: SuitabilityActor,
    input: { customerId: string; answers: Record<string, string[]>; questionnaire?: { id: string; version: number } },
  ): Promise<AssessmentView> {
    needFor(a, 'suitability:write', input.customerId);
    // A consumer answers the questionnaire in force, never an older version of their choosing.
    if (a.self !== undefined && input.questionnaire) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    const q = input.questionnaire
      ? await this.findQuestionnaire(a.tenantId, input.questionnaire)
      : await this.questionnaire(a);
    if (!q) throw invalid('/questionnaire', 'No such questionnaire version.', '没有该问卷版本。');
    const r = scoreAnswers(q, input.answers);
    if (!r.ok) throw invalid(r.error.pointer, r.error.en, r.error.zh);
    const s = await this.settings(a.tenantId);
    const at = this.o.clock.now();
    const assessment: Assessment = {
      tenantId: a.tenantId,
      id: this.o.ids.next('asm'),
      customerId: input.customerId,
      questionnaireId: q.id,
      questionnaireVersion: q.version,
      answers: input.answers,
      ...r.value,
      assessedAt: at,
      expiresAt: expiryOf(at, s.expiryMonths),
      actorId: a.actorId,
    };
    await this.rec.write([this.rec.entry(a, 'suitability.assess', assessment.id, assessment)], (x) =>
      this.o.store.addAssessment(assessment, x),
    );
    this.o.memory.setAssessment(assessment);
    return assessmentView(assessment, at);
  }

  async current(tenantId: string, customerId: string): Promise<Assessment | undefined> {
    return (await this.o.store.assessments(tenantId, customerId))[0];
  }

  /** The customer's suitability profile: the latest assessment (expired or not), professional status, history. */
  async profile(a: SuitabilityActor, customerId: string) {
    needFor(a, 'suitability:read', customerId);
    const now = this.o.clock.now();
    const all = await this.o.store.assessments(a.tenantId, customerId);
    const pro = await this.o.store.professional(a.tenantId, customerId);
    const latest = all[0];
    return {
      customerId,
      ...(latest ? { current: assessmentView(latest, now) } : {}),
      status: !latest
        ? ('unassessed' as const)
        : now >= latest.expiresAt
          ? ('expired' as const)
          : ('assessed' as const),
      ...(pro ? { professional: professionalView(pro, now) } : {}),
      history: all.map((x) => ({
        id: x.id,
        category: assessmentView(x, now).category,
        assessedAt: assessmentView(x, now).assessedAt,
      })),
    };
  }

  /** Proposals of the professional-investor status awaiting a second operator, oldest first. */
  pendingProfessionals(a: SuitabilityActor) {
    need(a, 'suitability:read');
    const now = this.o.clock.now();
    return this.o.memory
      .proposedProfessionals(a.tenantId)
      .sort((x, y) => x.proposedAt - y.proposedAt)
      .map((r) => ({ customerId: r.customerId, ...professionalView(r, now) }));
  }

  /** Four eyes: one operator proposes the professional status, a second one with the approver role approves it. */
  async professional(
    a: SuitabilityActor,
    customerId: string,
    act: { action: 'propose'; basis: string } | { action: 'approve' | 'revoke' },
  ) {
    const now = this.o.clock.now();
    const had = await this.o.store.professional(a.tenantId, customerId);
    let next: ProfessionalRecord;
    if (act.action === 'propose') {
      need(a, 'suitability:write');
      if (had && had.state === 'proposed')
        throw new ZhiliError('ZHILI_E_CONFLICT', {
          message: 'A proposal is already waiting.',
          messageZh: '已有待审批的申请。',
        });
      const months = (await this.settings(a.tenantId)).professionalMonths;
      next = {
        tenantId: a.tenantId,
        customerId,
        state: 'proposed',
        basis: act.basis,
        proposedBy: a.actorId,
        proposedAt: now,
        until: expiryOf(now, months),
        version: (had?.version ?? 0) + 1,
      };
    } else if (act.action === 'approve') {
      need(a, 'suitability:approve');
      if (!had || had.state !== 'proposed') throw new ZhiliError('ZHILI_E_NOT_FOUND');
      if (!a.approver || a.actorId === had.proposedBy) throw new ZhiliError('ZHILI_E_FOUR_EYES');
      const months = (await this.settings(a.tenantId)).professionalMonths;
      next = {
        ...had,
        state: 'approved',
        approvedBy: a.actorId,
        since: now,
        until: expiryOf(now, months),
        version: had.version + 1,
      };
    } else {
      need(a, 'suitability:write');
      if (!had || had.state === 'revoked') throw new ZhiliError('ZHILI_E_NOT_FOUND');
      next = { ...had, state: 'revoked', until: Math.min(had.until, now), version: had.version + 1 };
    }
    try {
      await this.rec.write([this.rec.entry(a, `suitability.professional.${act.action}`, customerId, next)], (x) =>
        this.o.store.putProfessional(next, x),
      );
    } catch (e) {
      if (e instanceof SuitabilityStaleError) throw new ZhiliError('ZHILI_E_STALE_WRITE', { cause: e });
      throw e;
    }
    this.o.memory.setProfessional(next);
    return professionalView(next, now);
  }
}
