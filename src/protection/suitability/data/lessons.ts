import type { Bilingual } from '../core/types.ts';

/** A short lesson of financial education; `topic` is the knowledge gap (questionnaire tag `gap:<topic>`) it closes. */
export interface Lesson {
  id: string;
  topic: string;
  title: Bilingual;
  body: Bilingual;
  minutes: number;
}

/** Shown to everyone, whatever the gaps: the investor's rights under the suitability rules. */
export const rightsLessonId = 'l-rights';

/** The shipped lessons (a tenant's own set may replace them). */
export const defaultLessons: readonly Lesson[] = [
  {
    id: rightsLessonId,
    topic: 'rights',
    title: { en: 'Your rights: suitability and the cooling-off period', zh: '您的权利：适当性与投资冷静期' },
    body: {
      en: 'A platform may only recommend products within your risk category. For products with a cooling-off period you may change your mind within it (at least 24 hours) and get your full payment back.',
      zh: '平台只能向您推荐与您风险承受能力相匹配的产品。设有投资冷静期的产品，您可在冷静期（不少于24小时）内改变决定并取回全部投资款项。',
    },
    minutes: 3,
  },
  {
    id: 'l-basics',
    topic: 'basics',
    title: { en: 'Investing basics: risk and return', zh: '投资入门：风险与收益' },
    body: {
      en: 'Higher expected returns come with larger swings and the chance of loss. Start with products you understand and money you will not need soon.',
      zh: '更高的预期收益伴随更大的波动和亏损可能。先从自己了解的产品、短期内不需动用的资金开始。',
    },
    minutes: 5,
  },
  {
    id: 'l-risk-levels',
    topic: 'risk-levels',
    title: { en: 'What R1–R5 mean; no product guarantees principal', zh: 'R1–R5风险等级的含义：没有产品保证本金' },
    body: {
      en: 'Products are rated from R1 (low) to R5 (high). Since the 2018 asset-management rules, wealth products may not promise principal or returns: even R1 products can lose value.',
      zh: '产品风险等级从R1（低）到R5（高）。自2018年资管新规起，理财产品不得承诺保本保收益，即使R1产品也可能亏损。',
    },
    minutes: 4,
  },
  {
    id: 'l-interest-rate',
    topic: 'interest-rate',
    title: { en: 'Interest rates and bond prices', zh: '利率与债券价格' },
    body: {
      en: 'When market rates rise, existing bonds pay less than new ones, so their prices — and bond funds — fall. The longer the bond, the larger the fall.',
      zh: '市场利率上升时，存量债券的票息低于新发债券，其价格及债券基金净值随之下跌；期限越长，跌幅越大。',
    },
    minutes: 4,
  },
  {
    id: 'l-diversification',
    topic: 'diversification',
    title: { en: 'Diversification', zh: '分散投资' },
    body: {
      en: 'Putting money into several unrelated products means one failure does not take everything. Diversification lowers the risk of a large loss but cannot remove market risk.',
      zh: '将资金分散到多个相关性低的产品，单一产品出问题不会损失全部。分散投资能降低大额损失的风险，但不能消除市场风险。',
    },
    minutes: 4,
  },
  {
    id: 'l-leverage',
    topic: 'leverage',
    title: { en: 'Leverage multiplies losses', zh: '杠杆会放大亏损' },
    body: {
      en: 'Borrowing to invest multiplies both gains and losses: with 2× leverage a 30% fall costs 60% of your own money, and a 50% fall all of it.',
      zh: '借钱投资会同时放大收益和亏损：两倍杠杆下标的下跌30%即亏损自有资金的60%，下跌50%则全部亏光。',
    },
    minutes: 3,
  },
  {
    id: 'l-liquidity',
    topic: 'liquidity',
    title: { en: 'Keep an emergency fund', zh: '预留应急资金' },
    body: {
      en: 'Money you may need within a month belongs in deposits or money-market funds, not in products with lock-up periods or redemption fees.',
      zh: '一个月内可能动用的资金宜存放于存款或货币基金，而非有封闭期或赎回费的产品。',
    },
    minutes: 3,
  },
];

/** The lessons for a customer's knowledge gaps, the rights lesson first. */
export function lessonsFor(gaps: readonly string[], lessons: readonly Lesson[] = defaultLessons): Lesson[] {
  return lessons.filter((l) => l.id === rightsLessonId || gaps.includes(l.topic));
}
