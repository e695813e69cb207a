import { FeatureState } from '../core/features/state.ts';
import type { NormalizedEvent } from '../core/normalize.ts';
import type { CompiledRuleSet, Outcome } from '../core/rules/compiled.ts';
import { decide } from '../core/rules/decide.ts';
import { networkScores } from './network.ts';
import { accountOf, subjectAccounts, subjectOf, type Subject } from './subjects.ts';

export interface ReplayOptions {
  /** Called every `progressEvery` events and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
}

/** What happened to one account over the replay. */
export interface AccountTally {
  /** Sum of the weights of live rules that fired with this account as subject: the ranking score. */
  score: number;
  /** Highest single-event score attributed to the account. */
  maxScore: number;
  /**
   * Named by what raised an alert: the subject of a rule whose typology reached its alert threshold on
   * an event decided review or block, or of a rule that sets the outcome itself.
   */
  alerted: boolean;
}

export interface ReplayResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly outcomes: Record<Outcome, number>;
  /** Events whose decision failed closed on a feature or rule error. */
  readonly failures: number;
  readonly subjects: readonly Subject[];
  /** Per rule (rule-set order): positions of the events where it fired. */
  readonly fired: readonly number[][];
  /** Per typology id: positions of the events where its score reached the alert threshold. */
  readonly typologyAlerts: ReadonlyMap<string, number[]>;
  /** Per event: 1 when the decision was review, 2 when block, 0 allow. */
  readonly alerted: Uint8Array;
  /** Per rule: the accounts it fired on (as subject), whatever the decision. */
  readonly ruleAccounts: readonly Set<string>[];
  readonly typologyAccounts: ReadonlyMap<string, Set<string>>;
  readonly accounts: ReadonlyMap<string, AccountTally>;
  /** Distinct counterparties per account over the whole history: the baseline ranking. */
  readonly counterparties: ReadonlyMap<string, number>;
  /** Account ranking after the network pass (network.ts): own score plus alerted counterparties. */
  readonly ranking: ReadonlyMap<string, number>;
}

const noErrors: readonly { featureId: string; message: string }[] = [];

/** A replay fed one event at a time, so a caller can yield between chunks (the API's backtests). */
export interface ReplayStepper {
  /** Decides event `i` (events must come in event-time order, i = 0, 1, 2, …). */
  step(e: NormalizedEvent, i: number): void;
  /** The result; `seconds` is the time the caller spent stepping. */
  finish(seconds: number): ReplayResult;
}

/**
 * Replays events, already in event-time order, through the production core: the same compiled rule
 * set, FeatureState and decide() as the decision API, one event after another, with no store and no
 * HTTP. Every decision is read for what the report needs and then dropped.
 */
export function replay(
  rs: CompiledRuleSet,
  events: readonly NormalizedEvent[],
  opts: ReplayOptions = {},
): ReplayResult {
  const started = performance.now();
  const r = replayStepper(rs, events.length);
  const every = opts.progressEvery ?? 50_000;
  for (let i = 0; i < events.length; i++) {
    if (opts.onProgress && i % every === 0 && i > 0) opts.onProgress(i, events.length);
    r.step(events[i] as NormalizedEvent, i);
  }
  opts.onProgress?.(events.length, events.length);
  return r.finish((performance.now() - started) / 1000);
}

