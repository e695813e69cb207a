import { describe, expect, it } from 'vitest';
import type { Acknowledgement, Assessment, Product, SuitabilityStore } from '../../src/protection/suitability/index.ts';
import { defaultQuestionnaire } from '../../src/protection/suitability/index.ts';

const assessment = (tenantId: string, customerId: string, id: string, at: number): Assessment => ({
  tenantId,
  id,
  customerId,
  questionnaireId: 'q',
  questionnaireVersion: 1,
  answers: { age: ['a'] },
  score: 30,
  level: 2,
  scoreLevel: 2,
  cappedBy: [],
  knowledgeGaps: ['leverage'],
  horizon: 'short',
  liquidity: 'high',
  goals: ['income'],
  assessedAt: at,
  expiresAt: at + 1000,
  actorId: 'op',
});
const product = (tenantId: string, id: string, risk: 1 | 2 | 3 | 4 | 5): Product => ({
  tenantId,
  id,
  name: { en: id, zh: id },
  risk,
  horizonMonths: 12,
  liquidity: 'daily',
  goals: ['income'],
  status: 'on_sale',
  updatedAt: 1,
});

/** One contract for every SuitabilityStore adapter (SQLite and PostgreSQL). */
export function suitabilityStoreContract(name: string, open: () => Promise<SuitabilityStore>): void {
  describe(`SuitabilityStore contract: ${name}`, () => {
    const tenant = () => `t-${Math.random().toString(36).slice(2)}`;

    it('questionnaire versions: stored once each, listed in order', async () => {
      const s = await open();
      const t = tenant();
      const q = { tenantId: t, questionnaire: defaultQuestionnaire, createdAt: 1, createdBy: 'op' };
      await s.putQuestionnaire(q);
      await s.putQuestionnaire({ ...q, questionnaire: { ...defaultQuestionnaire, version: 2 } });
      await expect(s.putQuestionnaire(q)).rejects.toThrow(/concurrently/);
      expect((await s.questionnaires(t)).map((x) => x.questionnaire.version)).toEqual([1, 2]);
      expect((await s.questionnaire(t, defaultQuestionnaire.id, 2))?.questionnaire.questions.length).toBe(
        defaultQuestionnaire.questions.length,
      );
      expect(await s.questionnaire(t, defaultQuestionnaire.id, 3)).toBeUndefined();
      await s.close();
    });

    it('assessments newest first, per customer and tenant; the snapshot keeps the latest', async () => {
      const s = await open();
      const t = tenant();
      await s.addAssessment(assessment(t, 'c1', 'a1', 10));
      await s.addAssessment(assessment(t, 'c1', 'a2', 20));
      await s.addAssessment(assessment(t, 'c2', 'a3', 15));
      await s.addAssessment(assessment(tenant(), 'c1', 'a4', 30));
      expect((await s.assessments(t, 'c1')).map((a) => a.id)).toEqual(['a2', 'a1']);
      const snap = await s.snapshot();
      const mine = snap.assessments.filter((a) => a.tenantId === t).map((a) => a.id);
      expect(mine.sort()).toEqual(['a2', 'a3']);
      await s.close();
    });

    it('products upsert; acknowledgements and progress per customer', async () => {
      const s = await open();
      const t = tenant();
      await s.putProduct(product(t, 'p1', 2));
      await s.putProduct({ ...product(t, 'p1', 3), updatedAt: 2 });
      await s.putProduct(product(t, 'p0', 1));
      expect((await s.products(t)).map((p) => [p.id, p.risk])).toEqual([
        ['p0', 1],
        ['p1', 3],
      ]);
      const ack: Acknowledgement = {
        tenantId: t,
        id: 'k1',
        customerId: 'c1',
        productId: 'p1',
        assessmentId: 'a1',
        customerLevel: 2,
        productRisk: 3,
        warningHash: 'h',
        channel: 'api',
        actorId: 'op',
        at: 5,
      };
      await s.addAcknowledgement(ack);
      expect(await s.acknowledgements(t, 'c1')).toEqual([ack]);
      expect(await s.acknowledgements(t, 'c2')).toEqual([]);
      await s.putProgress({ tenantId: t, customerId: 'c1', lessonId: 'l1', startedAt: 1 });
      await s.putProgress({ tenantId: t, customerId: 'c1', lessonId: 'l1', startedAt: 1, completedAt: 9 });
      expect(await s.progress(t, 'c1')).toEqual([
        { tenantId: t, customerId: 'c1', lessonId: 'l1', startedAt: 1, completedAt: 9 },
      ]);
      await s.close();
    });

    it('professional status is versioned: a stale write is refused', async () => {
      const s = await open();
      const t = tenant();
      const r = {
        tenantId: t,
        customerId: 'c1',
        state: 'proposed' as const,
        basis: 'assets over CNY 5m',
        proposedBy: 'op1',
        proposedAt: 1,
        until: 100,
        version: 1,
      };
      await s.putProfessional(r);
      await expect(s.putProfessional(r)).rejects.toThrow(/concurrently/);
      await s.putProfessional({ ...r, state: 'approved', approvedBy: 'op2', since: 2, version: 2 });
      await expect(s.putProfessional({ ...r, state: 'revoked', version: 2 })).rejects.toThrow(/concurrently/);
      expect(await s.professional(t, 'c1')).toMatchObject({ state: 'approved', approvedBy: 'op2', version: 2 });
      await s.close();
    });

    it('settings round-trip', async () => {
      const s = await open();
      const t = tenant();
      expect(await s.getSettings(t)).toBeUndefined();
      const before = await s.fingerprint();
      await s.putSettings({ tenantId: t, doc: { coolingOffHours: 48 }, updatedAt: 3, updatedBy: 'op' });
      expect(await s.fingerprint()).not.toBe(before);
      await s.putSettings({ tenantId: t, doc: { coolingOffHours: 72 }, updatedAt: 4, updatedBy: 'op' });
      expect(await s.getSettings(t)).toEqual({
        tenantId: t,
        doc: { coolingOffHours: 72 },
        updatedAt: 4,
        updatedBy: 'op',
      });
      expect((await s.snapshot()).settings.some((x) => x.tenantId === t)).toBe(true);
      await s.close();
    });
  });
}
