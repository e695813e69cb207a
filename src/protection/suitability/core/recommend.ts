import { professionalInForce } from './matching.ts';
import { categoryName, riskName } from './scoring.ts';
import type {
  Assessment,
  Bilingual,
  Goal,
  Horizon,
  Level,
  Liquidity,
  LiquidityNeed,
  Product,
  ProfessionalStatus,
} from './types.ts';

/** A purchase the customer made before (from the decisions), for "past behaviour". */
export interface PastPurchase {
  productId: string;
  risk: number;
  at: number;
}

export interface Recommendation {
  productId: string;
  name: Bilingual;
  risk: Level;
  /** 0–100: higher fits better. */
  fit: number;
  explanation: Bilingual[];
}

export interface RecommendInput {
  assessment: Assessment | undefined;
  professional: ProfessionalStatus | undefined;
  products: readonly Product[];
  purchases: readonly PastPurchase[];
  now: number;
  limit?: number;
}

/** The longest holding period, in months, that suits a stated horizon. */
const horizonMonths: Record<Horizon, number> = { short: 12, medium: 36, long: Infinity };
const horizonZh: Record<Horizon, string> = {
  short: '短期（1年以内）',
  medium: '中期（1至3年）',
  long: '长期（3年以上）',
};
const goalTarget: Record<Goal, Level> = { preserve: 1, income: 2, growth: 4, speculate: 5 };
const liquidityFit: Record<LiquidityNeed, Record<Liquidity, number>> = {
  high: { daily: 20, weekly: 12, monthly: 5, locked: 0 },
  medium: { daily: 20, weekly: 20, monthly: 16, locked: 6 },
  low: { daily: 20, weekly: 20, monthly: 20, locked: 20 },
};
const liquidityZh: Record<Liquidity, string> = {
  daily: '每日可赎回',
  weekly: '每周可赎回',
  monthly: '每月可赎回',
  locked: '封闭期内不可赎回',
};

/**
 * Ranks the products a customer may be offered by fit: how close the product's risk is to what the
 * customer's category and goals call for, whether its holding period fits their horizon and its
 * liquidity their need for cash, whether it serves their goals, and what they bought before. A
 * product above the customer's category is never offered (a professional investor in force may see
 * all); an expired or missing assessment yields nothing. Each line of explanation is bilingual.
 */
export function recommend(i: RecommendInput): { recommendations: Recommendation[]; note?: Bilingual } {
  const s = i.assessment;
  const professional = professionalInForce(i.professional, i.now);
  if (!professional && (!s || i.now >= s.expiresAt))
    return {
      recommendations: [],
      note: s
        ? {
            en: 'The assessment has expired: re-assess before recommending.',
            zh: '风险评估已过期，须重新评估后方可推荐。',
          }
        : { en: 'No risk assessment yet: assess before recommending.', zh: '尚未进行风险评估，须先评估方可推荐。' },
    };
  const level: Level = professional ? 5 : s!.level;
  const goalsOf = s?.goals ?? [];
  const target = goalsOf.length ? (Math.min(level, Math.max(...goalsOf.map((g) => goalTarget[g]))) as Level) : level;
  const out: Recommendation[] = [];
  for (const p of i.products) {
    if (p.status !== 'on_sale' || p.risk > level) continue;
    const lines: Bilingual[] = [];
    let fit = 40 - 10 * Math.abs(p.risk - target);
    lines.push(
      p.risk === target
        ? {
            en: `${riskName(p.risk)} is the risk level your ${professional ? 'professional status' : categoryName(level)} and goals point to.`,
            zh: `${riskName(p.risk)} 正是与您的${professional ? '专业投资者身份' : `${categoryName(level)}类别`}及投资目标相符的风险等级。`,
          }
        : {
            en: `${riskName(p.risk)} is within ${categoryName(level)}; ${riskName(target)} would match your goals most closely.`,
            zh: `${riskName(p.risk)} 在 ${categoryName(level)} 可承受范围内；与您目标最相符的是 ${riskName(target)}。`,
          },
    );
    const h = s?.horizon;
    if (h) {
      const fits = p.horizonMonths <= horizonMonths[h];
      if (fits) fit += 25;
      lines.push(
        fits
          ? {
              en: `Its holding period (${p.horizonMonths || 'open'} months) fits your ${h}-term horizon.`,
              zh: `持有期（${p.horizonMonths || '不限'}个月）符合您的${horizonZh[h]}投资期限。`,
            }
          : {
              en: `Its holding period (${p.horizonMonths} months) is longer than your ${h}-term horizon.`,
              zh: `持有期（${p.horizonMonths}个月）长于您的${horizonZh[h]}投资期限。`,
            },
      );
    } else fit += 12;
    const need = s?.liquidity;
    if (need) {
      const l = liquidityFit[need][p.liquidity];
      fit += l;
      lines.push(
        l >= 16
          ? {
              en: `Liquidity (${p.liquidity}) suits your need for cash.`,
              zh: `流动性（${liquidityZh[p.liquidity]}）符合您的资金需求。`,
            }
          : {
              en: `Liquidity (${p.liquidity}) is tight for how soon you may need the money.`,
              zh: `流动性（${liquidityZh[p.liquidity]}）与您的用款需求相比偏紧。`,
            },
      );
    } else fit += 10;
    const shared = p.goals.filter((g) => goalsOf.includes(g));
    if (shared.length) {
      fit += 15;
      lines.push({ en: `It serves your goal: ${shared.join(', ')}.`, zh: `符合您的投资目标：${shared.join('、')}。` });
    }
    const past = i.purchases.filter((x) => x.at <= i.now);
    if (past.some((x) => x.productId === p.id)) {
      fit -= 5;
      lines.push({ en: 'You already hold it: consider spreading your money.', zh: '您已持有该产品，可考虑分散投资。' });
    } else if (past.some((x) => x.risk === p.risk)) {
      fit += 5;
      lines.push({
        en: `You have bought ${riskName(p.risk)} products before.`,
        zh: `您曾购买过 ${riskName(p.risk)} 等级的产品。`,
      });
    }
    out.push({ productId: p.id, name: p.name, risk: p.risk, fit: Math.max(0, Math.min(100, fit)), explanation: lines });
  }
  out.sort((a, b) => b.fit - a.fit || a.risk - b.risk || a.productId.localeCompare(b.productId));
  return { recommendations: out.slice(0, i.limit ?? 10) };
}
