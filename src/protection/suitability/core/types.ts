/**
 * Investor suitability: the pure model. Investors sit in categories C1–C5 (1–5 here), products carry
 * risk levels R1–R5 (1–5); 0 means unknown. Every text a customer or operator reads is bilingual.
 */

export interface Bilingual {
  en: string;
  zh: string;
}

export type Level = 1 | 2 | 3 | 4 | 5;
export const levels: readonly Level[] = [1, 2, 3, 4, 5];
export const isLevel = (n: number): n is Level => Number.isInteger(n) && n >= 1 && n <= 5;

export const horizons = ['short', 'medium', 'long'] as const;
export type Horizon = (typeof horizons)[number];
/** How soon the investor may need the money back: high = any day, low = can lock it away. */
export const liquidityNeeds = ['high', 'medium', 'low'] as const;
export type LiquidityNeed = (typeof liquidityNeeds)[number];
export const goals = ['preserve', 'income', 'growth', 'speculate'] as const;
export type Goal = (typeof goals)[number];
/** How a product gives the money back. */
export const liquidities = ['daily', 'weekly', 'monthly', 'locked'] as const;
export type Liquidity = (typeof liquidities)[number];

/**
 * An answer. `tags` say what it reveals besides the score: `gap:<topic>` (a knowledge gap, for
 * education), `horizon:<h>`, `liquidity:<l>`, `goal:<g>` (for recommendation). `capLevel` caps the
 * category whatever the score (e.g. "I cannot accept any loss" keeps the investor in C1).
 */
export interface AnswerOption {
  id: string;
  text: Bilingual;
  score: number;
  tags?: string[];
  capLevel?: Level;
}

export interface Question {
  id: string;
  topic: 'age' | 'income' | 'assets' | 'experience' | 'horizon' | 'attitude' | 'knowledge' | 'liquidity' | 'goal';
  text: Bilingual;
  /** multi: the best-scoring chosen answer counts; every chosen answer's tags count. */
  multi?: boolean;
  options: AnswerOption[];
}

/** A category band: an investor with a total score ≥ minScore (and no lower cap) is at `level`. */
export interface Band {
  level: Level;
  minScore: number;
  name: Bilingual;
}

export interface Questionnaire {
  id: string;
  version: number;
  name: Bilingual;
  /** Where the questions and bands come from. */
  source: Bilingual;
  questions: Question[];
  /** Ascending by minScore; the first has minScore 0 and level 1. */
  bands: Band[];
}

/** The outcome of one completed questionnaire. */
export interface Scoring {
  score: number;
  level: Level;
  /** The score's band before any cap. */
  scoreLevel: Level;
  /** Ids of the answers that capped the level. */
  cappedBy: string[];
  knowledgeGaps: string[];
  /** Absent when no answer said (a stored assessment drops an undefined field). */
  horizon?: Horizon | undefined;
  liquidity?: LiquidityNeed | undefined;
  goals: Goal[];
}

export interface Assessment extends Scoring {
  tenantId: string;
  id: string;
  customerId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Record<string, string[]>;
  assessedAt: number;
  expiresAt: number;
  actorId: string;
}

/** A professional investor (CSRC Measures art. 8): a separate status, granted with four eyes. */
export interface ProfessionalStatus {
  basis: string;
  grantedBy: string;
  approvedBy: string;
  since: number;
  until: number;
}

export interface Product {
  tenantId: string;
  id: string;
  name: Bilingual;
  risk: Level;
  /** The intended holding period in months (0: open-ended, redeem any day). */
  horizonMonths: number;
  liquidity: Liquidity;
  goals: Goal[];
  /** The product's own warning, shown with the standard one. */
  warning?: Bilingual | undefined;
  status: 'on_sale' | 'withdrawn';
  updatedAt: number;
}

/** A customer confirmed they read the risk warning for buying a product above their category. */
export interface Acknowledgement {
  tenantId: string;
  id: string;
  customerId: string;
  productId: string;
  /** The assessment the warning was given against: a new assessment needs a new acknowledgement. */
  assessmentId: string;
  customerLevel: Level;
  productRisk: Level;
  /** Hash of the exact warning text shown (both languages). */
  warningHash: string;
  channel: string;
  actorId: string;
  at: number;
}

export type MismatchPolicy = 'refuse' | 'acknowledge';
