/** What the API shows: categories as C1–C5, risks as R1–R5, times in RFC 3339. */
import type { Verdict } from './core/matching.ts';
import { categoryName, riskName } from './core/scoring.ts';
import type { Acknowledgement, Assessment, Bilingual, Product } from './core/types.ts';
import type { LessonProgress, ProfessionalRecord } from './storage/port.ts';
import type { Lesson } from './data/lessons.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

export const assessmentView = (a: Assessment, now: number) => ({
  id: a.id,
  customerId: a.customerId,
  category: categoryName(a.level),
  level: a.level,
  score: a.score,
  scoreCategory: categoryName(a.scoreLevel),
  cappedBy: a.cappedBy,
  questionnaire: { id: a.questionnaireId, version: a.questionnaireVersion },
  knowledgeGaps: a.knowledgeGaps,
  ...(a.horizon ? { horizon: a.horizon } : {}),
  ...(a.liquidity ? { liquidity: a.liquidity } : {}),
  goals: a.goals,
  assessedAt: iso(a.assessedAt),
  expiresAt: iso(a.expiresAt),
  expired: now >= a.expiresAt,
  actorId: a.actorId,
});
export type AssessmentView = ReturnType<typeof assessmentView>;

export const professionalView = (r: ProfessionalRecord, now: number) => ({
  state: r.state,
  inForce: r.state === 'approved' && r.since !== undefined && r.since <= now && now < r.until,
  basis: r.basis,
  proposedBy: r.proposedBy,
  proposedAt: iso(r.proposedAt),
  ...(r.approvedBy ? { approvedBy: r.approvedBy } : {}),
  ...(r.since !== undefined ? { since: iso(r.since) } : {}),
  until: iso(r.until),
  version: r.version,
});

export const productView = (p: Product) => ({
  id: p.id,
  name: p.name,
  risk: riskName(p.risk),
  horizonMonths: p.horizonMonths,
  liquidity: p.liquidity,
  goals: p.goals,
  ...(p.warning ? { warning: p.warning } : {}),
  status: p.status,
  updatedAt: iso(p.updatedAt),
});
export type ProductView = ReturnType<typeof productView>;

export const verdictView = (v: Verdict, warning?: { text: Bilingual; hash: string }) => ({
  category: v.category ? categoryName(v.category) : null,
  productRisk: riskName(v.productRisk),
  matched: v.matched,
  expired: v.expired,
  professional: v.professional,
  acknowledged: v.acknowledged,
  allowed: v.allowed,
  needs: v.needs,
  reason: v.reason,
  ...(warning ? { warning: warning.text, warningHash: warning.hash } : {}),
});

export const acknowledgementView = (a: Acknowledgement) => ({
  id: a.id,
  customerId: a.customerId,
  productId: a.productId,
  assessmentId: a.assessmentId,
  category: categoryName(a.customerLevel),
  productRisk: riskName(a.productRisk),
  warningHash: a.warningHash,
  channel: a.channel,
  actorId: a.actorId,
  at: iso(a.at),
});

export const lessonView = (l: Lesson, p: LessonProgress | undefined) => ({
  id: l.id,
  topic: l.topic,
  title: l.title,
  body: l.body,
  minutes: l.minutes,
  state: p?.completedAt !== undefined ? ('completed' as const) : p ? ('started' as const) : ('not_started' as const),
  ...(p ? { startedAt: iso(p.startedAt) } : {}),
  ...(p?.completedAt !== undefined ? { completedAt: iso(p.completedAt) } : {}),
});