/** The state of one replay over `total` events; `replay` is this fed in one loop. */
export function replayStepper(rs: CompiledRuleSet, total: number): ReplayStepper {
  const state = new FeatureState(rs.features);
  const ruleIndex = new Map(rs.rules.map((r, i) => [r.id, i]));
  const subjects = rs.rules.map(subjectOf);
  const fired: number[][] = rs.rules.map(() => []);
  const ruleAccounts = rs.rules.map(() => new Set<string>());
  const typologyAlerts = new Map<string, number[]>([...rs.typologies.keys()].map((k) => [k, []]));
  const typologyAccounts = new Map<string, Set<string>>([...rs.typologies.keys()].map((k) => [k, new Set()]));
  const accounts = new Map<string, AccountTally>();
  const neighbours = new Map<string, Set<string>>();
  const alerted = new Uint8Array(total);
  const outcomes: Record<Outcome, number> = { allow: 0, review: 0, block: 0 };
  const tyScore = new Map<string, number>();
  const eventScore = new Map<string, number>();
  let failures = 0;

  const tally = (a: string): AccountTally => {
    let t = accounts.get(a);
    if (!t) {
      t = { score: 0, maxScore: 0, alerted: false };
      accounts.set(a, t);
    }
    return t;
  };
  const link = (a: string, b: string): void => {
    let s = neighbours.get(a);
    if (!s) neighbours.set(a, (s = new Set()));
    s.add(b);
  };

  return {
    step: decideOne,
    finish(seconds) {
      return {
        events: total,
        seconds,
        eventsPerSecond: total / Math.max(seconds, 1e-9),
        outcomes,
        failures,
        subjects,
        fired,
        typologyAlerts,
        alerted,
        ruleAccounts,
        typologyAccounts,
        accounts,
        counterparties: new Map([...neighbours].map(([a, s]) => [a, s.size])),
        ranking: networkScores(accounts, neighbours),
      };
    },
  };

  function decideOne(e: NormalizedEvent, i: number): void {
    const fv = state.values(e);
    const errors =
      fv.errors.length === 0 ? noErrors : fv.errors.map((x) => ({ featureId: x.featureId, message: x.message }));
    const d = decide(rs, e, fv.values, errors, {}, e.time);
    state.record(e);
    outcomes[d.outcome]++;
    const isAlert = d.outcome !== 'allow';
    if (isAlert) alerted[i] = d.outcome === 'block' ? 2 : 1;
    const da = accountOf(e.debtor);
    const ca = accountOf(e.creditor);
    if (da !== undefined && ca !== undefined && da !== ca) {
      link(da, ca);
      link(ca, da);
    }
    if (d.reasons.length === 0) return;
    tyScore.clear();
    eventScore.clear();
    for (const r of d.reasons) {
      if (r.error !== undefined) {
        failures++;
        continue;
      }
      const ri = ruleIndex.get(r.ruleId);
      if (ri === undefined) continue;
      fired[ri]?.push(i);
      if (r.typology !== undefined) tyScore.set(r.typology, (tyScore.get(r.typology) ?? 0) + r.weight);
      for (const a of subjectAccounts(e, subjects[ri] ?? 'both')) {
        eventScore.set(a, (eventScore.get(a) ?? 0) + r.weight);
        ruleAccounts[ri]?.add(a);
      }
    }
    for (const [a, s] of eventScore) {
      const t = tally(a);
      t.score += s;
      if (s > t.maxScore) t.maxScore = s;
    }
    for (const [ty, s] of tyScore) {
      const spec = rs.typologies.get(ty);
      if (!spec || s < spec.alertThreshold) continue;
      typologyAlerts.get(ty)?.push(i);
      for (const r of d.reasons) {
        const ri = ruleIndex.get(r.ruleId);
        if (r.typology !== ty || ri === undefined) continue;
        for (const a of subjectAccounts(e, subjects[ri] ?? 'both')) typologyAccounts.get(ty)?.add(a);
      }
    }
    if (!isAlert) return;
    // The alert is about the accounts named by what raised it: rules of a typology that reached its
    // threshold, or rules that set the outcome themselves. A payer whose weak signs fired on a payment
    // into a flagged collection account is not alerted by that payment.
    for (const r of d.reasons) {
      const ri = ruleIndex.get(r.ruleId);
      const rule = ri === undefined ? undefined : rs.rules[ri];
      if (ri === undefined || !rule || r.error !== undefined) continue;
      const spec = r.typology === undefined ? undefined : rs.typologies.get(r.typology);
      const raised =
        rule.outcome !== 'allow' || (spec !== undefined && (tyScore.get(spec.id) ?? 0) >= spec.alertThreshold);
      if (!raised) continue;
      for (const a of subjectAccounts(e, subjects[ri] ?? 'both')) tally(a).alerted = true;
    }
  }
}
