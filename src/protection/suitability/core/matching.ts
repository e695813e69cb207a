import { categoryName, riskName } from './scoring.ts';
import type {
  Acknowledgement,
  Assessment,
  Bilingual,
  Level,
  MismatchPolicy,
  Product,
  ProfessionalStatus,
} from './types.ts';

/**
 * What happens when an ordinary investor of category Cn asks for a product above Rn, per category.
 * C1 is not configurable: the lowest category never buys above R1 (CSRC Measures art. 19–20).
 */
export type MismatchPolicies = Record<'2' | '3' | '4' | '5', MismatchPolicy>;

/** The default: C2–C5 may buy above their level after a recorded, specific risk warning they confirm. */
export const defaultMismatch: MismatchPolicies = {
  '2': 'acknowledge',
  '3': 'acknowledge',
  '4': 'acknowledge',
  '5': 'acknowledge',
};

export type Needs = 'nothing' | 'assessment' | 'reassessment' | 'acknowledgement' | 'refused';

export interface Verdict {
  /** The customer's category 1–5 (0: never assessed). */
  category: number;
  productRisk: number;
  /** The product is within the category (or the customer is a professional investor in force). */
  matched: boolean;
  expired: boolean;
  professional: boolean;
  /** A valid acknowledgement of the risk warning for this product is on record. */
  acknowledged: boolean;
  /** The purchase may go ahead. */
  allowed: boolean;
  needs: Needs;
  reason: Bilingual;
}

export interface PurchaseFacts {
  assessment: Assessment | undefined;
  professional: ProfessionalStatus | undefined;
  product: Pick<Product, 'id' | 'risk'>;
  acknowledgements: readonly Acknowledgement[];
  policies: MismatchPolicies;
  now: number;
}

export const professionalInForce = (p: ProfessionalStatus | undefined, now: number): boolean =>
  p !== undefined && p.since <= now && now < p.until;

/** An acknowledgement counts only for this product at its current risk, under the current assessment. */
export const acknowledgementHolds = (
  a: Acknowledgement,
  s: Assessment,
  product: Pick<Product, 'id' | 'risk'>,
): boolean =>
  a.customerId === s.customerId &&
  a.productId === product.id &&
  a.assessmentId === s.id &&
  a.productRisk === product.risk &&
  a.customerLevel === s.level;

/** The policy for a category; C1 is always refused, whatever the configuration says. */
export const policyFor = (policies: MismatchPolicies, level: Level): MismatchPolicy =>
  level === 1 ? 'refuse' : policies[String(level) as keyof MismatchPolicies];

/** The suitability check of one purchase: pure, and the only place that decides whether it may proceed. */
export function checkPurchase(f: PurchaseFacts): Verdict {
  const s = f.assessment;
  const risk = f.product.risk;
  const professional = professionalInForce(f.professional, f.now);
  const base = { category: s?.level ?? 0, productRisk: risk, professional, acknowledged: false };
  const v = (rest: Omit<Verdict, keyof typeof base>): Verdict => ({ ...base, ...rest });
  const R = riskName(risk);
  if (professional)
    return v({
      matched: true,
      expired: false,
      allowed: true,
      needs: 'nothing',
      reason: { en: 'Professional investor: every risk level may be sold.', zh: '专业投资者：可购买各风险等级产品。' },
    });
  if (!s)
    return v({
      matched: false,
      expired: false,
      allowed: false,
      needs: 'assessment',
      reason: { en: 'The customer has no risk assessment.', zh: '客户尚未进行风险承受能力评估。' },
    });
  const C = categoryName(s.level);
  if (f.now >= s.expiresAt)
    return v({
      matched: risk <= s.level,
      expired: true,
      allowed: false,
      needs: 'reassessment',
      reason: {
        en: `The ${C} assessment has expired; the customer must be re-assessed.`,
        zh: `${C} 评估已过期，须重新评估。`,
      },
    });
  if (risk <= s.level)
    return v({
      matched: true,
      expired: false,
      allowed: true,
      needs: 'nothing',
      reason: { en: `${R} is within category ${C}.`, zh: `${R} 产品与 ${C} 类投资者相匹配。` },
    });
  if (policyFor(f.policies, s.level) === 'refuse')
    return v({
      matched: false,
      expired: false,
      allowed: false,
      needs: 'refused',
      reason:
        s.level === 1
          ? {
              en: `A ${C} investor can never buy above R1 (${R} asked).`,
              zh: `${C}（最低类别）投资者不得购买高于R1的产品（本次为${R}）。`,
            }
          : {
              en: `${R} is above category ${C}; this platform refuses the sale.`,
              zh: `${R} 高于 ${C} 类投资者的风险承受能力，本平台不予销售。`,
            },
    });
  const acknowledged = f.acknowledgements.some((a) => acknowledgementHolds(a, s, f.product));
  return {
    ...base,
    acknowledged,
    matched: false,
    expired: false,
    allowed: acknowledged,
    needs: acknowledged ? 'nothing' : 'acknowledgement',
    reason: acknowledged
      ? {
          en: `${R} is above ${C}; the customer confirmed the risk warning.`,
          zh: `${R} 高于 ${C}，客户已确认风险警示。`,
        }
      : {
          en: `${R} is above ${C}: the customer must first confirm the specific risk warning.`,
          zh: `${R} 高于 ${C}：客户须先确认专门的风险警示。`,
        },
  };
}

/** The bilingual warning shown before an above-category purchase; its hash goes into the acknowledgement. */
export function riskWarning(level: Level, product: Pick<Product, 'name' | 'risk' | 'warning'>): Bilingual {
  const C = categoryName(level);
  const R = riskName(product.risk);
  const en =
    `Risk warning: "${product.name.en}" is rated ${R}, above your risk tolerance category ${C}. ` +
    'You may lose part or all of the money invested, and the product may not suit your financial situation or goals. ' +
    'By confirming, you state that you asked to buy it on your own initiative after reading this warning.' +
    (product.warning ? ` ${product.warning.en}` : '');
  const zh =
    `风险警示：「${product.name.zh}」风险等级为${R}，高于您的风险承受能力类别${C}。` +
    '您可能损失部分或全部投资本金，该产品可能不适合您的财务状况和投资目标。' +
    '确认即表示您已阅读本警示，并系主动要求购买。' +
    (product.warning ? product.warning.zh : '');
  return { en, zh };
}

/** Within the cooling-off period after a purchase at `purchasedAt` (end exclusive). */
export const inCoolingOff = (purchasedAt: number, now: number, hours: number): boolean =>
  now >= purchasedAt && now < purchasedAt + hours * 3_600_000;
