import type { AnswerOption, Questionnaire } from '../core/types.ts';

const o = (id: string, en: string, zh: string, score: number, extra: Partial<AnswerOption> = {}): AnswerOption => ({
  id,
  text: { en, zh },
  score,
  ...extra,
});
const quiz = (gap: string, correct: 'a' | 'b'): AnswerOption[] => [
  o('a', 'True', '正确', correct === 'a' ? 4 : 0, correct === 'a' ? {} : { tags: [`gap:${gap}`] }),
  o('b', 'False', '错误', correct === 'b' ? 4 : 0, correct === 'b' ? {} : { tags: [`gap:${gap}`] }),
  o('c', "Don't know", '不清楚', 0, { tags: [`gap:${gap}`] }),
];

/**
 * The shipped risk-tolerance questionnaire for ordinary investors. Modelled on — not copied from — the
 * practice under the CSRC Measures for the Suitability Management of Securities and Futures Investors
 * (《证券期货投资者适当性管理办法》, CSRC Order No. 130, 2016, amended 2020/2022), art. 6 (the
 * investor information to obtain: age, income and assets, investment knowledge and experience, horizon,
 * risk attitude), the SAC/AMAC implementation guideline of 2017 (《证券期货经营机构投资者适当性管理
 * 实施指引（试行）》, five categories C1–C5 with C1 as the lowest), and for bank wealth products the
 * CBIRC Measures for Wealth Management Business (2018 No. 6) on risk-tolerance assessment, and the
 * asset-management guidance (《关于规范金融机构资产管理业务的指导意见》, 银发〔2018〕106号) on
 * suitability and no guaranteed principal. Scores and bands are this project's choice; a tenant
 * replaces them with its own approved version.
 */
