import { addCalendarDays } from './due-dates.ts';
import type { CompiledRuleSet, Outcome, RuleInput } from './compiled.ts';
import type { FeatureValue } from '../features/state.ts';
import type { NormalizedEvent } from '../normalize.ts';
import { noScreening, type ScreeningInput } from '../screening-input.ts';
import { fillCreditFigures, noCredit, type CreditInput, type CreditReasonInput } from '../credit-input.ts';
import { noSuitability, type SuitabilityInput } from '../suitability-input.ts';

export interface Reason {
  ruleId: string;
  typology?: string;
  weight: number;
  message: string;
  messageZh: string;
  /** Present when the reason is a failure that made the decision fail closed. */
  error?: string;
}

export interface Obligation {
  kind: string;
  code: string;
  dueBy: string;
  ruleId: string;
}

/** What a shadow rule-set version would have decided: recorded, never acted on. */
export interface ShadowRuleSetDecision {
  version: string;
  outcome: Outcome;
  score: number;
  /** Ids of the rules that fired (including failures). */
  ruleIds: string[];
  /** Present when the shadow version could not be evaluated at all. */
  error?: string;
}

export interface Decision {
  eventId: string;
  outcome: Outcome;
  score: number;
  reasons: Reason[];
  obligations: Obligation[];
  /** Shadow rules that fired: recorded, never acted on. */
  shadow: Reason[];
  features: Record<string, FeatureValue>;
  ruleSetVersion: string;
  decidedAt: string;
  /** Set when a shadow rule-set version is running beside the active one. */
  shadowRuleSet?: ShadowRuleSetDecision;
  /** Loan events: the score and reason codes (so a decline can be explained) and the annualised cost. */
  credit?: DecisionCredit;
  /** Investment events: the suitability facts the rules saw (category, product risk, match, cooling-off). */
  suitability?: DecisionSuitability;
}

export type DecisionSuitability = Pick<
  SuitabilityInput,
  'category' | 'productRisk' | 'matched' | 'expired' | 'acknowledged' | 'professional' | 'coolingOff'
>;

export interface DecisionCredit {
  scorecard: string;
  score: number;
  reasons: CreditReasonInput[];
  limit: number;
  limitCurrency: string;
  /** -1 when unknown. */
  apr: number;
  outstanding: number;
  /** The score with the scorecard running in shadow, for comparison. */
  shadow?: { scorecard: string; score: number };
}

const creditOf = (c: CreditInput): DecisionCredit | undefined =>
  c === noCredit
    ? undefined
    : {
        scorecard: c.scorecard,
        score: c.score,
        reasons: [...c.reasons],
        limit: c.limit,
        limitCurrency: c.limitCurrency,
        apr: c.apr,
        outstanding: c.outstanding,
        ...(c.shadow ? { shadow: { ...c.shadow } } : {}),
      };

const rank: Record<Outcome, number> = { allow: 0, review: 1, block: 2 };
const worse = (a: Outcome, b: Outcome): Outcome => (rank[b] > rank[a] ? b : a);

/**
 * The decision on one event: pure, given the rule set, the feature values as of the event, and the
 * time. Score is the sum of the weights of the active rules that fired; each typology's own score is
 * compared with its alert and interdiction thresholds. Anything that fails to evaluate makes the
 * decision at least `review`, with the failure named — never a silent allow.
 */
export function decide(
  rs: CompiledRuleSet,
  event: NormalizedEvent,
  features: Record<string, FeatureValue>,
  featureErrors: readonly { featureId: string; message: string }[],
  party: Readonly<Record<string, unknown>>,
  decidedAt: number,
  screening: ScreeningInput = noScreening,
  credit: CreditInput = noCredit,
  suitability: SuitabilityInput = noSuitability,
): Decision {
  const input: RuleInput = { event, features, party, lists: rs.lists, screening, credit, suitability };
  const reasons: Reason[] = [];
  const shadow: Reason[] = [];
  const obligations: Obligation[] = [];
  let typologyScore: Map<string, number> | undefined; // most decisions fire no typology: no map for them
  let outcome: Outcome = 'allow';
  let score = 0;

  for (const fe of featureErrors) {
    outcome = 'review';
    reasons.push({
      ruleId: `feature:${fe.featureId}`,
      weight: 0,
      message: `Feature ${fe.featureId} could not be computed (${fe.message}); sent to review.`,
      messageZh: `特征 ${fe.featureId} 计算失败（${fe.message}），已转人工审核。`,
      error: 'ZHILI_E_RULE_RUNTIME',
    });
  }

  for (const rule of rs.rules) {
    let fired: boolean;
    try {
      fired = rule.test(input);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (rule.shadow) continue;
      outcome = worse(outcome, 'review');
      reasons.push({
        ruleId: rule.id,
        weight: 0,
        message: `Rule ${rule.id} failed (${msg}); sent to review.`,
        messageZh: `规则 ${rule.id} 运行出错（${msg}），已转人工审核。`,
        error: 'ZHILI_E_RULE_RUNTIME',
        ...(rule.typology ? { typology: rule.typology } : {}),
      });
      continue;
    }
    if (!fired) continue;
    const reason: Reason = {
      ruleId: rule.id,
      weight: rule.weight,
      message: credit === noCredit ? rule.reason : fillCreditFigures(rule.reason, credit),
      messageZh: credit === noCredit ? rule.reasonZh : fillCreditFigures(rule.reasonZh, credit),
      ...(rule.typology ? { typology: rule.typology } : {}),
    };
    if (rule.shadow) {
      shadow.push(reason);
      continue;
    }
    reasons.push(reason);
    score += rule.weight;
    outcome = worse(outcome, rule.outcome);
    if (rule.typology) {
      typologyScore ??= new Map();
      typologyScore.set(rule.typology, (typologyScore.get(rule.typology) ?? 0) + rule.weight);
    }
    for (const o of rule.obligations) {
      if (obligations.some((x) => x.kind === o.kind && x.code === o.code)) continue;
      const dueBy =
        o.dueWorkingDays !== undefined
          ? rs.calendar.addWorkingDays(event.localDate, o.dueWorkingDays)
          : addCalendarDays(event.localDate, o.dueDays ?? 0);
      obligations.push({ kind: o.kind, code: o.code, dueBy, ruleId: rule.id });
    }
  }

  for (const [id, s] of typologyScore ?? []) {
    const t = rs.typologies.get(id);
    if (!t) continue;
    if (t.interdictionThreshold !== undefined && s >= t.interdictionThreshold) outcome = worse(outcome, 'block');
    else if (s >= t.alertThreshold) outcome = worse(outcome, 'review');
  }

  const decision: Decision = {
    eventId: event.id,
    outcome,
    score,
    reasons,
    obligations,
    shadow,
    features,
    ruleSetVersion: rs.version,
    decidedAt: new Date(decidedAt).toISOString(),
  };
  const c = creditOf(credit);
  if (c) decision.credit = c;
  if (suitability.checked) {
    const { category, productRisk, matched, expired, acknowledged, professional, coolingOff } = suitability;
    decision.suitability = { category, productRisk, matched, expired, acknowledged, professional, coolingOff };
  }
  return decision;
}
