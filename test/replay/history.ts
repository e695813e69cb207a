import { canonicalJson, chinaCalendar, makeFxTable, sha256Hex } from '../../src/kernel/index.ts';
import { FeatureState, compileRuleSet, decide, fxTableData, normalizeEvent } from '../../src/monitoring/index.ts';
import type { CompiledRuleSet, Decision, EventInput } from '../../src/monitoring/index.ts';

/**
 * A recorded history, as the decision log holds it: the rule-set documents that were active, and every
 * committed event with the version that decided it, its party data, and the hash of the decision.
 */
export interface History {
  readonly description: string;
  readonly timeZone: string;
  readonly ruleSets: readonly { readonly version: string; readonly document: unknown }[];
  readonly events: readonly RecordedEvent[];
}

export interface RecordedEvent {
  readonly input: EventInput;
  readonly party: Readonly<Record<string, unknown>>;
  readonly ruleSetVersion: string;
  readonly decisionHash: string;
  /** What the decision was, for a readable message when a hash no longer matches. */
  readonly summary: { outcome: string; score: number; ruleIds: string[] };
}

/** What of a decision is deterministic given the history: everything (decidedAt is the event time). */
export type DecisionContent = Omit<Decision, 'shadowRuleSet'>;

export const content = (d: Decision): DecisionContent => {
  const { shadowRuleSet: _drop, ...rest } = d;
  return rest;
};
export const decisionHash = (d: DecisionContent): string => sha256Hex(canonicalJson(d));

function compileAll(h: Pick<History, 'ruleSets' | 'timeZone'>): Map<string, CompiledRuleSet> {
  const calendar = chinaCalendar();
  const out = new Map<string, CompiledRuleSet>();
  for (const rs of h.ruleSets) {
    const c = compileRuleSet(rs.document, { calendar, defaultTimeZone: h.timeZone });
    if (!c.ok) throw new Error(`rule set ${rs.version} no longer compiles: ${JSON.stringify(c.errors)}`);
    out.set(rs.version, c.ruleSet);
  }
  return out;
}

/**
 * Re-decides a history through the engine's pure core: normalize, feature windows, decide. Each rule-set
 * version keeps its own feature state fed with every event in order, as the engine rebuilds windows from
 * history when a version is activated; an event is decided by the version recorded for it.
 */
export function redecide(
  h: Pick<History, 'ruleSets' | 'timeZone'>,
  events: readonly Pick<RecordedEvent, 'input' | 'party' | 'ruleSetVersion'>[],
): DecisionContent[] {
  const compiled = compileAll(h);
  const fx = makeFxTable(fxTableData());
  const states = new Map([...compiled].map(([v, rs]) => [v, new FeatureState(rs.features)] as const));
  return events.map((e) => {
    const rs = compiled.get(e.ruleSetVersion);
    if (rs === undefined) throw new Error(`event ${e.input.id}: unknown rule-set version ${e.ruleSetVersion}`);
    const n = normalizeEvent(e.input, { timeZone: rs.timeZone, fx });
    if (!n.ok) throw new Error(`event ${e.input.id} no longer normalizes: ${JSON.stringify(n)}`);
    const state = states.get(e.ruleSetVersion) as FeatureState;
    const fv = state.values(n.event);
    const errors = fv.errors.map((x) => ({ featureId: x.featureId, message: x.message }));
    const d = decide(rs, n.event, fv.values, errors, e.party, n.event.time);
    for (const s of states.values()) s.record(n.event);
    return content(d);
  });
}