export const defaultQuestionnaire: Questionnaire = {
  id: 'cn-ordinary-investor',
  version: 1,
  name: { en: 'Investor risk tolerance questionnaire', zh: '投资者风险承受能力评估问卷' },
  source: {
    en: 'Modelled on CSRC Order No. 130 (2016, amended 2022) art. 6, the SAC/AMAC suitability guideline (2017) and Yinfa [2018] No. 106',
    zh: '参照《证券期货投资者适当性管理办法》（证监会令第130号）第六条、《证券期货经营机构投资者适当性管理实施指引（试行）》及银发〔2018〕106号编制',
  },
  questions: [
    {
      id: 'age',
      topic: 'age',
      text: { en: 'Your age', zh: '您的年龄' },
      options: [
        o('a', '18–30', '18–30岁', 3),
        o('b', '31–50', '31–50岁', 4),
        o('c', '51–60', '51–60岁', 2),
        o('d', '61–70', '61–70岁', 1),
        o('e', 'Over 70', '70岁以上', 0),
      ],
    },
    {
      id: 'income',
      topic: 'income',
      text: { en: "Your household's annual income", zh: '您的家庭年收入' },
      options: [
        o('a', 'Under CNY 50,000', '5万元以下', 0),
        o('b', 'CNY 50,000–200,000', '5万–20万元', 2),
        o('c', 'CNY 200,000–500,000', '20万–50万元', 4),
        o('d', 'CNY 500,000–1,000,000', '50万–100万元', 6),
        o('e', 'Over CNY 1,000,000', '100万元以上', 8),
      ],
    },
    {
      id: 'assets',
      topic: 'assets',
      text: { en: 'Your financial assets that can be invested', zh: '您可用于投资的金融资产' },
      options: [
        o('a', 'Under CNY 100,000', '10万元以下', 0),
        o('b', 'CNY 100,000–500,000', '10万–50万元', 2),
        o('c', 'CNY 500,000–3,000,000', '50万–300万元', 4),
        o('d', 'CNY 3,000,000–10,000,000', '300万–1000万元', 6),
        o('e', 'Over CNY 10,000,000', '1000万元以上', 8),
      ],
    },
    {
      id: 'experience',
      topic: 'experience',
      text: { en: 'How long have you invested in funds, shares, bonds or similar?', zh: '您投资基金、股票、债券等产品的年限' },
      options: [
        o('a', 'Never', '没有经验', 0, { tags: ['gap:basics'] }),
        o('b', 'Under 1 year', '1年以内', 2),
        o('c', '1–3 years', '1–3年', 4),
        o('d', '3–5 years', '3–5年', 6),
        o('e', 'Over 5 years', '5年以上', 8),
      ],
    },
    {
      id: 'products',
      topic: 'experience',
      multi: true,
      text: { en: 'Which have you invested in? (choose all that apply)', zh: '您投资过哪些产品？（可多选）' },
      options: [
        o('a', 'Bank deposits, money-market funds', '银行存款、货币市场基金', 0),
        o('b', 'Bonds, bond funds, wealth products', '债券、债券基金、理财产品', 2),
        o('c', 'Shares, equity funds', '股票、股票型基金', 4),
        o('d', 'Futures, options, structured or leveraged products', '期货、期权、结构化或杠杆类产品', 6),
      ],
    },
    {
      id: 'horizon',
      topic: 'horizon',
      text: { en: 'How long do you plan to keep this money invested?', zh: '您计划的投资期限' },
      options: [
        o('a', 'Under 1 year', '1年以内', 1, { tags: ['horizon:short'] }),
        o('b', '1–3 years', '1–3年', 3, { tags: ['horizon:medium'] }),
        o('c', 'Over 3 years', '3年以上', 5, { tags: ['horizon:long'] }),
      ],
    },
    {
      id: 'liquidity',
      topic: 'liquidity',
      text: { en: 'When might you need this money back?', zh: '您可能何时需要动用这笔资金？' },
      options: [
        o('a', 'At any time, within a month', '随时，一个月内', 0, { tags: ['liquidity:high', 'gap:liquidity'] }),
        o('b', 'Within a year', '一年内', 2, { tags: ['liquidity:medium'] }),
        o('c', 'Not for several years', '数年内不需要', 4, { tags: ['liquidity:low'] }),
      ],
    },
    {
      id: 'goal',
      topic: 'goal',
      text: { en: 'Your main investment goal', zh: '您的主要投资目标' },
      options: [
        o('a', 'Keep my capital safe', '保本保值', 0, { tags: ['goal:preserve'] }),
        o('b', 'A steady income', '获取稳定收益', 2, { tags: ['goal:income'] }),
        o('c', 'Grow my assets over time', '资产长期增值', 5, { tags: ['goal:growth'] }),
        o('d', 'High returns, accepting large swings', '追求高收益，可承受大幅波动', 8, { tags: ['goal:speculate'] }),
      ],
    },
    {
      id: 'loss',
      topic: 'attitude',
      text: { en: 'The largest loss of principal you could accept', zh: '您能承受的最大本金损失' },
      options: [
        // Cannot bear any loss: the lowest category whatever else is answered (CSRC Measures art. 19).
        o('a', 'None at all', '不能承受任何损失', 0, { tags: ['goal:preserve', 'gap:risk-levels'], capLevel: 1 }),
        o('b', 'Up to 10%', '10%以内', 3),
        o('c', '10%–30%', '10%–30%', 6),
        o('d', '30%–50%', '30%–50%', 8),
        o('e', 'Over 50%', '50%以上', 10),
      ],
    },
    {
      id: 'k_rates',
      topic: 'knowledge',
      text: { en: 'When interest rates rise, the value of a bond fund usually falls.', zh: '利率上升时，债券基金的净值通常会下跌。' },
      options: quiz('interest-rate', 'a'),
    },
    {
      id: 'k_diversify',
      topic: 'knowledge',
      text: { en: 'Spreading money over several products lowers the risk of one large loss.', zh: '分散投资于多种产品可以降低单一大额损失的风险。' },
      options: quiz('diversification', 'a'),
    },
    {
      id: 'k_guarantee',
      topic: 'knowledge',
      text: { en: 'A wealth-management product rated R4 guarantees my principal.', zh: 'R4级理财产品保证本金不受损失。' },
      options: quiz('risk-levels', 'b'),
    },
    {
      id: 'k_leverage',
      topic: 'knowledge',
      text: { en: 'With twice the leverage, a 30% fall loses 60% of my own money.', zh: '使用两倍杠杆时，标的下跌30%会使自有资金亏损60%。' },
      options: quiz('leverage', 'a'),
    },
  ],
  // Maximum score 77.
  bands: [
    { level: 1, minScore: 0, name: { en: 'C1 conservative', zh: 'C1 保守型' } },
    { level: 2, minScore: 20, name: { en: 'C2 cautious', zh: 'C2 谨慎型' } },
    { level: 3, minScore: 35, name: { en: 'C3 balanced', zh: 'C3 稳健型' } },
    { level: 4, minScore: 50, name: { en: 'C4 growth', zh: 'C4 积极型' } },
    { level: 5, minScore: 63, name: { en: 'C5 aggressive', zh: 'C5 激进型' } },
  ],
};
