import type { CompiledRule, CompiledRuleSet } from '../core/rules/compiled.ts';
import type { Reason } from '../core/rules/decide.ts';
import type { Evaluation } from './intake.ts';

/**
 * A Zhili decision in the shape of Tazama's evaluation report (admin service `getreportbymsgid`).
 *
 * Tazama names in a rule's tags: `tazama:rule=901@1.0.0`, `tazama:cfg=1.0.0`, `tazama:subRuleRef=.01`,
 * `tazama:typology=999@1.0.0`. Zhili rules sharing a `tazama:rule` are the bands of one Tazama rule and
 * give one rule result. Rules without tags report as `<rule id>` with the rule set version as `cfg`.
 */
export interface RuleResult {
  id: string;
  cfg: string;
  subRuleRef: string;
  wght: number;
  prcgTm: number;
}

export interface TypologyResult {
  id: string;
  cfg: string;
  result: number;
  prcgTm: number;
  review: boolean;
  workflow: { alertThreshold: number; interdictionThreshold?: number };
  ruleResults: RuleResult[];
}

const TADP = { id: '004@1.0.0', cfg: '1.0.0', txTp: 'pacs.002.001.12' };
const TYPOLOGY_PROCESSOR = 'typology-processor@1.0.0';

function tag(rule: CompiledRule, name: string): string | undefined {
  const prefix = `tazama:${name}=`;
  return rule.tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
}

interface RuleGroup {
  id: string;
  cfg: string;
  members: CompiledRule[];
}

interface TypologyPlan {
  id: string;
  cfg: string;
  alertThreshold: number;
  interdictionThreshold: number | undefined;
  groups: RuleGroup[];
}

/** Which typologies and rules the rule set runs, in Tazama's terms (the "network map"). */
function plan(rs: CompiledRuleSet): TypologyPlan[] {
  const out: TypologyPlan[] = [];
  for (const t of rs.typologies.values()) {
    const rules = rs.rules.filter((r) => r.typology === t.id && !r.shadow);
    if (rules.length === 0) continue;
    const groups = new Map<string, RuleGroup>();
    for (const r of rules) {
      const id = tag(r, 'rule') ?? r.id;
      const g = groups.get(id) ?? { id, cfg: tag(r, 'cfg') ?? rs.version, members: [] };
      g.members.push(r);
      groups.set(id, g);
    }
    const cfg = rules.map((r) => tag(r, 'typology')).find((x) => x !== undefined) ?? `${t.id}@${rs.version}`;
    out.push({
      id: t.id,
      cfg,
      alertThreshold: t.alertThreshold,
      interdictionThreshold: t.interdictionThreshold,
      groups: [...groups.values()],
    });
  }
  return out;
}

export function networkMap(rs: CompiledRuleSet | undefined): Record<string, unknown> {
  return {
    active: true,
    cfg: rs?.version ?? 'none',
    messages: [
      {
        id: TADP.id,
        cfg: TADP.cfg,
        txTp: TADP.txTp,
        typologies: (rs ? plan(rs) : []).map((t) => ({
          id: TYPOLOGY_PROCESSOR,
          cfg: t.cfg,
          rules: t.groups.map((g) => ({ id: g.id, cfg: g.cfg })),
        })),
      },
    ],
  };
}

function ruleResult(g: RuleGroup, reasons: readonly Reason[], prcgTm: number): RuleResult {
  for (const r of g.members) {
    const reason = reasons.find((x) => x.ruleId === r.id);
    if (!reason) continue;
    if (reason.error) return { id: g.id, cfg: g.cfg, subRuleRef: '.err', wght: 0, prcgTm };
    return { id: g.id, cfg: g.cfg, subRuleRef: tag(r, 'subRuleRef') ?? '.01', wght: reason.weight, prcgTm };
  }
  // No band of this rule fired: nothing to add to the typology.
  return { id: g.id, cfg: g.cfg, subRuleRef: 'none', wght: 0, prcgTm };
}

/**
 * The report for one evaluated pacs.002. Thresholds come from the rule set given (the tenant's active
 * one). Zhili evaluates all rules in one pass, so the typology and rule `prcgTm` carry the time of the
 * whole evaluation, not a per-rule measurement.
 */
export function tazamaReport(ev: Evaluation, rs: CompiledRuleSet | undefined): Record<string, unknown> {
  const d = ev.decision;
  const typologyResult: TypologyResult[] = (rs ? plan(rs) : []).map((t) => {
    const ruleResults = t.groups.map((g) => ruleResult(g, d.reasons, ev.prcgTmTADP));
    const result = ruleResults.reduce((s, r) => s + r.wght, 0);
    return {
      id: TYPOLOGY_PROCESSOR,
      cfg: t.cfg,
      result,
      prcgTm: ev.prcgTmTADP,
      review: result >= t.alertThreshold,
      workflow: {
        alertThreshold: t.alertThreshold,
        ...(t.interdictionThreshold === undefined ? {} : { interdictionThreshold: t.interdictionThreshold }),
      },
      ruleResults,
    };
  });
  const alert = d.outcome !== 'allow' || typologyResult.some((t) => t.review);
  return {
    transactionID: ev.msgId,
    transaction: ev.transaction,
    networkMap: networkMap(rs),
    DataCache: ev.pending.dataCache,
    report: {
      evaluationID: ev.eventId,
      metaData: { prcgTmDP: ev.prcgTmDP, prcgTmED: ev.prcgTmED },
      status: alert ? 'ALRT' : 'NALT',
      timestamp: d.decidedAt,
      tadpResult: { id: TADP.id, cfg: TADP.cfg, prcgTm: ev.prcgTmTADP, typologyResult },
    },
    zhili: {
      eventId: ev.eventId,
      outcome: d.outcome,
      score: d.score,
      ruleSetVersion: d.ruleSetVersion,
      reasons: d.reasons,
      obligations: d.obligations,
    },
  };
}
