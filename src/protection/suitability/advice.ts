/**
 * The product side of suitability: the tenant's catalogue (R1–R5), the purchase check with its risk
 * warning, recorded acknowledgements, recommendations by fit and financial education with progress.
 */
import { canonicalJson, sha256Hex, ZhiliError } from '../../kernel/index.ts';
import { checkPurchase, riskWarning } from './core/matching.ts';
import { recommend } from './core/recommend.ts';
import type { Acknowledgement, Product } from './core/types.ts';
import { defaultLessons, lessonsFor } from './data/lessons.ts';
import { professionalOf } from './memory.ts';
import { need, needFor, type SuitabilityActor } from './permissions.ts';
import type { LessonProgress } from './storage/port.ts';
import type { SuitabilityDeps, SuitabilityService } from './service.ts';
import { acknowledgementView, lessonView, productView, verdictView, type ProductView } from './views.ts';

export type ProductInput = Omit<Product, 'tenantId' | 'updatedAt'>;

export class SuitabilityAdvice {
  constructor(
    private readonly o: SuitabilityDeps,
    private readonly profiles: SuitabilityService,
  ) {}

  async putProduct(a: SuitabilityActor, p: ProductInput): Promise<ProductView> {
    need(a, 'suitability:catalogue');
    const product: Product = { ...p, tenantId: a.tenantId, updatedAt: this.o.clock.now() };
    await this.profiles.rec.write([this.profiles.rec.entry(a, 'suitability.product', p.id, product)], (x) =>
      this.o.store.putProduct(product, x),
    );
    this.o.memory.setProduct(product);
    return productView(product);
  }

  async products(a: SuitabilityActor): Promise<ProductView[]> {
    need(a, 'suitability:read');
    return (await this.o.store.products(a.tenantId)).map(productView);
  }

  private async product(tenantId: string, id: string): Promise<Product> {
    const p = (await this.o.store.products(tenantId)).find((x) => x.id === id);
    if (!p) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/productId' });
    return p;
  }

  private async facts(tenantId: string, customerId: string, productId: string) {
    const product = await this.product(tenantId, productId);
    const assessment = await this.profiles.current(tenantId, customerId);
    const professional = professionalOf(await this.o.store.professional(tenantId, customerId));
    const settings = await this.profiles.settings(tenantId);
    const now = this.o.clock.now();
    const verdict = checkPurchase({
      assessment,
      professional,
      product,
      acknowledgements: await this.o.store.acknowledgements(tenantId, customerId),
      policies: settings.mismatch,
      now,
    });
    const text = assessment ? riskWarning(assessment.level, product) : undefined;
    return { product, assessment, verdict, warning: text && { text, hash: sha256Hex(canonicalJson(text)) }, now };
  }

  /** May this customer buy this product now, and if only after a warning, which one (and its hash). */
  async check(a: SuitabilityActor, customerId: string, productId: string) {
    need(a, 'suitability:read');
    const f = await this.facts(a.tenantId, customerId, productId);
    return verdictView(f.verdict, f.verdict.needs === 'acknowledgement' ? f.warning : undefined);
  }

  /**
   * Records that the customer confirmed the specific risk warning for buying above their category.
   * Refused when the category may not buy it at all (C1, or a level set to refuse), when there is no
   * current assessment, or when the warning confirmed is not the one in force.
   */
  async acknowledge(
    a: SuitabilityActor,
    i: { customerId: string; productId: string; warningHash: string; channel: string },
  ) {
    need(a, 'suitability:write');
    const f = await this.facts(a.tenantId, i.customerId, i.productId);
    const v = f.verdict;
    if (v.needs === 'assessment' || v.needs === 'reassessment' || !f.assessment)
      throw new ZhiliError('ZHILI_E_SUITABILITY_ASSESSMENT');
    if (v.needs === 'refused') throw new ZhiliError('ZHILI_E_SUITABILITY_REFUSED');
    if (v.matched)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/productId',
        message: 'The product is within the customer’s category: no acknowledgement is needed.',
        messageZh: '该产品与客户类别相匹配，无须确认风险警示。',
      });
    if (!f.warning || f.warning.hash !== i.warningHash)
      throw new ZhiliError('ZHILI_E_SUITABILITY_WARNING', { pointer: '/warningHash' });
    const ack: Acknowledgement = {
      tenantId: a.tenantId,
      id: this.o.ids.next('ack'),
      customerId: i.customerId,
      productId: i.productId,
      assessmentId: f.assessment.id,
      customerLevel: f.assessment.level,
      productRisk: f.product.risk,
      warningHash: f.warning.hash,
      channel: i.channel,
      actorId: a.actorId,
      at: f.now,
    };
    await this.profiles.rec.write([this.profiles.rec.entry(a, 'suitability.acknowledge', ack.id, ack)], (x) =>
      this.o.store.addAcknowledgement(ack, x),
    );
    this.o.memory.addAcknowledgement(ack);
    return acknowledgementView(ack);
  }

  async acknowledgements(a: SuitabilityActor, customerId: string) {
    need(a, 'suitability:read');
    return (await this.o.store.acknowledgements(a.tenantId, customerId)).map(acknowledgementView);
  }

  /** The tenant's products ranked by fit for the customer; never one above their category. */
  async recommendations(a: SuitabilityActor, customerId: string, limit: number) {
    needFor(a, 'suitability:read', customerId);
    const now = this.o.clock.now();
    const r = recommend({
      assessment: await this.profiles.current(a.tenantId, customerId),
      professional: professionalOf(await this.o.store.professional(a.tenantId, customerId)),
      products: await this.o.store.products(a.tenantId),
      purchases: this.o.memory.purchases(a.tenantId, customerId),
      now,
      limit,
    });
    return {
      customerId,
      recommendations: r.recommendations.map((x) => ({ ...x, risk: `R${x.risk}` })),
      ...(r.note ? { note: r.note } : {}),
    };
  }

  /** The lessons for the knowledge gaps of the customer's latest assessment, with their progress. */
  async education(a: SuitabilityActor, customerId: string) {
    needFor(a, 'suitability:read', customerId);
    const gaps = (await this.profiles.current(a.tenantId, customerId))?.knowledgeGaps ?? [];
    const progress = await this.o.store.progress(a.tenantId, customerId);
    const lessons = lessonsFor(gaps).map((l) =>
      lessonView(
        l,
        progress.find((p) => p.lessonId === l.id),
      ),
    );
    return {
      customerId,
      knowledgeGaps: gaps,
      lessons,
      completed: lessons.filter((l) => l.state === 'completed').length,
      total: lessons.length,
    };
  }

  async progress(a: SuitabilityActor, customerId: string, lessonId: string, action: 'start' | 'complete') {
    needFor(a, 'suitability:write', customerId);
    if (!defaultLessons.some((l) => l.id === lessonId)) throw new ZhiliError('ZHILI_E_NOT_FOUND');
    const had = (await this.o.store.progress(a.tenantId, customerId)).find((p) => p.lessonId === lessonId);
    const now = this.o.clock.now();
    const completedAt = action === 'complete' ? (had?.completedAt ?? now) : had?.completedAt;
    const next: LessonProgress = {
      tenantId: a.tenantId,
      customerId,
      lessonId,
      startedAt: had?.startedAt ?? now,
      ...(completedAt !== undefined ? { completedAt } : {}),
    };
    await this.profiles.rec.write(
      [this.profiles.rec.entry(a, `suitability.lesson.${action}`, `${customerId}:${lessonId}`, next)],
      (x) => this.o.store.putProgress(next, x),
    );
    return this.education(a, customerId);
  }
}
