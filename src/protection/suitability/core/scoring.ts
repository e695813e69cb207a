import {
  goals,
  horizons,
  isLevel,
  liquidityNeeds,
  type Goal,
  type Horizon,
  type Level,
  type LiquidityNeed,
  type Questionnaire,
  type Scoring,
} from './types.ts';

export type ScoringError = { pointer: string; en: string; zh: string };

/** A questionnaire's internal consistency: ids unique, bands ascending from 0 with levels 1…5 in order. */
export function checkQuestionnaire(q: Questionnaire): ScoringError | undefined {
  const ids = new Set<string>();
  for (const [i, question] of q.questions.entries()) {
    if (ids.has(question.id))
      return { pointer: `/questions/${i}/id`, en: 'Duplicate question id.', zh: '问题编号重复。' };
    ids.add(question.id);
    const opts = new Set(question.options.map((o) => o.id));
    if (opts.size !== question.options.length || opts.size === 0)
      return {
        pointer: `/questions/${i}/options`,
        en: 'Answer ids must be unique and present.',
        zh: '答案编号须唯一且不能为空。',
      };
  }
  const b = q.bands;
  if (b[0]?.minScore !== 0 || b[0].level !== 1)
    return {
      pointer: '/bands/0',
      en: 'The first band starts at score 0 with level C1.',
      zh: '第一档须从0分开始且为C1。',
    };
  for (let i = 1; i < b.length; i++)
    if (b[i]!.minScore <= b[i - 1]!.minScore || b[i]!.level <= b[i - 1]!.level)
      return { pointer: `/bands/${i}`, en: 'Bands must rise in score and level.', zh: '分档的分数与类别须递增。' };
  return undefined;
}

const tagged = <T extends string>(tags: readonly string[], prefix: string, allowed: readonly T[]): T[] =>
  tags
    .filter((t) => t.startsWith(prefix))
    .map((t) => t.slice(prefix.length))
    .filter((v): v is T => (allowed as readonly string[]).includes(v));

/** The most cautious of several stated needs (short before long, high liquidity before low). */
const mostCautious = <T extends string>(found: T[], order: readonly T[]): T | undefined =>
  order.find((x) => found.includes(x));

/**
 * Scores a completed questionnaire: the sum of the answers' scores (a multiple-choice question counts
 * its best answer), the band of that score, lowered by any answer's cap; and what the answers reveal —
 * knowledge gaps, horizon, liquidity need and goals. Every question must be answered.
 */
export function scoreAnswers(
  q: Questionnaire,
  answers: Readonly<Record<string, readonly string[]>>,
): { ok: true; value: Scoring } | { ok: false; error: ScoringError } {
  let score = 0;
  let cap: Level = 5;
  const cappedBy: string[] = [];
  const tags: string[] = [];
  for (const known of Object.keys(answers))
    if (!q.questions.some((x) => x.id === known))
      return { ok: false, error: { pointer: `/answers/${known}`, en: 'No such question.', zh: '问卷中没有该问题。' } };
  for (const question of q.questions) {
    const chosen = answers[question.id] ?? [];
    const pointer = `/answers/${question.id}`;
    if (chosen.length === 0)
      return { ok: false, error: { pointer, en: 'Every question must be answered.', zh: '每个问题都须作答。' } };
    if (!question.multi && chosen.length > 1)
      return { ok: false, error: { pointer, en: 'Choose one answer.', zh: '该题为单选题。' } };
    if (new Set(chosen).size !== chosen.length)
      return { ok: false, error: { pointer, en: 'An answer is repeated.', zh: '答案重复。' } };
    let best = -Infinity;
    for (const id of chosen) {
      const o = question.options.find((x) => x.id === id);
      if (!o) return { ok: false, error: { pointer, en: `No answer ${id}.`, zh: `没有答案 ${id}。` } };
      best = Math.max(best, o.score);
      tags.push(...(o.tags ?? []));
      if (o.capLevel !== undefined && o.capLevel <= cap) {
        if (o.capLevel < cap) cappedBy.length = 0;
        cap = o.capLevel;
        cappedBy.push(`${question.id}:${o.id}`);
      }
    }
    score += best;
  }
  let scoreLevel: Level = 1;
  for (const b of q.bands) if (score >= b.minScore && isLevel(b.level)) scoreLevel = b.level;
  const level = Math.min(scoreLevel, cap) as Level;
  return {
    ok: true,
    value: {
      score,
      level,
      scoreLevel,
      cappedBy: level < scoreLevel ? cappedBy : [],
      knowledgeGaps: [...new Set(tags.filter((t) => t.startsWith('gap:')).map((t) => t.slice(4)))].sort(),
      horizon: mostCautious<Horizon>(tagged(tags, 'horizon:', horizons), horizons),
      liquidity: mostCautious<LiquidityNeed>(tagged(tags, 'liquidity:', liquidityNeeds), liquidityNeeds),
      goals: [...new Set(tagged<Goal>(tags, 'goal:', goals))].sort(),
    },
  };
}

/** When an assessment made at `at` stops counting: `months` calendar months later (UTC). */
export function expiryOf(at: number, months: number): number {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

export const categoryName = (l: number): string => (isLevel(l) ? `C${l}` : 'C?');
export const riskName = (l: number): string => (isLevel(l) ? `R${l}` : 'R?');
